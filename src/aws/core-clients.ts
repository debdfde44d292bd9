/**
 * The clients every sitebot process needs, whatever it runs: DynamoDB (the state), SQS (the
 * workflow ticks on Lambda) and SSM (the Slack secrets on Lambda). Kept apart from the clients
 * the workflow steps use (./clients.ts) so that the Lambda answering Slack never loads EC2's,
 * RDS's or ELBv2's SDK code, which would double its cold start.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientSettings, lazily, type AwsClientOptions } from './client-settings';
import { explainFailures } from './errors';

export interface CoreClients {
  readonly dynamodb: DynamoDBClient;
  /** Document client over `dynamodb`; undefined attributes are dropped rather than rejected. */
  readonly doc: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly ssm: SSMClient;
}

/** Each client is built on first use; its failures name the service (and DynamoDB's the missing table). */
export function createCoreClients(options: AwsClientOptions): CoreClients {
  const clients: CoreClients = lazily<CoreClients>({
    dynamodb: () =>
      explainFailures(new DynamoDBClient(clientSettings(options, 'dynamodb')), { tables: true }),
    doc: () =>
      DynamoDBDocumentClient.from(clients.dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    sqs: () => explainFailures(new SQSClient(clientSettings(options, 'sqs'))),
    ssm: () => explainFailures(new SSMClient(clientSettings(options, 'ssm'))),
  });
  return clients;
}
