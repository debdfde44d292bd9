/**
 * The preflight where the Slack Lambda's creates meet it: as the run's first step, in the
 * worker, on the emulator. A refused create fails before any step that makes something: the
 * emulator holds nothing new, the env record is `failed` with no resources, and the refusal is
 * the step's one plain line. Once the quota is freed, the same create resumes and builds the
 * environment, as the failure message promises.
 */
import { CreateVpcCommand } from '@aws-sdk/client-ec2';
import { withEnvRunTracking } from '../../../../src/workflows/operations/env-run-tracking';
import { startCreate } from '../../../../src/workflows/operations/create';
import { ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner } from '../../../../src/workflows/engine/runner';
import { WorkflowService } from '../../../../src/workflows/engine/service';
import { createWorkflow } from '../../../../src/workflows/create/workflow';
import { runWithCrashAt } from '../../../helpers/crash-harness';
import { countResources } from '../../../helpers/inventory';
import { startCreateHarness, type CreateHarness } from './harness';
import { english } from '../../../../src/i18n/english';
import { textsFor } from '../../../../src/i18n/texts';

let h: CreateHarness;

beforeEach(async () => {
  h = await startCreateHarness();
});

afterEach(async () => {
  await h.close();
});

/** Fills "VPCs per Region": one VPC someone else made, in a region whose quota is one. */
async function fillVpcQuota(): Promise<void> {
  await h.emu.clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
  await h.emu.admin('POST', '/_sandbox/quotas', { vpcsPerRegion: 1 });
}

test('the first step refuses a region at its VPC quota; no other step starts, nothing is made', async () => {
  await fillVpcQuota();
  const before = countResources(h.emu.world);
  const { run } = await runWithCrashAt(h.scenario('now'), undefined);
  expect(run.status).toBe('failed');
  expect(run.summary?.failedSteps).toEqual(['preflight']);
  const refusal =
    'VPCs in ap-northeast-1: 1 of 1 in use and this create needs 1 more: ' +
    'delete a VPC you no longer use, or request a higher "VPCs per Region" quota (Service Quotas, vpc L-F678F1CE)';
  // Stored said (the refusal nested in it), so each reader reads it in their language.
  const error = run.steps.preflight.error;
  expect(error).toMatchObject({
    code: 'PreflightRefused',
    retryable: false,
    message: `refused before anything was made: ${refusal}`,
    said: { key: 'work.preflightRefused' },
  });
  expect(english(error?.said)).toBe(error?.message);
  expect(textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' }).said(error?.said)).toMatch(
    /^何も作る前に拒否しました: ap-northeast-1 の VPC: 上限 1 のうち 1 を使用中で/,
  );
  const others = Object.entries(run.steps).filter(([id]) => id !== 'preflight');
  expect(others.every(([, s]) => s.status === 'pending' && s.attempts === 0)).toBe(true);
  expect(countResources(h.emu.world)).toEqual(before);
});

test('as the Slack Lambda starts it: the env is failed with nothing in AWS, and a create after the fix resumes it', async () => {
  await fillVpcQuota();
  const before = countResources(h.emu.world);
  const scheduler = new ManualScheduler(h.clock);
  const workflows = { create: withEnvRunTracking(createWorkflow, h.store.environments) };
  const runner = new WorkflowRunner({ store: h.store, workflows, deps: h.deps, scheduler, clock: h.clock });
  scheduler.attach(runner);
  const service = new WorkflowService({ store: h.store, workflows, scheduler, clock: h.clock });
  const request = { env: 'lam', requestedBy: 'U1', channel: 'C1', ttlMs: 3_600_000, multiAz: 'now' as const };
  const ops = { store: h.store, service, createConfig: h.deps.config, now: () => h.clock.now() };

  // No report from the caller: the run's first step checks.
  const first = await startCreate(ops, request);
  expect(first.ok).toBe(true);
  await scheduler.drain(2_000);
  const refused = await h.store.environments.get('lam');
  expect(refused).toMatchObject({ status: 'failed', resources: {}, outputs: {} });
  expect(refused?.currentRunId).toBeUndefined();
  expect(countResources(h.emu.world)).toEqual(before);

  await h.emu.admin('POST', '/_sandbox/quotas', { vpcsPerRegion: 5 });
  const again = await startCreate(ops, request);
  expect(again).toMatchObject({ ok: true, resumed: true });
  await scheduler.drain(2_000);
  const built = await h.store.environments.get('lam');
  expect(built?.status).toBe('ready');
  expect(countResources(h.emu.world)['ec2:vpc']).toBe(before['ec2:vpc'] + 1);
});
