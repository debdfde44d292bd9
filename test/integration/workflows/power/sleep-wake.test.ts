/**
 * `/site sleep` and `/site wake` end to end on the emulator: what AWS shows afterwards, what
 * the env record keeps (asleep since, the stopped stretches the estimator leaves out), what
 * the runs say, and the wake's time against its lower bound.
 */
import { powerOf } from '../../../../src/state/power';
import type { Environment, Run } from '../../../../src/state/types';
import { startPower } from '../../../../src/workflows/power';
import { ASLEEP, AWAKE, builtEnvForFile, type PowerHarness } from './harness';
import { english } from '../../../../src/i18n/english';
import type { Saying } from '../../../../src/i18n/said';

const built = builtEnvForFile();
let h: PowerHarness;
let env: Environment;
beforeAll(() => {
  h = built.h();
  env = built.env();
});

async function power(kind: 'sleep' | 'wake'): Promise<Run> {
  const p = h.powerProcess();
  const started = await startPower(p.service, h.store, {
    kind,
    env: 'demo',
    requestedBy: 'U123',
    channel: 'C123',
  });
  if (!started.ok) throw new Error(english(started.message));
  await p.scheduler.drain(2_000);
  return (await h.store.runs.get(started.run.runId))!;
}

test('sleep stops both web servers and the DB; the record says asleep since then and what still bills', async () => {
  expect(await h.observed(env)).toEqual(AWAKE);
  const before = h.clock.now();
  const run = await power('sleep');
  expect(run.status).toBe('succeeded');
  expect(await h.observed(env)).toEqual(ASLEEP);
  const record = (await h.store.environments.get('demo'))!;
  expect(record.currentRunId).toBeUndefined();
  const p = powerOf(record)!;
  expect(p.state).toBe('asleep');
  expect(p.since).toBeGreaterThan(before);
  expect(p.webOff).toEqual([{ start: expect.any(Number) }]);
  expect(p.dbOff).toEqual([{ start: p.dbStoppedAt }]);
  // The DB stops in dbStop; it is seen stopped at the first poll after that.
  expect(p.dbStoppedAt! - before).toBeGreaterThanOrEqual(h.emu.world.durations.dbStop);
  expect(english(run.summary?.message as Saying)).toMatch(
    /^demo is asleep: both web servers and the DB instance stopped\. While asleep it costs \$\d+\.\d\d\/day instead of \$\d+\.\d\d\/day \(saving \$\d+\.\d\d\/day\); still billing: EBS gp3 16 GB, EBS snapshots 8 GB, RDS storage 20 GB gp3 Multi-AZ, ALB × 1, ALB LCU \(\d+ LCU assumed\), Public IPv4 × 4\.$/,
  );
});

test('a second sleep finds everything stopped and changes nothing', async () => {
  const before = powerOf((await h.store.environments.get('demo'))!);
  const run = await power('sleep');
  expect(run.status).toBe('succeeded');
  expect(english(run.steps['stop-web'].note)).toMatch(/^already stopped: i-\w+ stopped, i-\w+ stopped$/);
  expect(english(run.steps['stop-db'].note)).toBe('already stopped: sitebot-demo-db stopped');
  const after = powerOf((await h.store.environments.get('demo'))!);
  expect(after).toEqual({
    ...before,
    dbCheckedAt: expect.any(Number),
    appliedSleep: { runId: run.runId, restoppedDb: false },
  });
});

test('wake starts everything, waits for the site, reports the time; the stopped stretches close', async () => {
  const run = await power('wake');
  expect(run.status).toBe('succeeded');
  expect(await h.observed(env)).toEqual(AWAKE);
  const p = powerOf((await h.store.environments.get('demo'))!)!;
  expect(p.state).toBe('awake');
  expect(p.webOff.every((i) => i.end !== undefined)).toBe(true);
  expect(p.dbOff.every((i) => i.end !== undefined)).toBe(true);
  expect(p.dbStoppedAt).toBeUndefined();
  // The lower bound: the DB's start, in parallel with start + boot + one passing health check.
  const d = h.emu.world.durations;
  const bound = Math.max(d.dbStart, d.instancePending + d.instanceBoot);
  const took = Number(run.summary?.wakeMs);
  expect(took).toBeGreaterThanOrEqual(bound);
  expect(took / bound).toBeLessThanOrEqual(1.05);
  expect(english(run.summary?.message as Saying)).toMatch(
    /^demo is awake: the site answered 200 after \d+m \(DB available after/,
  );
});

test('a drill refuses an env that sleeps; sleep and wake refuse an env that is not ready', async () => {
  await power('sleep');
  const { checkEnvRecord } = await import('../../../../src/workflows/failover/preconditions');
  const refused = checkEnvRecord('demo', (await h.store.environments.get('demo'))!, 'all', false);
  expect(refused).toMatchObject({ ok: false, reason: 'asleep' });
  await power('wake');
  const p = h.powerProcess();
  const missing = await startPower(p.service, h.store, {
    kind: 'wake',
    env: 'nope',
    requestedBy: 'U1',
    channel: 'C1',
  });
  expect(missing).toMatchObject({ ok: false, reason: 'not-found' });
  const notOwner = await startPower(p.service, h.store, {
    kind: 'sleep',
    env: 'demo',
    requestedBy: 'U999',
    channel: 'C123',
    isAllowed: (e, user) => e.owner === user,
  });
  expect(notOwner).toMatchObject({ ok: false, reason: 'not-allowed' });
  expect(await h.observed(env)).toEqual(AWAKE);
});

test('a wake with no capacity for the web servers fails saying why; the record stays asleep until a wake succeeds', async () => {
  await power('sleep');
  h.emu.world.faults.set({ insufficientCapacity: [{ instanceType: 't3.micro' }] });
  const failed = await power('wake');
  expect(failed.status).toBe('failed');
  expect(failed.steps['start-web'].error).toMatchObject({ code: 'InsufficientInstanceCapacity' });
  expect(english(failed.summary?.message as Saying)).toMatch(
    /^demo did not fully wake up \(DB available after/,
  );
  const record = powerOf((await h.store.environments.get('demo'))!)!;
  expect(record.state).toBe('asleep');
  expect(record.webOff.at(-1)?.end).toBeUndefined(); // web servers still off
  expect(record.dbOff.at(-1)?.end).toBeDefined(); // the DB was started
  h.emu.world.faults.set({ insufficientCapacity: [] });
  expect((await power('wake')).status).toBe('succeeded');
  expect(await h.observed(env)).toEqual(AWAKE);
});
