/**
 * Failures that say what happened, through the real clients of createAwsClients: an endpoint
 * that answers with a proxy's HTML page (not AWS's XML or JSON) is reported with the service and
 * the HTTP status, still retryable when it is a 5xx; a missing DynamoDB table is named, with
 * `sitebot init` as the fix, for the document client the state store uses too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { GetServiceQuotaCommand } from '@aws-sdk/client-service-quotas';
import { createAwsClients } from '../../../src/aws/clients';
import { isRetryable, MissingTableError, NonAwsResponseError, toStepError } from '../../../src/aws/errors';
import { createStateStore } from '../../../src/state';
import { startDynalite, type DynaliteHandle } from '../../helpers/dynalite';
import { say } from '../../../src/i18n/said';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('an endpoint that answers with an HTML 502', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(
        '<html><head><title>502 Bad Gateway</title></head><body><hr><center>nginx</center></body></html>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const clients = () =>
    createAwsClients({
      region: 'ap-northeast-1',
      endpoints: { ec2: url, serviceQuotas: url },
      credentials,
      maxAttempts: 1,
    });

  test('an XML service (EC2): the service, the status and the page, not "XML parse error"', async () => {
    const err = await clients()
      .ec2.send(new DescribeVpcsCommand({}))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonAwsResponseError);
    expect((err as Error).message).toBe(
      'EC2 answered HTTP 502 with a body that is not an AWS response (text/html: "502 Bad Gateway")',
    );
    expect((err as Error).message).not.toMatch(/parse/i);
    expect(isRetryable(err)).toBe(true);
    expect(toStepError(err, 'Create VPC')).toEqual({
      code: 'NonAwsResponse',
      retryable: true,
      message: `Create VPC: NonAwsResponse: ${(err as Error).message}`,
      said: say('work.awsError', { code: 'NonAwsResponse', message: (err as Error).message }),
    });
  });

  test('a JSON service (Service Quotas) too', async () => {
    const err = await clients()
      .serviceQuotas.send(new GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE' }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonAwsResponseError);
    expect((err as Error).message).toMatch(
      /^ServiceQuotas answered HTTP 502 with a body that is not an AWS response/,
    );
  });
});

describe('a DynamoDB table that does not exist', () => {
  let dynamo: DynaliteHandle;
  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.close());

  test('every store read names the table and the fix, whichever client sent it', async () => {
    const clients = createAwsClients({
      region: 'ap-northeast-1',
      endpoints: { dynamodb: dynamo.endpoint },
      credentials,
      maxAttempts: 1,
    });
    const store = createStateStore(clients.doc, 'never-initialized');
    const get = await store.environments.get('demo').catch((e: unknown) => e);
    expect(get).toBeInstanceOf(MissingTableError);
    expect((get as Error).message).toBe(
      "DynamoDB table never-initialized-environments does not exist: run `sitebot init` to create sitebot's tables",
    );
    await expect(store.runs.listRunning()).rejects.toThrow(/table never-initialized-runs does not exist/);
    await expect(store.locks.get('demo')).rejects.toThrow(/never-initialized-locks .*sitebot init/);
    // Tables that exist still answer.
    await expect(
      createStateStore(clients.doc, dynamo.prefix).environments.get('demo'),
    ).resolves.toBeUndefined();
  });
});
