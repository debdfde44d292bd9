/**
 * Drills that must not run, and the single-AZ case: refused on the record (missing, destroyed,
 * not ready, unauthorized, single-AZ without --force), refused live by the first step (a web
 * server down), and with --force a single-AZ DB is rebooted and its outage measured — reported
 * as a reboot, not a failover.
 */
import { StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import type { DrillReport } from '../../../../src/workflows/failover/report';
import { startFailover } from '../../../../src/workflows/failover/start';
import type { Environment } from '../../../../src/state/types';
import { startFailoverHarness, type FailoverHarness } from './harness';
import { english } from '../../../../src/i18n/english';
import { inEnglish } from '../../../helpers/english-said';

let h: FailoverHarness;
let solo: Environment;

beforeAll(async () => {
  h = await startFailoverHarness();
  solo = await h.createEnv('solo', 'off');
});

afterAll(async () => {
  await h?.close();
});

const input = (env: string, extra: Partial<Parameters<typeof startFailover>[2]> = {}) => ({
  env,
  requestedBy: 'U123',
  channel: 'C123',
  ...extra,
});

test('a drill on a missing or destroyed env is refused and starts nothing', async () => {
  const p = h.process();
  expect(inEnglish(await startFailover(p.service, h.store, input('ghost')))).toEqual({
    ok: false,
    reason: 'not-found',
    message: 'There is no environment named ghost.',
  });
  const now = h.clock.now();
  await h.store.environments.create({
    name: 'gone',
    channel: 'C123',
    owner: 'U123',
    status: 'destroyed',
    region: h.emu.region,
    multiAz: 'now',
    createdAt: now,
    updatedAt: now,
    expiresAt: now,
    resources: {},
    outputs: {},
  });
  expect(await startFailover(p.service, h.store, input('gone', { target: 'web' }))).toMatchObject({
    ok: false,
    reason: 'destroyed',
  });
  expect(p.scheduler.pendingTicks()).toEqual([]);
  expect(await h.store.runs.listByEnv('gone')).toEqual([]);
  expect(await h.store.locks.get('gone')).toBeUndefined();
});

test('an unauthorized user is refused', async () => {
  const p = h.process();
  const isAllowed = jest.fn((env: Environment, user: string) => env.owner === user);
  const refused = await startFailover(
    p.service,
    h.store,
    input('solo', { requestedBy: 'U999', target: 'web', isAllowed }),
  );
  expect(refused).toMatchObject({ ok: false, reason: 'not-allowed' });
  expect(isAllowed).toHaveBeenCalledWith(expect.objectContaining({ name: 'solo' }), 'U999');
  expect((await h.store.runs.listByEnv('solo')).filter((r) => r.kind === 'failover')).toHaveLength(0);
});

test('a DB drill on a single-AZ DB is refused without --force, explaining why', async () => {
  const p = h.process();
  const refused = await startFailover(p.service, h.store, input('solo', { target: 'db' }));
  expect(refused).toMatchObject({ ok: false, reason: 'single-az' });
  expect(english(refused.message)).toMatch(/single-AZ.*outage, not a failover.*--force/);
  const all = await startFailover(p.service, h.store, input('solo'));
  expect(all).toMatchObject({ ok: false, reason: 'single-az' });
});

test('the first step refuses live when a web server is down (2 healthy targets needed), and drills nothing', async () => {
  const { ec2 } = h.emu.clients;
  const web1 = solo.resources['web-1'];
  await ec2.send(new StopInstancesCommand({ InstanceIds: [web1] }));
  h.clock.advance(60_000);
  const p = h.process();
  const started = await startFailover(p.service, h.store, input('solo', { target: 'web' }));
  expect(started.ok).toBe(true);
  await p.scheduler.drain(100);
  const run = (await h.store.runs.get(started.ok ? started.run.runId : ''))!;
  expect(run.status).toBe('failed');
  expect(run.steps.preflight.error).toMatchObject({ code: 'unhealthy', retryable: false });
  expect(String(run.summary?.message)).toMatch(/needs 2 healthy targets.*web-1 stopped\/unused/);
  expect(run.steps['web-drill'].attempts).toBe(0);
  expect((await h.webState(solo))[1]).toMatchObject({ state: 'running' }); // web-2 untouched
  const env = (await h.store.environments.get('solo'))!;
  expect(env.meta?.lastDrill).toBeUndefined(); // a refusal is not a drill
  expect(env.currentRunId).toBeUndefined();

  await ec2.send(new StartInstancesCommand({ InstanceIds: [web1] }));
  h.clock.advance(5 * 60_000);
  expect((await h.webState(solo)).map((w) => w.health)).toEqual(['healthy', 'healthy']);
});

test('with --force a single-AZ DB is rebooted: the outage is measured, the AZ stays, the report says reboot not failover', async () => {
  const rebootMs = h.emu.world.durations.dbReboot;
  const azBefore = await h.primaryAz(solo);
  const p = h.process();
  const started = await startFailover(p.service, h.store, input('solo', { target: 'db', force: true }));
  expect(started.ok).toBe(true);
  await p.scheduler.drain(2_000);
  const run = (await h.store.runs.get(started.ok ? started.run.runId : ''))!;
  expect(run.status).toBe('succeeded');
  const [db] = (run.summary?.drill as DrillReport).phases;
  expect(db.azBefore).toBe(azBefore);
  expect(db.azAfter).toBe(azBefore);
  expect(await h.primaryAz(solo)).toBe(azBefore);
  expect(db.faultObserved).toBe(true);
  expect(english(db.evidence)).toMatch(/available → rebooting → available/);
  expect(english(db.remark)).toMatch(/reboot is an outage, not a failover/);
  expect(Math.abs(db.longestOutage!.ms - rebootMs)).toBeLessThanOrEqual(1_000);
});
