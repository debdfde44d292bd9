/**
 * Audit table: partition `env`, sort `sk` = `<at, zero-padded>#<random>`, so events sort by time
 * and two events in the same millisecond never overwrite each other.
 */
import { randomBytes } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, queryAll, without } from './dynamo';
import type { AuditEvent, AuditRepository } from './types';

/** Epoch milliseconds fit in 13 digits until the year 2286; 15 leaves room and keeps string order = time order. */
const AT_DIGITS = 15;
const RECORD_TRIES = 3;

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
    for (let attempt = 1; ; attempt++) {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...event, sk: auditSortKey(event.at, this.random()) },
            ConditionExpression: 'attribute_not_exists(sk)',
          }),
        );
        return;
      } catch (err) {
        // A random-suffix collision: draw again rather than overwrite an event.
        if (!isConditionFailure(err) || attempt >= RECORD_TRIES) throw err;
      }
    }
  }

  /** Newest first; all of the env's events when `limit` is omitted. */
  async list(env: string, limit?: number): Promise<AuditEvent[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        KeyConditionExpression: 'env = :env',
        ExpressionAttributeValues: { ':env': env },
        ScanIndexForward: false,
      },
      limit,
    );
    return items.map((item) => without<AuditEvent>(item, ['sk']));
  }
}
