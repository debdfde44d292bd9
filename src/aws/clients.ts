/**
 * The only place sitebot builds AWS SDK clients.
 *
 * Endpoints: the SDK v3 itself honours `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>` (service
 * id upper-cased, spaces to underscores: `EC2`, `RDS`, `ELASTIC_LOAD_BALANCING_V2`, `SSM`,
 * `SECRETS_MANAGER`, `DYNAMODB`, `SQS`, `IAM`), see @smithy/core's `getEndpointUrlConfig`, so the same
 * code talks to AWS, to the sandbox emulator or to any other emulator without our own parsing.
 * `endpoints` is an explicit override (tests, the sandbox wiring), which wins over the variables.
 *
 * Clients are built on first use: a Lambda that only touches DynamoDB never loads EC2's config.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RDSClient } from '@aws-sdk/client-rds';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type ServiceKey = 'ec2' | 'rds' | 'elbv2' | 'ssm' | 'secretsManager' | 'dynamodb' | 'sqs' | 'iam';

export interface AwsClientOptions {
  region: string;
  /** Per-service endpoint URLs that win over AWS_ENDPOINT_URL[_<SERVICE>]. */
  endpoints?: Partial<Record<ServiceKey, string>>;
  /** Static credentials (emulators, tests); omitted means the SDK's default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Total tries per call, including the first; adaptive retry also rate-limits after throttling. */
  maxAttempts?: number;
}

export interface AwsClients {
  readonly ec2: EC2Client;
  readonly rds: RDSClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly ssm: SSMClient;
  readonly secretsManager: SecretsManagerClient;
  readonly dynamodb: DynamoDBClient;
  /** Document client over `dynamodb`; undefined attributes are dropped rather than rejected. */
  readonly doc: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly iam: IAMClient;
}

/** Enough retries to ride out throttling during a burst of parallel steps, few enough to fail a tick in seconds. */
export const DEFAULT_MAX_ATTEMPTS = 5;

export function createAwsClients(options: AwsClientOptions): AwsClients {
  const common = (service: ServiceKey) => ({
    region: options.region,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    // A tick must finish within a Lambda's seconds; a hung connection should fail and be retried.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 20_000 },
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.endpoints?.[service] ? { endpoint: options.endpoints[service] } : {}),
  });

  const built = new Map<string, unknown>();
  const lazy = <T>(key: string, make: () => T): T => {
    if (!built.has(key)) built.set(key, make());
    return built.get(key) as T;
  };

  const clients: AwsClients = {
    get ec2() {
      return lazy('ec2', () => new EC2Client(common('ec2')));
    },
    get rds() {
      return lazy('rds', () => new RDSClient(common('rds')));
    },
    get elbv2() {
      return lazy('elbv2', () => new ElasticLoadBalancingV2Client(common('elbv2')));
    },
    get ssm() {
      return lazy('ssm', () => new SSMClient(common('ssm')));
    },
    get secretsManager() {
      return lazy('secretsManager', () => new SecretsManagerClient(common('secretsManager')));
    },
    get dynamodb() {
      return lazy('dynamodb', () => new DynamoDBClient(common('dynamodb')));
    },
    get doc() {
      return lazy('doc', () =>
        DynamoDBDocumentClient.from(clients.dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
      );
    },
    get sqs() {
      return lazy('sqs', () => new SQSClient(common('sqs')));
    },
    get iam() {
      return lazy('iam', () => new IAMClient(common('iam')));
    },
  };
  return clients;
}
