/**
 * Runs the real create workflow with W's runner against the AWS emulator: one virtual time
 * for both (the runner's ManualClock drags the emulator's clock along), an in-memory store,
 * the real SDK clients (IAM's too) and the real site probe over loopback.
 */
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { buildCreateDeps } from '../../../../src/workflows/create/build-deps';
import type { CreateDeps } from '../../../../src/workflows/create/deps';
import { createWorkflow } from '../../../../src/workflows/create/workflow';
import { ManualClock } from '../../../../src/workflows/engine/manual-scheduler';
import type { Environment, MultiAzMode } from '../../../../src/state/types';
import { runWithCrashAt, type CrashScenario } from '../../../helpers/crash-harness';
import { createMemoryStore, type MemoryStateStore } from '../../../helpers/memory-store';
import { startTestEmulator, type TestEmulator } from '../../../helpers/emulator';

/** A ManualClock whose every move also moves the emulator's virtual clock. */
export class LinkedClock extends ManualClock {
  constructor(
    private readonly emu: TestEmulator,
    start: number,
  ) {
    super(start);
  }

  override set(time: number): void {
    const delta = time - this.now();
    super.set(time);
    if (delta > 0) this.emu.advance(delta);
  }

  override advance(ms: number): void {
    super.advance(ms);
    if (ms > 0) this.emu.advance(ms);
  }
}

export interface CreateHarness {
  emu: TestEmulator;
  iam: IAMClient;
  store: MemoryStateStore;
  deps: CreateDeps;
  clock: LinkedClock;
  scenario(multiAz: MultiAzMode, env?: string): CrashScenario<CreateDeps>;
  close(): Promise<void>;
}

/** An IAM client on the emulator (startTestEmulator's clients have none), one attempt per call like theirs. */
export function emulatorIam(emu: TestEmulator): IAMClient {
  return new IAMClient(emu.clientConfig);
}

/** The IAM path and boundary a deployed stack gives the worker (serverless.yml), here made by hand. */
export const HARNESS_IAM_PATH = '/sitebot/test/';

export async function startCreateHarness(): Promise<CreateHarness> {
  const emu = await startTestEmulator();
  const iam = emulatorIam(emu);
  const store = createMemoryStore();
  const boundary = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'sitebot-test-web-boundary',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['secretsmanager:GetSecretValue', 'rds:DescribeDBInstances'],
            Resource: '*',
          },
        ],
      }),
    }),
  );
  const deps = buildCreateDeps({
    clients: { ...emu.clients, iam },
    config: {
      region: emu.region,
      azs: [`${emu.region}a`, `${emu.region}c`],
      iam: { path: HARNESS_IAM_PATH, permissionsBoundary: boundary.Policy!.Arn! },
    },
    environments: store.environments,
  });
  const clock = new LinkedClock(emu, emu.world.clock.now());
  return {
    emu,
    iam,
    store,
    deps,
    clock,
    scenario: (multiAz, env = 'demo') => ({
      store,
      workflows: { create: createWorkflow },
      deps,
      clock,
      start: { kind: 'create', env, requestedBy: 'U123', channel: 'C123', params: { multiAz } },
      maxTicks: 2_000,
    }),
    async close() {
      iam.destroy();
      await emu.close();
    },
  };
}

/** Creates env `name` (record + create run to its end) and returns its ready record. */
export async function createReadyEnv(
  h: CreateHarness,
  name: string,
  multiAz: MultiAzMode,
): Promise<Environment> {
  const now = h.clock.now();
  await h.store.environments.create({
    name,
    channel: 'C123',
    owner: 'U123',
    status: 'creating',
    region: h.emu.region,
    multiAz,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + 86_400_000,
    resources: {},
    outputs: {},
  });
  const { run } = await runWithCrashAt(h.scenario(multiAz, name), undefined);
  if (run.status !== 'succeeded')
    throw new Error(`create ${name} ended ${run.status}: ${String(run.summary?.error)}`);
  const env = await h.store.environments.get(name);
  if (env?.status !== 'ready') throw new Error(`create ${name} left the env ${env?.status}`);
  return env;
}

/** EC2 state and target health of each web server of `env`. */
export async function webState(
  h: CreateHarness,
  env: Environment,
): Promise<{ id: string; state: string; health: string }[]> {
  const ids = [env.resources['web-1'], env.resources['web-2']];
  const instances = await h.deps.ec2.instances([], ids);
  const health = await h.deps.elbv2.targetHealth(env.resources['target-group']);
  return ids.map((id) => ({
    id,
    state: instances.find((i) => i.InstanceId === id)?.State?.Name ?? 'missing',
    health: health.find((t) => t.Target?.Id === id)?.TargetHealth?.State ?? 'unregistered',
  }));
}
