/**
 * Proves that the clients built by createAwsClients send requests where AWS_ENDPOINT_URL[_<SERVICE>]
 * and the explicit `endpoints` override say. A build-step middleware records the outgoing request
 * and stops it there, so nothing leaves the process.
 */
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetUserCommand } from '@aws-sdk/client-iam';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetServiceQuotaCommand } from '@aws-sdk/client-service-quotas';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import {
  createAwsClients,
  DEFAULT_MAX_ATTEMPTS,
  type AwsClientOptions,
  type ServiceKey,
} from '../../../src/aws/clients';
import { createCoreClients } from '../../../src/aws/core-clients';

/** What each client is called with, and the env-var suffix the SDK derives from its service id. */
const SERVICES: Record<ServiceKey, { envSuffix: string; command: () => object }> = {
  ec2: { envSuffix: 'EC2', command: () => new DescribeVpcsCommand({}) },
  rds: { envSuffix: 'RDS', command: () => new DescribeDBInstancesCommand({}) },
  elbv2: { envSuffix: 'ELASTIC_LOAD_BALANCING_V2', command: () => new DescribeLoadBalancersCommand({}) },
  ssm: { envSuffix: 'SSM', command: () => new GetParameterCommand({ Name: 'p' }) },
  secretsManager: {
    envSuffix: 'SECRETS_MANAGER',
    command: () => new GetSecretValueCommand({ SecretId: 's' }),
  },
  dynamodb: { envSuffix: 'DYNAMODB', command: () => new ListTablesCommand({}) },
  sqs: { envSuffix: 'SQS', command: () => new ListQueuesCommand({}) },
  iam: { envSuffix: 'IAM', command: () => new GetUserCommand({}) },
  serviceQuotas: {
    envSuffix: 'SERVICE_QUOTAS',
    command: () => new GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE' }),
  },
};
const KEYS = Object.keys(SERVICES) as ServiceKey[];

class Stopped extends Error {}

interface SeenRequest {
  protocol: string;
  hostname: string;
  port?: number;
}

/** Minimal view of an SDK client: enough to add a middleware and send. */
interface Sendable {
  middlewareStack: {
    add(
      middleware: (next: unknown) => (args: { request: unknown }) => Promise<never>,
      options: { step: 'build' },
    ): void;
  };
  send(command: object): Promise<unknown>;
}

/** Sends one request through `client`'s real middleware stack and returns where it would have gone. */
async function whereWouldItGo(client: Sendable, command: object): Promise<SeenRequest> {
  let seen: SeenRequest | undefined;
  client.middlewareStack.add(
    () => async (args) => {
      seen = args.request as SeenRequest;
      throw new Stopped();
    },
    { step: 'build' },
  );
  await expect(client.send(command)).rejects.toBeInstanceOf(Stopped);
  if (!seen) throw new Error('request was never built');
  return { protocol: seen.protocol, hostname: seen.hostname, port: seen.port };
}

const base: AwsClientOptions = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};

describe('createAwsClients', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const name of Object.keys(process.env)) {
      if (name.startsWith('AWS_ENDPOINT_URL') || name === 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS')
        delete process.env[name];
    }
    // Keep a developer's ~/.aws/config (which may set endpoint_url) out of the test.
    process.env.AWS_CONFIG_FILE = '/nonexistent/sitebot-test-config';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/sitebot-test-credentials';
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each(KEYS)('%s goes to AWS_ENDPOINT_URL_<SERVICE> when it is set', async (key) => {
    KEYS.forEach((other, i) => {
      process.env[`AWS_ENDPOINT_URL_${SERVICES[other].envSuffix}`] = `http://127.0.0.1:${40_000 + i}`;
    });
    const clients = createAwsClients(base);
    const seen = await whereWouldItGo(clients[key] as unknown as Sendable, SERVICES[key].command());
    expect(seen).toEqual({ protocol: 'http:', hostname: '127.0.0.1', port: 40_000 + KEYS.indexOf(key) });
  });

  it.each(KEYS)('%s falls back to AWS_ENDPOINT_URL', async (key) => {
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    const seen = await whereWouldItGo(
      createAwsClients(base)[key] as unknown as Sendable,
      SERVICES[key].command(),
    );
    expect(seen).toEqual({ protocol: 'http:', hostname: 'localhost', port: 4566 });
  });

  it.each(KEYS)('%s prefers the explicit endpoints override to the environment', async (key) => {
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    process.env[`AWS_ENDPOINT_URL_${SERVICES[key].envSuffix}`] = 'http://localhost:4567';
    const clients = createAwsClients({ ...base, endpoints: { [key]: 'http://127.0.0.1:9999' } });
    const seen = await whereWouldItGo(clients[key] as unknown as Sendable, SERVICES[key].command());
    expect(seen).toEqual({ protocol: 'http:', hostname: '127.0.0.1', port: 9999 });
  });

  it('goes to the real regional AWS endpoint when nothing is configured', async () => {
    const clients = createAwsClients(base);
    const ec2 = await whereWouldItGo(clients.ec2 as unknown as Sendable, SERVICES.ec2.command());
    const ddb = await whereWouldItGo(clients.dynamodb as unknown as Sendable, SERVICES.dynamodb.command());
    expect(ec2).toMatchObject({ protocol: 'https:', hostname: 'ec2.eu-west-1.amazonaws.com' });
    expect(ddb).toMatchObject({ protocol: 'https:', hostname: 'dynamodb.eu-west-1.amazonaws.com' });
  });

  it('sends the document client through the dynamodb client and its endpoint', async () => {
    const clients = createAwsClients({ ...base, endpoints: { dynamodb: 'http://127.0.0.1:8000' } });
    expect(clients.doc.config.endpoint).toBe(clients.dynamodb.config.endpoint);
    await expect(clients.dynamodb.config.endpoint?.()).resolves.toMatchObject({
      hostname: '127.0.0.1',
      port: 8000,
    });
  });

  it('builds each client once, on first use', () => {
    const clients = createAwsClients(base);
    expect(clients.ec2).toBe(clients.ec2);
    expect(clients.doc).toBe(clients.doc);
    expect(createAwsClients(base).ec2).not.toBe(clients.ec2);
  });

  it('uses the configured region and adaptive retries with a bounded number of attempts', async () => {
    const clients = createAwsClients({ ...base, maxAttempts: 3 });
    await expect(clients.rds.config.region()).resolves.toBe('eu-west-1');
    expect(await clients.rds.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    await expect(clients.rds.config.maxAttempts()).resolves.toBe(3);
    await expect(createAwsClients(base).sqs.config.maxAttempts()).resolves.toBe(DEFAULT_MAX_ATTEMPTS);
  });

  it('shares the core clients it is given, so a process builds DynamoDB, SQS and SSM once', () => {
    const core = createCoreClients({ ...base, endpoints: { dynamodb: 'http://127.0.0.1:8000' } });
    const clients = createAwsClients(base, core);
    expect(clients.doc).toBe(core.doc);
    expect(clients.dynamodb).toBe(core.dynamodb);
    expect(clients.sqs).toBe(core.sqs);
    expect(clients.ssm).toBe(core.ssm);
    expect(createAwsClients(base).ssm).not.toBe(core.ssm);
  });

  it('drops undefined attributes instead of rejecting them', () => {
    const clients = createAwsClients(base);
    expect(clients.doc.config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
  });
});
