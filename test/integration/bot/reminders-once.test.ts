/**
 * Reminders reach Slack exactly once, through the real pieces: the scheduler, the Slack notifier,
 * the outbox on DynamoDB (dynalite) and the Slack client, with Slack faked on loopback (every
 * post counted). Several "processes" (each its own pass and outbox, as overlapping remind
 * Lambdas would be) run at once; then Slack fails for a while and the outbox's retries run from
 * two processes at once. Each warning, overdue note, auto-destroy notice and digest is posted
 * once, and each teardown started once.
 *
 * What keeps it once: the reminder's key as the outbox id (create-if-absent) and the outbox
 * lease. Removing either condition makes this test fail (see the delivery report).
 */
import { createSlackReminderPass } from '../../../src/bot/reminders';
import { buildWorkflowService } from '../../../src/workflows/workflow-service';
import { newEnvironment } from '../../helpers/records';
import { useSlackProcesses } from '../../helpers/slack-processes';

const H = 3_600_000;
const M = 60_000;
// 09:05 in Asia/Tokyo: the daily digest is due too.
const NOW = Date.UTC(2026, 10, 27, 0, 5, 0);

const slack = useSlackProcesses();
const { db } = slack;

/** One process: its own outbox (lease owner) and pass over the shared table and Slack. */
function process(realNow: () => number, later: string[], logs: string[]) {
  const { outbox } = slack.delivery(realNow, later, logs);
  const service = buildWorkflowService({ store: db.store, scheduler: { schedule: async () => undefined } });
  const pass = createSlackReminderPass({
    store: db.store,
    outbox,
    service,
    now: () => NOW,
    actor: 'U0SITEBOT',
  });
  return { outbox, pass };
}

async function seed(prefix: string): Promise<void> {
  const env = (name: string, channel: string, expiresAt: number, meta?: Record<string, unknown>) =>
    db.store.environments.create(
      newEnvironment({
        name: `${prefix}-${name}`,
        channel,
        createdAt: NOW - 20 * H,
        updatedAt: NOW - 20 * H,
        expiresAt,
        meta,
      }),
    );
  await env('w2h-a', `${prefix}1`, NOW + 90 * M); // the 2 h warning
  await env('w2h-b', `${prefix}2`, NOW + 100 * M);
  await env('w30-a', `${prefix}1`, NOW + 20 * M); // the 30 min warning
  await env('w30-b', `${prefix}3`, NOW + 25 * M);
  await env('overdue', `${prefix}2`, NOW - 2 * H, { autoDestroy: false });
  await env('expired', `${prefix}3`, NOW - M); // auto-destroy
}

/** Posts per text, for the channels of this seed. */
function postsOf(prefix: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of slack.fake.posted()) {
    const channel = String(call.args.channel);
    if (!channel.startsWith(prefix)) continue;
    const key = `${channel}: ${String(call.args.text)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Each kind once: 4 warnings, 1 overdue note, 1 auto-destroy notice, 3 digests. */
function expectEachOnce(prefix: string): void {
  const counts = postsOf(prefix);
  expect(Object.values(counts).every((n) => n === 1)).toBe(true);
  const texts = Object.keys(counts);
  expect(texts.filter((t) => / expires in /.test(t))).toHaveLength(4);
  expect(texts.filter((t) => t.includes(`${prefix}-overdue expired`))).toHaveLength(1);
  expect(texts.filter((t) => t.includes('reached its expiry'))).toHaveLength(1);
  expect(texts.filter((t) => t.includes('running environment'))).toHaveLength(3);
}

test('eight passes at once, then three more: every reminder posted once, the teardown started once', async () => {
  await seed('CA');
  const logs: string[] = [];
  const processes = Array.from({ length: 8 }, () => process(Date.now, [], logs));
  const results = await Promise.all(processes.map((p) => p.pass()));
  expect(results.reduce((n, r) => n + r.warned, 0)).toBe(4);
  expect(results.reduce((n, r) => n + r.destroysStarted, 0)).toBe(1);
  for (const p of processes.slice(0, 3)) await p.pass();
  expectEachOnce('CA');
  expect(await db.store.runs.listByEnv('CA-expired')).toHaveLength(1);
  // The buttons of each warning count: its ts is on the env, once.
  for (const name of ['CA-w2h-a', 'CA-w30-b']) {
    expect((await db.store.environments.get(name))?.meta?.reminderMessages).toHaveLength(1);
  }
  expect(logs).toEqual([]);
}, 90_000);

test('Slack failing for a while: every reminder is kept, retried from two processes at once, and posted once', async () => {
  await seed('CB');
  let now = Date.now();
  const later: string[] = [];
  const logs: string[] = [];
  const [a, b] = [process(() => now, later, logs), process(() => now, later, logs)];
  // Every post fails for a while: Slack's own trouble, then a rate limit.
  const failures = [
    ...Array(30).fill({ error: 'internal_error' }),
    ...Array(30).fill({ status: 429, retryAfterSec: 30 }),
  ];
  slack.fake.script('chat.postMessage', ...failures, 'ok');
  await Promise.all([a.pass(), b.pass()]);
  // Time passes; both processes bring back whatever was scheduled, at the same time.
  const answers = await slack.redeliverTogether([a.outbox, b.outbox], later, () => (now += 60_000));
  expect(answers.filter((x) => x === 'internal_error')).toHaveLength(30);
  expect(answers.filter((x) => x === '429')).toHaveLength(30);
  slack.fake.script('chat.postMessage', 'ok');
  expectEachOnce('CB');
  expect(logs.some((l) => l.includes('gave up'))).toBe(false);
}, 90_000);
