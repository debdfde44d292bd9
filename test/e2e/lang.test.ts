/**
 * `/site lang` end to end: one person's choice, kept in DynamoDB, changes their private answers
 * (help, status, a refusal) and the channel messages of the runs they start; another person's
 * stay in the workspace's language (English here).
 */
import type { TestSandbox } from '../helpers/sandbox';
import { startTestSandbox } from '../helpers/sandbox';
import { failOnSlackViolations } from '../helpers/slack-violations';
import { channelMessages, readable } from './helpers';

jest.setTimeout(120_000);

/** Kana: what any Japanese sentence has and no English one does. */
const JAPANESE = /[\u3040-\u30ff]/;
const textOf = (body: string) => (JSON.parse(body) as { text: string }).text;

let sb: TestSandbox;
failOnSlackViolations(() => sb);

beforeAll(async () => {
  sb = await startTestSandbox({ speed: 0 });
});
afterAll(async () => {
  await sb.stop();
});

test('/site lang alone says English comes from the workspace until a choice is made', async () => {
  const res = await sb.command('lang', 'UJA');
  expect(textOf(res.body)).toContain("the workspace's default");
  expect(textOf(res.body)).toContain('SITEBOT_LANG');
});

test('after /site lang ja, that person reads Japanese and another person English', async () => {
  const set = await sb.command('lang ja', 'UJA');
  // The answer is already in the new language.
  expect(textOf(set.body)).toMatch(JAPANESE);
  expect(await sb.store.preferences?.getLang('UJA')).toBe('ja');

  const now = await sb.command('lang', 'UJA');
  expect(textOf(now.body)).toContain('日本語');
  expect(textOf(now.body)).toContain('あなた自身が選んだ');

  for (const command of ['help', 'status', 'destroy nosuch', 'create Demo']) {
    const ja = await sb.command(command, 'UJA');
    const en = await sb.command(command, 'UEN');
    expect({ command, text: textOf(ja.body) }).toEqual({ command, text: expect.stringMatching(JAPANESE) });
    expect({ command, text: textOf(en.body) }).toEqual({
      command,
      text: expect.not.stringMatching(JAPANESE),
    });
  }
});

test('a run started by the Japanese reader records ja and posts its channel message in Japanese', async () => {
  const started = await sb.command('create jademo', 'UJA');
  expect(textOf(started.body)).toMatch(JAPANESE);
  const env = await sb.store.environments.get('jademo');
  const run = env?.currentRunId ? await sb.store.runs.get(env.currentRunId) : undefined;
  expect(run?.params.lang).toBe('ja');
  const posted = channelMessages(await sb.messages()).find((m) => readable(m).includes('jademo'));
  expect(posted && readable(posted)).toMatch(JAPANESE);
});

test('back to English with /site lang en, answered in English', async () => {
  const set = await sb.command('lang en', 'UJA');
  expect(textOf(set.body)).not.toMatch(JAPANESE);
  expect(textOf((await sb.command('help', 'UJA')).body)).not.toMatch(JAPANESE);
});
