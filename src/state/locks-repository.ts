/** Locks table: at most one item per env, naming the run that owns the env right now. */
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './dynamo';
import type { EnvLock, LocksRepository } from './types';

/** Acquire re-tries this often when the holder releases between our failed put and our read. */
const ACQUIRE_TRIES = 5;

export class DynamoLocksRepository implements LocksRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async acquire(lock: EnvLock): Promise<{ acquired: true } | { acquired: false; heldBy: EnvLock }> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...lock },
            ConditionExpression: 'attribute_not_exists(env)',
          }),
        );
        return { acquired: true };
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
      const heldBy = await this.get(lock.env);
      if (heldBy) return { acquired: false, heldBy };
      if (attempt >= ACQUIRE_TRIES) throw new Error(`lock for ${lock.env} kept changing hands; giving up`);
    }
  }

  async get(env: string): Promise<EnvLock | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { env }, ConsistentRead: true }),
    );
    return Item as EnvLock | undefined;
  }

  async release(env: string, runId: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { env },
          ConditionExpression: 'runId = :runId',
          ExpressionAttributeValues: { ':runId': runId },
        }),
      );
    } catch (err) {
      // Not held, or held by another run: releasing someone else's lock must do nothing.
      if (!isConditionFailure(err)) throw err;
    }
  }
}
