/**
 * A created environment on the AWS emulator, ready to be drilled: the create workflow runs
 * first (as its own integration tests run it: ManualScheduler, one virtual time for runner and
 * emulator), then the failover workflow runs on the same store and cloud. The prober's clock
 * is that same virtual time and its sleep advances it, so probing takes no real waiting; its
 * HTTP calls are real GETs to the emulator's ALB data plane on 127.0.0.1.
 */
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner } from '../../../../src/workflows/engine/runner';
import { WorkflowService } from '../../../../src/workflows/engine/service';
import type { FailoverDeps, FailoverSettings } from '../../../../src/workflows/failover/deps';
import { fetchStatus } from '../../../../src/workflows/failover/prober';
import { failoverWorkflow } from '../../../../src/workflows/failover/workflow';
import type { Environment, MultiAzMode } from '../../../../src/state/types';
import type { CrashScenario } from '../../../helpers/crash-harness';
import { createReadyEnv, startCreateHarness, webState, type CreateHarness } from '../create/harness';

export interface FailoverHarness extends CreateHarness {
  failoverDeps: FailoverDeps;
  /** A runner + service on the shared store and clock, driven by hand. */
  process(): {
    scheduler: ManualScheduler;
    runner: WorkflowRunner<FailoverDeps>;
    service: WorkflowService;
  };
  /** Creates env `name` (record + create run) and returns its ready record. */
  createEnv(name: string, multiAz: MultiAzMode): Promise<Environment>;
  failoverScenario(env: string, params: Record<string, unknown>): CrashScenario<FailoverDeps>;
  /** EC2 state and target health of each web server of `env`. */
  webState(env: Environment): Promise<{ id: string; state: string; health: string }[]>;
  primaryAz(env: Environment): Promise<string | undefined>;
}

/** What `webState` shows once both web servers serve again: running, and healthy in the target group. */
export const BOTH_SERVING = [
  expect.objectContaining({ state: 'running', health: 'healthy' }),
  expect.objectContaining({ state: 'running', health: 'healthy' }),
];

export async function startFailoverHarness(settings: FailoverSettings = {}): Promise<FailoverHarness> {
  const h = await startCreateHarness();
  const failoverDeps: FailoverDeps = {
    ec2: h.deps.ec2,
    rds: h.deps.rds,
    elbv2: h.deps.elbv2,
    environments: h.store.environments,
    failover: {
      ...settings,
      io: {
        clock: h.clock,
        // Virtual time: waiting for the next probe moves the runner's and the emulator's clocks.
        sleep: async (ms) => h.clock.advance(ms),
        fetchStatus,
        ...settings.io,
      },
    },
  };
  const process = () => {
    const scheduler = new ManualScheduler(h.clock);
    const runner = new WorkflowRunner({
      store: h.store,
      workflows: { failover: failoverWorkflow },
      deps: failoverDeps,
      scheduler,
      clock: h.clock,
      random: () => 0.5,
    });
    scheduler.attach(runner);
    const service = new WorkflowService({
      store: h.store,
      workflows: { failover: failoverWorkflow },
      scheduler,
      clock: h.clock,
    });
    return { scheduler, runner, service };
  };
  return {
    ...h,
    failoverDeps,
    process,
    createEnv: (name, multiAz) => createReadyEnv(h, name, multiAz),
    failoverScenario: (env, params) => ({
      store: h.store,
      workflows: { failover: failoverWorkflow },
      deps: failoverDeps,
      clock: h.clock,
      start: { kind: 'failover', env, requestedBy: 'U123', channel: 'C123', params },
      maxTicks: 2_000,
    }),
    webState: (env) => webState(h, env),
    async primaryAz(env) {
      const out = await h.emu.clients.rds.send(
        new DescribeDBInstancesCommand({ DBInstanceIdentifier: env.resources.db }),
      );
      return out.DBInstances?.[0]?.AvailabilityZone;
    },
  };
}
