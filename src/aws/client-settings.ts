/**
 * How sitebot configures every AWS SDK client: region, adaptive retries, timeouts, optional
 * static credentials and endpoint overrides.
 *
 * Endpoints: the SDK v3 itself honours `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>` (service
 * id upper-cased, spaces to underscores: `EC2`, `RDS`, `ELASTIC_LOAD_BALANCING_V2`, `SSM`,
 * `SECRETS_MANAGER`, `DYNAMODB`, `SQS`, `IAM`, `SERVICE_QUOTAS`), see @smithy/core's `getEndpointUrlConfig`, so the same
 * code talks to AWS, to the sandbox emulator or to any other emulator without our own parsing.
 * `endpoints` is an explicit override (tests, the sandbox wiring), which wins over the variables.
 */

export type ServiceKey =
  'ec2' | 'rds' | 'elbv2' | 'ssm' | 'secretsManager' | 'dynamodb' | 'sqs' | 'iam' | 'serviceQuotas';

export interface AwsClientOptions {
  region: string;
  /** Per-service endpoint URLs that win over AWS_ENDPOINT_URL[_<SERVICE>]. */
  endpoints?: Partial<Record<ServiceKey, string>>;
  /** Static credentials (emulators, tests); omitted means the SDK's default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Total tries per call, including the first; adaptive retry also rate-limits after throttling. */
  maxAttempts?: number;
}

/** Enough retries to ride out throttling during a burst of parallel steps, few enough to fail a tick in seconds. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** The constructor settings of `service`'s client. */
export function clientSettings(options: AwsClientOptions, service: ServiceKey) {
  return {
    region: options.region,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    // A tick must finish within a Lambda's seconds; a hung connection should fail and be retried.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 20_000 },
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.endpoints?.[service] ? { endpoint: options.endpoints[service] } : {}),
  };
}

/** An object whose every property is made by its maker on first read, then kept: clients are built on first use. */
export function lazily<T extends object>(makers: { [K in keyof T]: () => T[K] }): T {
  const made = {} as T;
  for (const key of Object.keys(makers) as (keyof T)[]) {
    let value: { v: T[typeof key] } | undefined;
    Object.defineProperty(made, key, {
      enumerable: true,
      get: () => (value ??= { v: makers[key]() }).v,
    });
  }
  return made;
}
