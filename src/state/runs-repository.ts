/**
 * Runs table: one item per run. While a run is `running` it carries `runningShard`, which puts it
 * in the sparse `running` GSI that a restarted runner reads to resume work; `by-env` lists an
 * env's runs newest first. Every write bumps `version`, lease changes included, so a runner
 * holding a copy from before someone else's lease can no longer save it.
 */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  absent,
  conditionalPut,
  isConditionFailure,
  queryAll,
  versionIs,
  without,
  type WriteCondition,
} from './dynamo';
import { INDEX, RUNNING_SHARD } from './tables';
import type { Run, RunsRepository } from './types';

const INTERNAL = ['runningShard'] as const;

export class DynamoRunsRepository implements RunsRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(run: Omit<Run, 'version'>): Promise<Run> {
    const created: Run = { ...run, version: 1 };
    await this.put(created, absent('runId'), `run ${run.runId} already exists`);
    return created;
  }

  async get(runId: string): Promise<Run | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { runId }, ConsistentRead: true }),
    );
    return Item ? toRun(Item) : undefined;
  }

  async save(run: Run): Promise<Run> {
    const stored: Run = { ...run, version: run.version + 1 };
    await this.put(stored, versionIs(run.version), `run ${run.runId} changed since version ${run.version}`);
    return stored;
  }

  async listRunning(): Promise<Run[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: INDEX.runningRuns,
      KeyConditionExpression: 'runningShard = :shard',
      ExpressionAttributeValues: { ':shard': RUNNING_SHARD },
    });
    // The GSI is eventually consistent; drop a run that finished a moment ago.
    return items.map(toRun).filter((run) => run.status === 'running');
  }

  /** Newest first. */
  async listByEnv(env: string, limit?: number): Promise<Run[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        IndexName: INDEX.runsByEnv,
        KeyConditionExpression: 'env = :env',
        ExpressionAttributeValues: { ':env': env },
        ScanIndexForward: false,
      },
      limit,
    );
    return items.map(toRun);
  }

  /**
   * Takes the lease when nobody holds it, it has expired (`until < now`), or `owner` holds it
   * already (renewal). Returns undefined when another owner's lease is live or the run is gone.
   */
  async acquireLease(
    runId: string,
    owner: string,
    now: number,
    durationMs: number,
  ): Promise<Run | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { runId },
          UpdateExpression: 'SET #lease = :lease, #version = #version + :one',
          ConditionExpression:
            'attribute_exists(runId) AND (attribute_not_exists(#lease) OR #lease.#until < :now OR #lease.#owner = :owner)',
          ExpressionAttributeNames: {
            '#lease': 'lease',
            '#until': 'until',
            '#owner': 'owner',
            '#version': 'version',
          },
          ExpressionAttributeValues: {
            ':lease': { owner, until: now + durationMs },
            ':now': now,
            ':owner': owner,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toRun(Attributes) : undefined;
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  }

  /** Drops the lease only if `owner` still holds it; otherwise does nothing. */
  async releaseLease(runId: string, owner: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { runId },
          UpdateExpression: 'REMOVE #lease SET #version = #version + :one',
          ConditionExpression: '#lease.#owner = :owner',
          ExpressionAttributeNames: { '#lease': 'lease', '#owner': 'owner', '#version': 'version' },
          ExpressionAttributeValues: { ':owner': owner, ':one': 1 },
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }

  private async put(run: Run, condition: WriteCondition, conflictMessage: string): Promise<void> {
    const Item: Record<string, unknown> = { ...run };
    if (run.status === 'running') Item.runningShard = RUNNING_SHARD;
    await conditionalPut(this.doc, this.tableName, Item, condition, conflictMessage);
  }
}

function toRun(item: Record<string, unknown>): Run {
  return without<Run>(item, INTERNAL);
}
