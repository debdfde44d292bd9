/**
 * Audit table: partition `env`, sort `sk` = `<at, zero-padded>#<random>`, so events sort by time
 * and two events in the same millisecond never overwrite each other.
 *
 * A once-only event (one with a `key`) is written in two steps, each safe to repeat: first a
 * claim item `~once#<key>` holding the event as it will be stored (create-if-absent; a repeat
 * reads the claim made earlier instead), then the event itself under the claim's sort key
 * (create-if-absent). Without transactions this is what makes "record the run's end" idempotent:
 * a process that dies between the two writes leaves a claim the next attempt completes, and an
 * attempt after the event was written writes nothing. Claims sort after every event (`~` is
 * above the digits) and `list` never reads them.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, queryAll, without } from './dynamo';
import type { AuditEvent, AuditRepository } from './types';

/** Epoch milliseconds fit in 13 digits until the year 2286; 15 leaves room and keeps string order = time order. */
const AT_DIGITS = 15;
const RECORD_TRIES = 3;
/** Sort-key prefix of once-only claims: above every event's (digits), so a range below it holds only events. */
const CLAIM_PREFIX = '~once#';

export function auditSortKey(at: number, random: string): string {
  return `${String(at).padStart(AT_DIGITS, '0')}#${random}`;
}

export class DynamoAuditRepository implements AuditRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly random: () => string = () => randomBytes(6).toString('hex'),
  ) {}

  async record(event: AuditEvent): Promise<void> {
    if (event.key !== undefined) return this.recordOnce(event, event.key);
    for (let attempt = 1; ; attempt++) {
      // A random-suffix collision: draw again rather than overwrite an event.
      if (await this.putIfAbsent({ ...event, sk: auditSortKey(event.at, this.random()) })) return;
      if (attempt >= RECORD_TRIES)
        throw new Error(`audit event for ${event.env} kept colliding; not recorded`);
    }
  }

  private async recordOnce(event: AuditEvent, key: string): Promise<void> {
    const claim = {
      env: event.env,
      sk: `${CLAIM_PREFIX}${key}`,
      item: { ...event, sk: auditSortKey(event.at, this.random()) },
    };
    let item: Record<string, unknown> = claim.item;
    if (!(await this.putIfAbsent(claim))) {
      const { Item } = await this.doc.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { env: claim.env, sk: claim.sk },
          ConsistentRead: true,
        }),
      );
      item = (Item?.item as Record<string, unknown> | undefined) ?? claim.item;
    }
    // Already there when an earlier attempt got this far: nothing to do.
    await this.putIfAbsent(item);
  }

  /** Puts `item` unless its key exists; false when it did. */
  private async putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /** Newest first; all of the env's events when `limit` is omitted. */
  async list(env: string, limit?: number): Promise<AuditEvent[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        KeyConditionExpression: 'env = :env AND sk < :claims',
        ExpressionAttributeValues: { ':env': env, ':claims': CLAIM_PREFIX },
        ScanIndexForward: false,
      },
      limit,
    );
    return items.map((item) => without<AuditEvent>(item, ['sk']));
  }
}
