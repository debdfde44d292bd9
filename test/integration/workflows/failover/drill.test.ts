/**
 * `/site failover` end to end on the emulator: the drill stops and restarts a web server and
 * fails the DB over while probing the ALB's real HTTP data plane on the virtual clock, and
 * the report measures what users saw.
 */
import type { DrillReport } from '../../../../src/workflows/failover/report';
import { fetchStatus, type FetchStatus } from '../../../../src/workflows/failover/prober';
import type { ProbeResult } from '../../../../src/workflows/failover/probe-log';
import { startFailover } from '../../../../src/workflows/failover/start';
import type { Environment, Run } from '../../../../src/state/types';
import { BOTH_SERVING, startFailoverHarness, type FailoverHarness } from './harness';
import { english } from '../../../../src/i18n/english';
import type { Saying } from '../../../../src/i18n/said';

let h: FailoverHarness;
let env: Environment;

/** Every probe the drills sent, with the virtual time it was answered at. */
const probes: { at: number; result: ProbeResult }[] = [];
const recordingFetch: FetchStatus = async (url, timeoutMs) => {
  const result = await fetchStatus(url, timeoutMs);
  probes.push({ at: h.clock.now(), result });
  return result;
};
/** Virtual times at which the emulator was asked to reboot a DB instance. */
const reboots: number[] = [];

beforeAll(async () => {
  h = await startFailoverHarness({ io: { fetchStatus: recordingFetch } });
  env = await h.createEnv('demo', 'now');
  h.emu.clients.rds.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'RebootDBInstanceCommand') reboots.push(h.emu.world.clock.now());
      return next(args);
    },
    { step: 'initialize', name: 'countReboots' },
  );
});

/**
 * The outage the emulator imposed on a failover asked for at `rebootAt` and lasting `ms`, as the
 * probes can see it: from the first probe inside it to the first probe after it — exactly, on
 * the virtual clock. Checks every probe on the way: failing (504) inside, answering 200 around.
 */
function expectedOutage(since: number, rebootAt: number, ms: number) {
  const seen = probes.filter((p) => p.at >= since);
  const inside = seen.filter((p) => p.at >= rebootAt && p.at < rebootAt + ms);
  expect(inside.length).toBeGreaterThan(0);
  expect(inside.every((p) => p.result === 504)).toBe(true);
  expect(seen.filter((p) => !inside.includes(p)).every((p) => p.result === 200)).toBe(true);
  const endAt = seen.find((p) => p.at >= rebootAt + ms)!.at;
  return { startAt: inside[0].at, endAt, ms: endAt - inside[0].at, failures: inside.length };
}

afterAll(async () => {
  await h?.close();
});

type Process = ReturnType<FailoverHarness['process']>;

/** Starts a drill of demo in `p` (not driven) and returns its run id; a refusal throws. */
async function startDrill(p: Process, target: 'web' | 'db' | 'all'): Promise<string> {
  const started = await startFailover(p.service, h.store, {
    env: 'demo',
    requestedBy: 'U123',
    channel: 'C123',
    target,
  });
  if (!started.ok) throw new Error(`refused: ${english(started.message)}`);
  return started.run.runId;
}

async function drill(target: 'web' | 'db' | 'all'): Promise<{ run: Run; report: DrillReport }> {
  const p = h.process();
  const runId = await startDrill(p, target);
  await p.scheduler.drain(2_000);
  const run = (await h.store.runs.get(runId))!;
  return { run, report: run.summary?.drill as DrillReport };
}

test('web drill: one of two servers stopped and started again, 0 failed requests', async () => {
  expect((await h.webState(env)).map((w) => w.health)).toEqual(['healthy', 'healthy']);
  const { run, report } = await drill('web');
  expect(run.status).toBe('succeeded');
  expect(report.verdict).toBe('pass');
  const [web] = report.phases;
  expect(web.phase).toBe('web');
  expect(web.faultObserved).toBe(true);
  expect(english(web.evidence)).toMatch(/running → stopping → stopped → pending → running/);
  expect(english(web.evidence)).toMatch(/target healthy → unused/);
  expect(web.failures).toBe(0);
  // Stop (30 s) + start (30 s) + boot and health checks: minutes of probes, one a second.
  expect(web.requests).toBeGreaterThan(90);
  expect(web.successes).toBe(web.requests);
  expect(web.sparkline).toMatch(/^▁{1,60}$/);
  expect(web.timeToRecoverMs).toBeGreaterThan(60_000);
  expect(await h.webState(env)).toEqual(BOTH_SERVING);

  const after = (await h.store.environments.get('demo'))!;
  expect(after.currentRunId).toBeUndefined();
  expect(after.lastRunId).toBe(run.runId);
  expect(after.meta?.lastDrill).toMatchObject({ runId: run.runId, verdict: 'pass', target: 'web' });
  expect(String(run.summary?.text)).toContain('Failover drill on demo (web): PASS');
});

test('DB drill: exactly the outage the emulator imposed (90 s), one reboot, and the AZ swaps', async () => {
  const failoverMs = h.emu.world.durations.dbRebootFailover;
  const azBefore = await h.primaryAz(env);
  const since = h.clock.now();
  const rebootsBefore = reboots.length;
  const { run, report } = await drill('db');
  expect(run.status).toBe('succeeded');
  // One RebootDBInstance (with failover), not two, however the drill's ticks fell.
  expect(reboots.length - rebootsBefore).toBe(1);
  const rebootAt = reboots.at(-1)!;
  const [db] = report.phases;
  expect(db.phase).toBe('db');
  expect(db.azBefore).toBe(azBefore);
  expect(db.azAfter).toBe(await h.primaryAz(env));
  expect(db.azAfter).not.toBe(azBefore);
  expect(db.faultObserved).toBe(true);
  expect(db.outageCount).toBe(1);
  const outage = expectedOutage(since, rebootAt, failoverMs);
  expect(db.longestOutage).toEqual({ startAt: outage.startAt, endAt: outage.endAt, ms: outage.ms });
  // The drill probes on the second from the reboot on: the window it saw is the emulator's own.
  expect(outage).toMatchObject({ startAt: rebootAt, endAt: rebootAt + failoverMs, ms: failoverMs });
  // While the DB fails over, the ALB answers 504: one failed probe a second.
  expect(db.failuresByKind).toEqual({ '504': outage.failures });
  expect(db.failures).toBe(failoverMs / 1_000);
  expect(db.sparkline).toMatch(/^▁+█+▁+$/);
  expect(db.verdict).toBe('pass'); // 90 s ≤ 120 s
  expect(report.verdict).toBe('pass');
  expect((await fetch((await h.store.environments.get('demo'))!.outputs.siteUrl)).status).toBe(200);
});

test('a failover longer than the objective (150 s > 120 s) is measured as such and fails the drill', async () => {
  // The create harness takes no emulator options; its durations object is the live one the RDS model reads.
  const durations = h.emu.world.durations;
  const saved = durations.dbRebootFailover;
  durations.dbRebootFailover = 150_000;
  try {
    const since = h.clock.now();
    const rebootsBefore = reboots.length;
    const { run, report } = await drill('db');
    expect(run.status).toBe('succeeded'); // the drill ran; the database missed its objective
    expect(reboots.length - rebootsBefore).toBe(1);
    const [db] = report.phases;
    const outage = expectedOutage(since, reboots.at(-1)!, 150_000);
    expect(db.longestOutage).toEqual({ startAt: outage.startAt, endAt: outage.endAt, ms: 150_000 });
    expect(db).toMatchObject({ faultObserved: true, verdict: 'fail' });
    expect(english(db.reason)).toMatch(/^outage 2m (29|30)s > 2m$/);
    expect(report.verdict).toBe('fail');
    expect((await h.store.environments.get('demo'))?.meta?.lastDrill).toMatchObject({ verdict: 'fail' });
  } finally {
    durations.dbRebootFailover = saved;
  }
});

test('all: web then db, each reported', async () => {
  const azBefore = await h.primaryAz(env);
  const rebootsBefore = reboots.length;
  const { run, report } = await drill('all');
  expect(reboots.length - rebootsBefore).toBe(1);
  if (process.env.SHOW_REPORT) console.log(run.summary?.text);
  expect(run.status).toBe('succeeded');
  expect(report.phases.map((p) => [p.phase, p.verdict])).toEqual([
    ['web', 'pass'],
    ['db', 'pass'],
  ]);
  expect(report.phases[1].azBefore).toBe(azBefore);
  expect(report.phases[1].azAfter).not.toBe(azBefore);
  expect(report.phases[0].timeToRecoverMs).toBeDefined();
  const web = report.phases[0];
  const db = report.phases[1];
  // The web phase ends before the db phase begins.
  expect(run.steps['web-drill'].finishedAt!).toBeLessThanOrEqual(run.steps['db-drill'].startedAt!);
  expect(web.failures).toBe(0);
  expect(db.failures).toBeGreaterThan(0);
});

test('a second drill while one runs is refused with the engine lock message', async () => {
  const p = h.process();
  const first = await startFailover(p.service, h.store, {
    env: 'demo',
    requestedBy: 'U123',
    channel: 'C123',
    target: 'web',
  });
  expect(first.ok).toBe(true);
  await p.scheduler.runDue(); // preflight and the first burst
  const second = await startFailover(p.service, h.store, {
    env: 'demo',
    requestedBy: 'U999',
    channel: 'C123',
    target: 'db',
  });
  expect(second).toMatchObject({ ok: false, reason: 'locked' });
  expect(second.ok === false && english(second.message)).toMatch(/failover/);
  await p.scheduler.drain(2_000);
  expect((await h.webState(env)).every((w) => w.state === 'running' && w.health === 'healthy')).toBe(true);
});

/** Ticks a run one tick at a time until `done` says so (or gives up after `max` ticks). */
async function tickUntil(p: Process, runId: string, done: (run: Run) => boolean, max = 200): Promise<Run> {
  for (let i = 0; i < max; i++) {
    const run = (await h.store.runs.get(runId))!;
    if (done(run)) return run;
    const next = p.scheduler.pendingTicks()[0];
    if (!next) throw new Error('no tick pending');
    h.clock.set(Math.max(h.clock.now(), next.at));
    await p.scheduler.runDue();
  }
  throw new Error(`still not there after ${max} ticks`);
}

test('when the server cannot be started again (no capacity), the drill keeps trying and finishes once it can', async () => {
  const p = h.process();
  const runId = await startDrill(p, 'web');
  await tickUntil(p, runId, (r) => r.steps['web-drill'].outputs?.stage === 'start');
  await h.emu.admin('POST', '/_sandbox/faults', { insufficientCapacity: [{ instanceType: 't3.micro' }] });
  const blocked = await tickUntil(p, runId, (r) => Number(r.steps['web-drill'].outputs?.errors ?? 0) >= 3);
  expect(blocked.status).toBe('running');
  expect(english(blocked.steps['web-drill'].outputs?.lastError as Saying)).toMatch(
    /InsufficientInstanceCapacity/,
  );
  expect((await h.webState(env)).find((w) => w.id === env.resources['web-2'])?.state).toBe('stopped');

  await h.emu.admin('POST', '/_sandbox/faults', { insufficientCapacity: [] });
  await p.scheduler.drain(2_000);
  const run = (await h.store.runs.get(runId))!;
  expect(run.status).toBe('succeeded');
  const report = run.summary?.drill as DrillReport;
  expect(report.phases[0]).toMatchObject({ verdict: 'pass', failures: 0 }); // web-1 served throughout
  expect(await h.webState(env)).toEqual(BOTH_SERVING);
});

test('a drill cancelled while its server is stopped starts the server again (onFinish) and reports incomplete', async () => {
  const p = h.process();
  const runId = await startDrill(p, 'web');
  // Tick by tick until the drill has seen its server stopped and is about to start it.
  await tickUntil(p, runId, (r) => r.steps['web-drill'].outputs?.stage === 'start');
  const stopped = (await h.webState(env)).find((w) => w.id === env.resources['web-2'])!;
  expect(stopped.state).toBe('stopped');

  expect((await p.service.cancelRun(runId, 'U123')).ok).toBe(true);
  await p.scheduler.drain(100);
  const run = (await h.store.runs.get(runId))!;
  expect(run.status).toBe('cancelled');
  expect(english(run.summary?.restore as Saying)).toMatch(
    /was stopped when the drill ended: started it again/,
  );
  const report = run.summary?.drill as DrillReport;
  expect(report.verdict).toBe('incomplete');
  expect(report.phases[0]).toMatchObject({ verdict: 'incomplete', faultObserved: true });

  h.clock.advance(5 * 60_000);
  expect(await h.webState(env)).toEqual(BOTH_SERVING);
});
