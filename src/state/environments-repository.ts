/**
 * Environments table: one item per env name. While an env is not `destroyed` it carries
 * `activeShard` + `activeSort` (`<channel>#<name>`), which puts it in the sparse `active` GSI;
 * listing active envs (all, or one channel's by key prefix) is therefore a Query, never a Scan.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { absent, conditionalPut, queryAll, versionIs, without, type WriteCondition } from './dynamo';
import { ACTIVE_SHARD, INDEX } from './tables';
import { ConflictError, type Environment, type EnvironmentsRepository } from './types';

const INTERNAL = ['activeShard', 'activeSort'] as const;

export class DynamoEnvironmentsRepository implements EnvironmentsRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(name: string): Promise<Environment | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { name }, ConsistentRead: true }),
    );
    return Item ? without<Environment>(Item, INTERNAL) : undefined;
  }

  /**
   * Create-if-absent. A `destroyed` env of the same name is replaced, conditioned on the version
   * we read, and the version keeps counting up so a stale writer from the old env still conflicts.
   */
  async create(env: Omit<Environment, 'version'>): Promise<Environment> {
    const previous = await this.get(env.name);
    if (previous && previous.status !== 'destroyed') {
      throw new ConflictError(`environment ${env.name} already exists (${previous.status})`);
    }
    const created: Environment = { ...env, version: (previous?.version ?? 0) + 1 };
    await this.put(
      created,
      previous ? versionIs(previous.version) : absent('name'),
      `environment ${env.name} was created concurrently`,
    );
    return created;
  }

  /**
   * Version-checked replace: read, merge, write back only if the version is still `expectedVersion`.
   * A patch value of `undefined` removes that attribute (e.g. clearing `currentRunId`).
   */
  async update(
    name: string,
    expectedVersion: number,
    patch: Partial<Omit<Environment, 'name' | 'version'>>,
  ): Promise<Environment> {
    const current = await this.get(name);
    if (!current) throw new ConflictError(`environment ${name} does not exist`);
    if (current.version !== expectedVersion) {
      throw new ConflictError(`environment ${name} is at version ${current.version}, not ${expectedVersion}`);
    }
    const next = dropUndefined({ ...current, ...patch, name, version: expectedVersion + 1 });
    await this.put(
      next,
      versionIs(expectedVersion),
      `environment ${name} changed since version ${expectedVersion}`,
    );
    return next;
  }

  async listActive(options: { channel?: string } = {}): Promise<Environment[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: INDEX.activeEnvironments,
      KeyConditionExpression: options.channel
        ? 'activeShard = :shard AND begins_with(activeSort, :channel)'
        : 'activeShard = :shard',
      ExpressionAttributeValues: {
        ':shard': ACTIVE_SHARD,
        ...(options.channel ? { ':channel': `${options.channel}#` } : {}),
      },
    });
    // GSI reads are eventually consistent; a just-destroyed env may linger for a moment.
    return items
      .map((item) => without<Environment>(item, INTERNAL))
      .filter((env) => env.status !== 'destroyed');
  }

  private async put(env: Environment, condition: WriteCondition, conflictMessage: string): Promise<void> {
    const Item: Record<string, unknown> = { ...env };
    if (env.status !== 'destroyed') {
      Item.activeShard = ACTIVE_SHARD;
      Item.activeSort = `${env.channel}#${env.name}`;
    }
    await conditionalPut(this.doc, this.tableName, Item, condition, conflictMessage);
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
