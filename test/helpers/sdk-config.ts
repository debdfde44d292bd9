/**
 * SDK client settings for suites on the emulator's virtual time:
 * - ImmediateRetry: production's SDK retry budget (src/aws/clients.ts: DEFAULT_MAX_ATTEMPTS tries
 *   on throttling, transient and 5xx errors) without its real-time backoff sleeps, so a suite
 *   does not wait seconds of wall clock per throttle. Which calls fail is the emulator's seeded RNG.
 * - SameRealmHttpHandler: the SDK's Node HTTP handler, with socket errors made again in this
 *   realm. Jest runs tests in a vm context, so Node's own errors (a reset connection) fail the
 *   SDK's `instanceof Error` and it rethrows them as a bare wrapper that has lost their `code`;
 *   outside Jest they arrive intact, and this handler makes the tests see what production sees.
 * - sdkClients: the workflow steps' clients with both, pointed at an emulator.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RDSClient } from '@aws-sdk/client-rds';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { DEFAULT_MAX_ATTEMPTS } from '../../src/aws/clients';

export class ImmediateRetry implements RetryStrategyV2 {
  constructor(private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return token(0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const next = previous.getRetryCount() + 1;
    if (info.errorType === 'CLIENT_ERROR' || next >= this.maxAttempts)
      throw info.error ?? new Error('retries exhausted');
    return token(next);
  }

  recordSuccess(): void {}
}

const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 0 });

export class SameRealmHttpHandler extends NodeHttpHandler {
  override async handle(
    ...args: Parameters<NodeHttpHandler['handle']>
  ): ReturnType<NodeHttpHandler['handle']> {
    try {
      return await super.handle(...args);
    } catch (err) {
      if (err instanceof Error || typeof err !== 'object' || err === null) throw err;
      const { name, message, code } = err as { name?: string; message?: string; code?: string };
      throw Object.assign(new Error(message), { name: name ?? 'Error', code });
    }
  }
}

export interface SdkClients {
  ec2: EC2Client;
  rds: RDSClient;
  elbv2: ElasticLoadBalancingV2Client;
  ssm: SSMClient;
  secretsManager: SecretsManagerClient;
  iam: IAMClient;
  serviceQuotas: ServiceQuotasClient;
}

/** The clients the workflow steps use, retrying as production's do, pointed at `endpoint`. */
export function sdkClients(endpoint: string, region: string, maxAttempts = DEFAULT_MAX_ATTEMPTS): SdkClients {
  const config = () => ({
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'sandbox-secret' },
    retryStrategy: new ImmediateRetry(maxAttempts),
    requestHandler: new SameRealmHttpHandler(),
  });
  return {
    ec2: new EC2Client(config()),
    rds: new RDSClient(config()),
    elbv2: new ElasticLoadBalancingV2Client(config()),
    ssm: new SSMClient(config()),
    secretsManager: new SecretsManagerClient(config()),
    iam: new IAMClient(config()),
    serviceQuotas: new ServiceQuotasClient(config()),
  };
}
