/**
 * `/site create <env> --explain` in Japanese and in English (issue 20, "done when"): in the run's
 * thread, one explanation for every create step, in the run's language, each within Slack's
 * limits, and the create reaches ready.
 *
 * One sandbox whose workspace speaks Japanese (`SITEBOT_LANG=ja`): the owner chose nothing, so
 * their run speaks Japanese; another user chose English (`/site lang en`), so theirs speaks
 * English. The emulator's clock is stopped (virtual time, `runUntil`), and the strict Slack
 * stand-in refuses what Slack refuses: `failOnSlackViolations` fails a test during which it
 * logged anything.
 */
import { textsFor, type Texts } from '../../src/i18n/texts';
import { checkMessage } from '../../src/sandbox/slack/message-check';
import { WORKFLOW_OUTLINES } from '../../src/workflows/outlines';
import type { SandboxMessage, TestSandbox } from '../helpers/sandbox';
import { startTestSandbox } from '../helpers/sandbox';
import { failOnSlackViolations } from '../helpers/slack-violations';
import { readable, runUntilStatus, threadReplies } from './helpers';

jest.setTimeout(300_000);

const JA = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' });
const EN = textsFor({ lang: 'en', timeZone: 'UTC' });
const STEP_IDS = WORKFLOW_OUTLINES.create.steps.map((s) => s.id);
/** Kana or kanji: a text written in Japanese has them. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
/** Three lowercase English words in a row: a sentence left in English. */
const ENGLISH_PROSE = /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/;

let sb: TestSandbox;
failOnSlackViolations(() => sb);

beforeAll(async () => {
  sb = await startTestSandbox({ env: { SITEBOT_LANG: 'ja' }, speed: 0, progressIntervalMs: 0 });
});
afterAll(async () => {
  await sb?.stop();
});

const ack = (res: { body: string }) => JSON.parse(res.body) as { response_type?: string; text: string };
const titleOf = (t: Texts, id: string) => t.steps.create[id as keyof Texts['steps']['create']].title;
/** The step an explanation is about, from its heading (`:bulb: *<title>*`). */
function stepOf(t: Texts, m: SandboxMessage): string | undefined {
  return STEP_IDS.find((id) => m.text.startsWith(`${titleOf(t, id)}: `));
}
/** What a person reads in a reply's blocks: the sections' and contexts' texts. */
function blockTexts(m: SandboxMessage): string[] {
  return JSON.stringify(m.blocks)
    .match(/"text":"((?:[^"\\]|\\.)*)"/g)!
    .map((s) => JSON.parse(`{${s}}`) as { text: string })
    .map((o) => o.text);
}

/** Creates `env` with `--explain` as `user`, runs it to ready; the run's thread replies, by step. */
async function explainedCreate(env: string, user: string, t: Texts): Promise<Map<string, SandboxMessage[]>> {
  const started = ack(await sb.command(`create ${env} --explain`, user));
  expect(started.response_type).toBe('ephemeral');
  await runUntilStatus(sb, env, 'ready', 3 * 3_600_000);
  await sb.workflows!.settle();
  const messages = await sb.messages('C1');
  // The run's thread: the one the preflight's explanation went to.
  const first = messages.find((m) => m.thread_ts && stepOf(t, m) === 'preflight');
  expect(first).toBeDefined();
  const replies = threadReplies(messages, first!.thread_ts!);
  const byStep = new Map<string, SandboxMessage[]>();
  for (const m of replies) {
    const step = stepOf(t, m);
    if (step) byStep.set(step, [...(byStep.get(step) ?? []), m]);
  }
  return byStep;
}

test('SITEBOT_LANG=ja: one Japanese explanation per create step in the thread, and the create is ready', async () => {
  const byStep = await explainedCreate('demo', 'UOWNER', JA);
  expect([...byStep.keys()].sort()).toEqual([...STEP_IDS].sort());
  for (const id of STEP_IDS) {
    const [reply, ...again] = byStep.get(id)!;
    expect(again).toHaveLength(0);
    const texts = blockTexts(reply);
    const [heading, ...lines] = texts.slice(0, -1).join('\n').split('\n');
    expect(heading).toBe(`:bulb: *${titleOf(JA, id)}*`);
    // What, why, the hands-on and how sitebot differs: each in Japanese, no English sentence in it.
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const text of lines) {
      expect(text).toMatch(JAPANESE);
      expect(text).not.toMatch(ENGLISH_PROSE);
    }
    expect(texts.at(-1)).toContain(`${JA.explain.doc()}:`);
    expect(texts.at(-1)).toMatch(/<https:\/\/docs\.aws\.amazon\.com\/ja_jp\/[^|>]+\|[^>]+>/);
    expect(checkMessage({ text: reply.text, blocks: reply.blocks }).ok).toBe(true);
  }
  // The ready message in the channel is Japanese too.
  const ready = (await sb.messages('C1')).filter((m) => !m.thread_ts && readable(m).includes('demo')).at(-1)!;
  expect(readable(ready)).toMatch(JAPANESE);
});

test('a user who chose English gets English explanations in the same workspace', async () => {
  // The reader's choice, as `/site lang en` keeps it (that command's service is the bot's part).
  await sb.store.preferences!.setLang('UEN', 'en', sb.workflows!.clock.now());
  const byStep = await explainedCreate('other', 'UEN', EN);
  expect([...byStep.keys()].sort()).toEqual([...STEP_IDS].sort());
  for (const id of STEP_IDS) {
    const [reply, ...again] = byStep.get(id)!;
    expect(again).toHaveLength(0);
    const texts = blockTexts(reply);
    const [heading, what, why] = texts.slice(0, -1).join('\n').split('\n');
    expect(heading).toBe(`:bulb: *${titleOf(EN, id)}*`);
    // English prose (the hands-on's line may quote its Japanese names, as the write-up has them).
    expect(`${what} ${why}`).toMatch(ENGLISH_PROSE);
    expect(`${what} ${why}`).not.toMatch(JAPANESE);
    expect(texts.at(-1)).toContain(`${EN.explain.doc()}:`);
    expect(texts.at(-1)).toMatch(/<https:\/\/docs\.aws\.amazon\.com\/(?!ja_jp)[^|>]+\|[^>]+>/);
    expect(checkMessage({ text: reply.text, blocks: reply.blocks }).ok).toBe(true);
  }
});
