/**
 * RDS starts a DB instance by itself after 7 days stopped. On the emulator's virtual clock: the
 * env sleeps, 7 days pass, the DB starts; the reminder pass notices (the record says when the
 * DB stopped) and starts a sleep run, which stops it again and says so; the record closes the
 * DB's stopped stretch at RDS's start, so the hours it ran are counted.
 */
import { usageFromEnvironment } from '../../../../src/cost/environment-usage';
import { powerOf } from '../../../../src/state/power';
import type { Environment } from '../../../../src/state/types';
import { startPower } from '../../../../src/workflows/power';
import { RDS_MAX_STOPPED_MS } from '../../../../src/workflows/power/record';
import { runPowerPass } from '../../../../src/workflows/remind/power-pass';
import { ASLEEP, builtEnvForFile, type PowerHarness } from './harness';
import { english } from '../../../../src/i18n/english';
import type { Saying } from '../../../../src/i18n/said';

const built = builtEnvForFile();
let h: PowerHarness;
let env: Environment;
beforeAll(() => {
  h = built.h();
  env = built.env();
});

test('the reminder pass stops again a DB that RDS started after 7 days, and says so', async () => {
  const p = h.powerProcess();
  const slept = await startPower(p.service, h.store, {
    kind: 'sleep',
    env: 'demo',
    requestedBy: 'U1',
    channel: 'C1',
  });
  if (!slept.ok) throw new Error(english(slept.message));
  await p.scheduler.drain(2_000);
  const stoppedAt = powerOf((await h.store.environments.get('demo'))!)!.dbStoppedAt!;

  const runs: string[] = [];
  const pass = async () =>
    runPowerPass(
      {
        store: h.store,
        now: () => h.clock.now(),
        async start(e, kind, reason) {
          const started = await startPower(p.service, h.store, {
            kind,
            env: e.name,
            requestedBy: 'sitebot',
            channel: e.channel,
            reason,
          });
          if (started.ok) runs.push(started.run.runId);
          return { started: started.ok, busy: !started.ok && started.reason === 'locked' };
        },
      },
      await h.store.environments.listActive(),
      h.clock.now(),
    );

  h.clock.set(stoppedAt + RDS_MAX_STOPPED_MS - 60_000);
  expect((await pass()).restopped).toBe(0);
  expect((await h.observed(env)).db).toBe('stopped');
  h.clock.set(stoppedAt + RDS_MAX_STOPPED_MS + 60_000);
  expect((await h.observed(env)).db).toBe('starting'); // RDS's own start
  expect((await pass()).restopped).toBe(1);
  await p.scheduler.drain(2_000);

  const run = (await h.store.runs.get(runs[0]))!;
  expect(run.kind).toBe('sleep');
  expect(run.params.reason).toBe('db-auto-start');
  expect(run.status).toBe('succeeded');
  expect(english(run.summary?.message as Saying)).toMatch(
    /^RDS started demo's DB instance by itself after 7 days stopped; it is stopped again\. demo is asleep/,
  );
  expect(await h.observed(env)).toEqual(ASLEEP);

  const record = (await h.store.environments.get('demo'))!;
  const power = powerOf(record)!;
  expect(power.dbOff).toEqual([
    { start: stoppedAt, end: stoppedAt + RDS_MAX_STOPPED_MS },
    { start: power.dbStoppedAt },
  ]);
  expect(power.dbStoppedAt).toBeGreaterThan(stoppedAt + RDS_MAX_STOPPED_MS);
  expect(power.webOff).toHaveLength(1); // the web servers stayed off all along
  // The estimator counts the DB's instance-hours from RDS's start until it was stopped again.
  const db = usageFromEnvironment(record).dbs[0];
  const ran = db.periods.filter((x) => x.running && x.start >= stoppedAt);
  expect(ran).toEqual([
    expect.objectContaining({ start: stoppedAt + RDS_MAX_STOPPED_MS, end: power.dbStoppedAt, running: true }),
  ]);
  // The next pass has nothing to do: the new stop is a fresh 7 days.
  expect((await pass()).restopped).toBe(0);
});
