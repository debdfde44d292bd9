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
import type { MultiAzMode } from '../../../../src/state/types';
import type { CrashScenario } from '../../../helpers/crash-harness';
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
