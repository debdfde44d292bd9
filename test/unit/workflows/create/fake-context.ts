/** A StepContext for calling one create step directly, with SDK clients mocked by aws-sdk-client-mock. */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RDSClient } from '@aws-sdk/client-rds';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import { buildCreateDeps } from '../../../../src/workflows/create/build-deps';
import type { CreateDeps } from '../../../../src/workflows/create/deps';
import type { StepContext } from '../../../../src/workflows/engine/types';

export function mockedDeps(): CreateDeps {
  const opts = { region: 'ap-northeast-1' };
  const deps = buildCreateDeps({
    clients: {
      ec2: new EC2Client(opts),
      rds: new RDSClient(opts),
      elbv2: new ElasticLoadBalancingV2Client(opts),
      ssm: new SSMClient(opts),
      secretsManager: new SecretsManagerClient(opts),
      iam: new IAMClient(opts),
      serviceQuotas: new ServiceQuotasClient(opts),
    },
    config: { region: 'ap-northeast-1', azs: ['ap-northeast-1a', 'ap-northeast-1c'] },
    probe: false,
  });
  // Deterministic "random" bytes: 0, 1, 2, …
  let n = 0;
  deps.randomBytes = (size) => Buffer.from(Array.from({ length: size }, () => n++ % 256));
  return deps;
}

export interface FakeContext extends StepContext<CreateDeps> {
  recorded: Record<string, unknown>[];
}

export function fakeContext(
  deps: CreateDeps,
  options: {
    own?: Record<string, unknown>;
    outputs?: Record<string, Record<string, unknown>>;
    params?: Record<string, unknown>;
    startedAt?: number;
    now?: number;
    record?: (o: Record<string, unknown>) => Promise<void>;
  } = {},
): FakeContext {
  const recorded: Record<string, unknown>[] = [];
  const own = { ...(options.own ?? {}) };
  return {
    runId: 'demo-create-1',
    env: 'demo',
    kind: 'create',
    params: options.params ?? { multiAz: 'now' },
    deps,
    own,
    recorded,
    outputsOf: (id) => options.outputs?.[id] ?? {},
    async record(o) {
      if (options.record) await options.record(o);
      recorded.push(o);
    },
    attempt: 1,
    startedAt: options.startedAt ?? 1_000,
    now: () => options.now ?? 2_000,
  };
}
