/**
 * Sleep and wake notices reach Slack exactly once, through the real pieces: the reminder pass's
 * power part with the bot's starter (src/bot/services/power.ts), the workflow service and its env
 * locks, the outbox on DynamoDB (dynalite) and the Slack client, with Slack faked on loopback
 * (every post counted); and a run's end through the progress sink. Several "processes" (each its
 * own pass, outbox and sink, as overlapping remind Lambdas or workers would) run at once.
 *
 * What keeps each notice once: for the pass, its version-checked claim of the env, the env lock
 * (a second start is refused and says nothing) and the action's key as the outbox id; for a
 * run's end, the id made of the run and its end (the only guard across processes); for retries,
 * the outbox lease.
 */
import { createSlackReminderPass } from '../../../src/bot/reminders';
import { SlackProgressSink } from '../../../src/bot/slack-progress-sink';
import { WORKFLOW_STEPS } from '../../../src/bot/workflow-steps';
import { say } from '../../../src/i18n/said';
import type { OfficeHours, PowerRecord } from '../../../src/state/power';
import type { Run } from '../../../src/state/types';
import { RDS_MAX_STOPPED_MS } from '../../../src/workflows/power/record';
import { buildWorkflowService } from '../../../src/workflows/workflow-service';
import { holdEnv, newEnvironment } from '../../helpers/records';
import { useSlackProcesses } from '../../helpers/slack-processes';

const H = 3_600_000;
const M = 60_000;
// Friday 2026-11-27, 09:05 in Asia/Tokyo: just after the 09:00 edges.
const NOW = Date.UTC(2026, 10, 27, 0, 5, 0);
const NINE_TOKYO = NOW - 5 * M;

const slack = useSlackProcesses();
const { db } = slack;

/** One process: its own outbox (lease owner), reminder pass and progress sink over the shared table and Slack. */
function process(realNow: () => number, later: string[], logs: string[]) {
  const delivery = slack.delivery(realNow, later, logs);
  // Runs are started (lock, record) but never ticked: what a pass starts is what is counted.
  const service = buildWorkflowService({ store: db.store, scheduler: { schedule: async () => undefined } });
  const pass = createSlackReminderPass({
    store: db.store,
    outbox: delivery.outbox,
    service,
    now: () => NOW,
    actor: 'U0SITEBOT',
    digest: false,
  });
  const sink = new SlackProgressSink({
    client: delivery.chat,
    steps: WORKFLOW_STEPS,
    finals: delivery.outbox,
    messages: slack.repo,
    minIntervalMs: 0,
    editSpacingMs: 0,
  });
  return { outbox: delivery.outbox, pass, sink };
}

const TOKYO = (start: number, end: number): OfficeHours => ({
  start: start * 60,
  end: end * 60,
  days: [1, 2, 3, 4, 5],
  timeZone: 'Asia/Tokyo',
  setAt: NOW - 20 * H,
});
const AWAKE: PowerRecord = { state: 'awake', since: NOW - 20 * H, webOff: [], dbOff: [] };
const ASLEEP: PowerRecord = {
  state: 'asleep',
  since: NOW - 14 * H,
  webOff: [{ start: NOW - 14 * H }],
  dbOff: [{ start: NOW - 14 * H }],
  dbStoppedAt: NOW - 14 * H,
  dbCheckedAt: NOW - 14 * H,
};

/** What each env of a seed is about, and the notice it must get once (none for `busy` until freed). */
const CASES = {
  'office-wake': {
    kind: 'wake',
    reason: 'office-hours',
    notice: /^:sunrise: Office hours \(09:00–19:00 .*\): waking \*/,
  },
  'office-sleep': {
    kind: 'sleep',
    reason: 'office-hours',
    notice: /^:crescent_moon: Office hours \(00:00–09:00 .*\): putting \*/,
  },
  asked: { kind: 'wake', reason: 'keep-awake', notice: /^:sunrise: Waking \*/ },
  kept: {
    kind: 'sleep',
    reason: 'office-hours',
    notice: /^:crescent_moon: Office hours \(00:00–09:00 .*\): putting \*/,
  },
  restop: {
    kind: 'sleep',
    reason: 'db-auto-start',
    notice: /^:zzz: RDS started \*.*\*'s DB instance by itself after 7 days/,
  },
  busy: {
    kind: 'sleep',
    reason: 'office-hours',
    notice: /^:crescent_moon: Office hours \(00:00–09:00 .*\): putting \*/,
  },
} as const;
type Case = keyof typeof CASES;
const NAMES = Object.keys(CASES) as Case[];

async function seed(prefix: string): Promise<void> {
  const metas: Record<Case, Record<string, unknown>> = {
    // The 09:00 wake edge of 09:00–19:00, asleep.
    'office-wake': { hours: TOKYO(9, 19), power: ASLEEP },
    // The 09:00 sleep edge of 00:00–09:00, awake.
    'office-sleep': { hours: TOKYO(0, 9), power: AWAKE },
    // Wake now pressed during its sleep.
    asked: { power: { ...ASLEEP, wakeRequested: true } },
    // Keep awake 2 h over the 09:00 edge, just ended.
    kept: {
      hours: { ...TOKYO(0, 9), handledEdgeAt: NINE_TOKYO },
      power: { ...AWAKE, keepAwakeUntil: NOW - M },
    },
    // Asleep 7 days: RDS has started its DB.
    restop: {
      power: {
        ...ASLEEP,
        dbStoppedAt: NOW - RDS_MAX_STOPPED_MS - M,
        dbCheckedAt: NOW - RDS_MAX_STOPPED_MS - M,
      },
    },
    // Its 09:00 sleep edge while a drill holds it.
    busy: { hours: TOKYO(0, 9), power: AWAKE },
  };
  for (const [i, name] of NAMES.entries()) {
    await db.store.environments.create(
      newEnvironment({
        name: `${prefix}-${name}`,
        channel: `${prefix}${i}`,
        createdAt: NOW - 20 * H,
        updatedAt: NOW - 20 * H,
        expiresAt: NOW + 20 * H,
        resources: { 'web-1': 'i-1', 'web-2': 'i-2', db: `${prefix}-${name}-db`, 'target-group': 'arn:tg' },
        meta: metas[name],
      }),
    );
  }
  await holdEnv(db.store, {
    env: `${prefix}-busy`,
    runId: `${prefix}-busy-failover-1`,
    kind: 'failover',
    holder: 'UDRILL',
    at: NOW - 10 * M,
  });
}

/** The drill holding `<prefix>-busy` ends. */
async function freeBusy(prefix: string): Promise<void> {
  const runId = `${prefix}-busy-failover-1`;
  const run = (await db.store.runs.get(runId)) as Run;
  await db.store.runs.save({ ...run, status: 'succeeded', finishedAt: NOW });
  await db.store.locks.release(`${prefix}-busy`, runId);
}

/** The sleeps and wakes of this seed end, as their last tick would leave them (no power change: none is needed to stop a repeat). */
async function endRuns(prefix: string): Promise<void> {
  for (const name of NAMES) {
    for (const run of await db.store.runs.listByEnv(`${prefix}-${name}`)) {
      if (run.status !== 'running') continue;
      await db.store.runs.save({ ...run, status: 'succeeded', finishedAt: NOW });
      await db.store.locks.release(run.env, run.runId);
    }
  }
}

/** Posts per env of this seed: how many, and their texts. */
function postsOf(prefix: string): Record<string, string[]> {
  const posts: Record<string, string[]> = {};
  for (const [i, name] of NAMES.entries()) {
    posts[name] = slack.fake.posted(`${prefix}${i}`).map((call) => String(call.args.text));
  }
  return posts;
}

/** Each env's notice posted once (`busy`: none while it is held); one power run each, of the right kind. */
async function expectEachOnce(prefix: string, busyFreed: boolean): Promise<void> {
  const posts = postsOf(prefix);
  for (const name of NAMES) {
    const runs = (await db.store.runs.listByEnv(`${prefix}-${name}`)).filter((r) => r.kind !== 'failover');
    if (name === 'busy' && !busyFreed) {
      expect({ name, posts: posts[name], runs: runs.length }).toEqual({ name, posts: [], runs: 0 });
      continue;
    }
    expect({ name, posts: posts[name].length }).toEqual({ name, posts: 1 });
    expect(posts[name][0]).toMatch(CASES[name].notice);
    expect(posts[name][0]).toContain(`*${prefix}-${name}*`);
    expect(runs.map((r) => `${r.kind} ${String(r.params.reason)}`)).toEqual([
      `${CASES[name].kind} ${CASES[name].reason}`,
    ]);
  }
}

test('eight passes at once, then three more: each sleep and wake announced once and started once, a busy env once it is free, nothing again once the runs ended', async () => {
  await seed('PA');
  const logs: string[] = [];
  const processes = Array.from({ length: 8 }, () => process(Date.now, [], logs));
  const results = await Promise.all(processes.map((p) => p.pass()));
  const started = results.reduce((n, r) => n + r.power!.slept + r.power!.woke + r.power!.restopped, 0);
  expect(started).toBe(5);
  for (const p of processes.slice(0, 3)) await p.pass();
  await expectEachOnce('PA', false);
  // The drill ends: the busy env's edge is acted on by one of the next passes, and said once.
  await freeBusy('PA');
  await Promise.all(processes.slice(0, 4).map((p) => p.pass()));
  for (const p of processes.slice(0, 2)) await p.pass();
  await expectEachOnce('PA', true);
  // Every run ends (they are never ticked here: their record and lock say so); the passes after
  // that find nothing left to do for these actions, so nothing starts or is said again.
  await endRuns('PA');
  await Promise.all(processes.map((p) => p.pass()));
  await expectEachOnce('PA', true);
  expect(logs).toEqual([]);
}, 90_000);

test('Slack failing for a while: every notice is kept, retried from two processes at once, and posted once', async () => {
  await seed('PB');
  await freeBusy('PB');
  let now = Date.now();
  const later: string[] = [];
  const logs: string[] = [];
  const [a, b] = [process(() => now, later, logs), process(() => now, later, logs)];
  slack.fake.script(
    'chat.postMessage',
    ...Array(12).fill({ error: 'internal_error' }),
    ...Array(12).fill({ status: 429, retryAfterSec: 30 }),
    'ok',
  );
  await Promise.all([a.pass(), b.pass()]);
  // Time passes; both processes bring back whatever was scheduled, and pass again, at the same time.
  const answers = await slack.redeliverTogether(
    [a.outbox, b.outbox],
    later,
    () => (now += 60_000),
    () => Promise.all([a.pass(), b.pass()]),
  );
  expect(answers.filter((x) => x === 'internal_error')).toHaveLength(12);
  expect(answers.filter((x) => x === '429')).toHaveLength(12);
  slack.fake.script('chat.postMessage', 'ok');
  await expectEachOnce('PB', true);
  expect(logs.some((l) => l.includes('gave up'))).toBe(false);
}, 90_000);

test("a sleep run's end, shown by two workers at once and by a third later: one message and one thread reply", async () => {
  await seed('PC');
  const [a, b, c] = Array.from({ length: 3 }, () => process(Date.now, [], []));
  await a.pass();
  const [started] = await db.store.runs.listByEnv('PC-office-sleep');
  const channel = started.notify!.channel;
  // It ends (as the sleep workflow's last tick saves it); each worker that sees it ending shows it.
  const ended: Run = {
    ...started,
    status: 'succeeded',
    finishedAt: NOW + 9 * M,
    summary: { message: say('work.asleep', { env: started.env, stopped: ['both web servers'] }) },
  };
  const before = slack.fake.posted(channel).length;
  await Promise.all([a.sink, b.sink].map((s) => s.onRunUpdate(ended, { type: 'finished' })));
  await c.sink.onRunUpdate(ended, { type: 'finished' });
  const after = slack.fake.posted(channel).slice(before);
  // The run had no message of its own (the pass started it): its end is one new message and one reply in its thread.
  expect(after.map((call) => (call.args.thread_ts ? 'reply' : 'message'))).toEqual(['message', 'reply']);
  expect(String(after[0].args.text)).toContain('PC-office-sleep is asleep');
});
