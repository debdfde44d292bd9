/**
 * Explain mode end to end, in Japanese: a reader who chose `ja` creates with `--explain`, and
 * every step of the create gets one explanation in the run's thread, in Japanese, with the run's
 * real names; `/site explain <env>` afterwards posts nothing twice; a drill with `--explain`
 * explains its steps in its own thread. All through the strict Slack stand-in.
 */
import type { SandboxMessage, TestSandbox } from '../helpers/sandbox';
import { startTestSandbox } from '../helpers/sandbox';
import { failOnSlackViolations } from '../helpers/slack-violations';
import { textsFor } from '../../src/i18n/texts';
import { WORKFLOW_OUTLINES } from '../../src/workflows/outlines';
import { channelMessages, readable, runUntilStatus, threadReplies } from './helpers';

// Real time only bounds a busy machine: one create and one drill, in virtual time.
jest.setTimeout(180_000);

const JA = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' });
const JAPANESE = /[\u3040-\u30ff]/;
const USER = 'UJA';
const HOUR = 3_600_000;

let sb: TestSandbox;
failOnSlackViolations(() => sb);

beforeAll(async () => {
  sb = await startTestSandbox({ speed: 0 });
  await sb.command('lang ja', USER);
});
afterAll(async () => {
  await sb.stop();
});

/** Each title has exactly one explanation (in the order the steps started, which is not the outline's). */
function expectOnePerTitle(thread: SandboxMessage[], titles: string[]): void {
  expect(thread).toHaveLength(titles.length);
  for (const title of titles) expect(thread.filter((m) => m.text.startsWith(`${title}: `))).toHaveLength(1);
}

/** Thread replies that are explanations (they start with a step's title and carry an AWS link). */
const explanations = (replies: SandboxMessage[]) =>
  replies.filter((m) => JSON.stringify(m.blocks).includes('docs.aws.amazon.com'));

test('create --explain in ja: one Japanese explanation per step in the thread, with this run’s names', async () => {
  const res = await sb.command('create demo --explain', USER);
  expect(JSON.parse(res.body).text).toMatch(JAPANESE);
  await runUntilStatus(sb, 'demo', 'ready');
  await sb.workflows!.runUntil(
    async () => {
      const top = channelMessages(await sb.messages())[0];
      return top !== undefined && explanations(threadReplies(await sb.messages(), top.ts)).length >= 1;
    },
    { withinMs: HOUR },
  );
  const top = channelMessages(await sb.messages())[0];
  const run = (await sb.store.runs.listByEnv('demo')).find((r) => r.kind === 'create')!;
  const started = WORKFLOW_OUTLINES.create.steps.filter((s) => run.steps[s.id]?.status !== 'pending');
  const thread = explanations(threadReplies(await sb.messages(), top.ts));
  expectOnePerTitle(
    thread,
    started.map((s) => JA.steps.create[s.id as keyof typeof JA.steps.create].title),
  );
  for (const m of thread) expect(m.text).toMatch(JAPANESE);
  const all = thread.map(readable).join('\n');
  expect(all).toContain('demo-vpc');
  expect(all).toContain('docs.aws.amazon.com/ja_jp/');
  expect(all).toContain('今回の実行では');

  // Asked again afterwards: already explained, nothing posted twice.
  const again = await sb.command('explain demo', USER);
  expect(JSON.parse(again.body).text).toContain('すでに解説しています');
  expect(explanations(threadReplies(await sb.messages(), top.ts))).toHaveLength(thread.length);
});

test('failover --explain: the drill’s steps explained in its own thread, in Japanese', async () => {
  await sb.command('failover demo web --explain', USER);
  await sb.workflows!.runUntil(
    async () => (await sb.store.environments.get('demo'))?.meta?.lastDrill !== undefined,
    {
      withinMs: HOUR,
    },
  );
  const drill = (await sb.store.runs.listByEnv('demo')).find((r) => r.kind === 'failover')!;
  const ts = drill.notify?.messageTs as string;
  await sb.workflows!.runUntil(async () => explanations(threadReplies(await sb.messages(), ts)).length >= 3, {
    withinMs: HOUR,
  });
  const thread = explanations(threadReplies(await sb.messages(), ts));
  expectOnePerTitle(
    thread,
    ['preflight', 'web-drill', 'db-drill']
      .filter((id) => drill.steps[id] && drill.steps[id].status !== 'pending')
      .map((id) => JA.steps.failover[id as keyof typeof JA.steps.failover].title),
  );
  expect(thread.map(readable).join('\n')).toMatch(/i-[0-9a-f]+/);
});
