/**
 * A built environment on the AWS emulator that sleeps and wakes: the create workflow runs
 * first (the failover harness's env), then the sleep and wake workflows run on the same store
 * and virtual clock, with the real site probe over loopback. `observed()` reads what AWS says
 * now, for "nothing left running that should sleep, nothing asleep that should wake".
 */
import type { Environment, MultiAzMode } from '../../../../src/state/types';
import { ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner } from '../../../../src/workflows/engine/runner';
import { WorkflowService } from '../../../../src/workflows/engine/service';
import type { WorkflowDefinition } from '../../../../src/workflows/engine/types';
import { withEnvRunTracking } from '../../../../src/workflows/operations/env-run-tracking';
import type { PowerDeps, PowerSettings } from '../../../../src/workflows/power';
import { sleepWorkflow, wakeWorkflow } from '../../../../src/workflows/power/workflow';
import type { CrashScenario } from '../../../helpers/crash-harness';
import { createReadyEnv, startCreateHarness, webState, type CreateHarness } from '../create/harness';

export interface Observed {
  web: { state: string; health: string }[];
  db: string;
  site: number | string;
}

export interface PowerHarness extends CreateHarness {
  createEnv(name: string, multiAz: MultiAzMode): Promise<Environment>;
  powerDeps: PowerDeps;
  workflows: { sleep: WorkflowDefinition<PowerDeps>; wake: WorkflowDefinition<PowerDeps> };
  powerScenario(
    kind: 'sleep' | 'wake',
    env: string,
    params?: Record<string, unknown>,
  ): CrashScenario<PowerDeps>;
  /** A runner + service for sleep and wake on the shared store and clock, driven by hand. */
  powerProcess(): { scheduler: ManualScheduler; runner: WorkflowRunner<PowerDeps>; service: WorkflowService };
  observed(env: Environment): Promise<Observed>;
}

/** What AWS shows for an env that sleeps: both web servers and the DB stopped, the ALB's 503. */
export const ASLEEP: Observed = {
  web: [
    { state: 'stopped', health: 'unused' },
    { state: 'stopped', health: 'unused' },
  ],
  db: 'stopped',
  site: 503,
};

/** …and for one awake: running, healthy, available, 200. */
export const AWAKE: Observed = {
  web: [
    { state: 'running', health: 'healthy' },
    { state: 'running', health: 'healthy' },
  ],
  db: 'available',
  site: 200,
};

export async function startPowerHarness(power: PowerSettings = {}): Promise<PowerHarness> {
  const h = await startCreateHarness();
  const powerDeps: PowerDeps = {
    ec2: h.deps.ec2,
    rds: h.deps.rds,
    elbv2: h.deps.elbv2,
    environments: h.store.environments,
    probe: h.deps.probe,
    power,
  };
  const workflows = {
    sleep: withEnvRunTracking(sleepWorkflow, h.store.environments),
    wake: withEnvRunTracking(wakeWorkflow, h.store.environments),
  };
  return {
    ...h,
    createEnv: (name, multiAz) => createReadyEnv(h, name, multiAz),
    powerDeps,
    workflows,
    powerScenario: (kind, env, params = {}) => ({
      store: h.store,
      workflows,
      deps: powerDeps,
      clock: h.clock,
      start: { kind, env, requestedBy: 'U123', channel: 'C123', params },
      maxTicks: 2_000,
    }),
    powerProcess() {
      const scheduler = new ManualScheduler(h.clock);
      const runner = new WorkflowRunner({
        store: h.store,
        workflows,
        deps: powerDeps,
        scheduler,
        clock: h.clock,
        random: () => 0.5,
      });
      scheduler.attach(runner);
      const service = new WorkflowService({ store: h.store, workflows, scheduler, clock: h.clock });
      return { scheduler, runner, service };
    },
    async observed(env) {
      const web = (await webState(h, env)).map(({ state, health }) => ({ state, health }));
      const db = (await h.deps.rds.findDbInstance(env.resources.db))?.DBInstanceStatus ?? 'missing';
      const site = await h.deps.probe!(env.outputs.siteUrl).catch((err: Error) => err.message);
      return { web, db, site };
    },
  };
}

/** One built env `demo` for a test file (made before its tests, the emulator closed after). */
export function builtEnvForFile(): { h: () => PowerHarness; env: () => Environment } {
  let h: PowerHarness | undefined;
  let env: Environment | undefined;
  beforeAll(async () => {
    h = await startPowerHarness();
    env = await h.createEnv('demo', 'now');
  });
  afterAll(async () => {
    await h?.close();
  });
  return { h: () => h!, env: () => env! };
}
