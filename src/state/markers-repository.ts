/**
 * Once-only markers, kept in the locks table under keys that can never be env names
 * (`once#…`: env names have no `#`), so "post today's digest in C1" is claimed by exactly
 * one scheduler run. Markers are never released; at one per channel per day they stay small.
 */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './dynamo';
import type { OnceMarkersRepository } from './types';

export class DynamoOnceMarkersRepository implements OnceMarkersRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly locksTableName: string,
  ) {}

  async claim(key: string, now: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.locksTableName,
          Item: { env: `once#${key}`, claimedAt: now },
          ConditionExpression: 'attribute_not_exists(env)',
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }
}
