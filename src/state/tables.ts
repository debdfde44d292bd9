/**
 * The one definition of sitebot's DynamoDB tables, as plain `CreateTableCommandInput` data so the
 * sandbox, the tests and the deploy check (serverless.yml) all read the same shapes.
 *
 * Sparse GSIs carry "what is live" without a Scan: an item has the index's partition attribute
 * only while it belongs in the index (`activeShard` while an env is not destroyed,
 * `runningShard` while a run is running). The repositories set and remove those attributes.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

export interface TableNames {
  environments: string;
  runs: string;
  locks: string;
  audit: string;
  outbox: string;
}

/** Index names, shared by the table definitions and the repositories' queries. */
export const INDEX = {
  /** environments: partition `activeShard`, sort `activeSort` (= `<channel>#<name>`). */
  activeEnvironments: 'active',
  /** runs: partition `env`, sort `createdAt`. */
  runsByEnv: 'by-env',
  /** runs: partition `runningShard`, sort `createdAt`. */
  runningRuns: 'running',
  /** outbox: partition `pendingShard`, sort `dueAt`. */
  pendingOutbox: 'pending',
} as const;

/** The single value of a sparse index's partition attribute (few items, so one partition suffices). */
export const ACTIVE_SHARD = 'active';
export const RUNNING_SHARD = 'running';
export const PENDING_SHARD = 'pending';

export function tableNames(prefix: string): TableNames {
  return {
    environments: `${prefix}-environments`,
    runs: `${prefix}-runs`,
    locks: `${prefix}-locks`,
    audit: `${prefix}-audit`,
    outbox: `${prefix}-outbox`,
  };
}

export function tableDefinitions(prefix: string): Record<keyof TableNames, CreateTableCommandInput> {
  const names = tableNames(prefix);
  return {
    environments: {
      TableName: names.environments,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'name', AttributeType: 'S' },
        { AttributeName: 'activeShard', AttributeType: 'S' },
        { AttributeName: 'activeSort', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'name', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: INDEX.activeEnvironments,
          KeySchema: [
            { AttributeName: 'activeShard', KeyType: 'HASH' },
            { AttributeName: 'activeSort', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
    runs: {
      TableName: names.runs,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'runId', AttributeType: 'S' },
        { AttributeName: 'env', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'N' },
        { AttributeName: 'runningShard', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'runId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: INDEX.runsByEnv,
          KeySchema: [
            { AttributeName: 'env', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: INDEX.runningRuns,
          KeySchema: [
            { AttributeName: 'runningShard', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
    locks: {
      TableName: names.locks,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'env', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'env', KeyType: 'HASH' }],
    },
    audit: {
      TableName: names.audit,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'env', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'env', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    },
    outbox: {
      TableName: names.outbox,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'pendingShard', AttributeType: 'S' },
        { AttributeName: 'dueAt', AttributeType: 'N' },
      ],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: INDEX.pendingOutbox,
          KeySchema: [
            { AttributeName: 'pendingShard', KeyType: 'HASH' },
            { AttributeName: 'dueAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
  };
}

/** Which tables ensureTables made, and which were there already. */
export interface EnsuredTables {
  created: string[];
  present: string[];
}

/**
 * Creates whichever tables are missing (all at once: DynamoDB allows 250 concurrent creates of
 * tables with secondary indexes, API reference LimitExceededException) and waits until each is
 * ACTIVE; tables that exist are left alone, so it is safe to run again. The sandbox, the tests, `sitebot
 * init` and Socket Mode's SITEBOT_CREATE_TABLES call it; on Lambda the tables come from
 * serverless.yml.
 */
export async function ensureTables(
  client: DynamoDBClient,
  prefix: string,
  maxWaitSeconds = 60,
): Promise<EnsuredTables> {
  const names = tableNames(prefix);
  const definitions = tableDefinitions(prefix);
  const keys = Object.keys(names) as (keyof TableNames)[];
  const outcomes = await Promise.all(
    keys.map(async (key): Promise<'created' | 'present'> => {
      const TableName = names[key];
      let outcome: 'created' | 'present' = 'present';
      if (!(await tableExists(client, TableName))) {
        try {
          await client.send(new CreateTableCommand(definitions[key]));
          outcome = 'created';
        } catch (err) {
          // Someone else (another test worker, a second sandbox) created it first: that is fine.
          if (errorName(err) !== 'ResourceInUseException') throw err;
        }
      }
      await waitUntilTableExists(
        { client, minDelay: 1, maxDelay: 2, maxWaitTime: maxWaitSeconds },
        { TableName },
      );
      return outcome;
    }),
  );
  const named = (which: 'created' | 'present') =>
    keys.filter((_, i) => outcomes[i] === which).map((k) => names[k]);
  return { created: named('created'), present: named('present') };
}

async function tableExists(client: DynamoDBClient, TableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName }));
    return true;
  } catch (err) {
    if (errorName(err) === 'ResourceNotFoundException') return false;
    throw err;
  }
}

function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}
