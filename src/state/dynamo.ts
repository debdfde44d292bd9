/** Small DynamoDB helpers shared by the repositories: lost-race detection, write conditions, full pagination. */
import {
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from './types';

/** A conditional write whose condition did not hold: someone else got there first. */
export function isConditionFailure(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

/**
 * Runs a Query to the end (following LastEvaluatedKey past each 1 MB page), or until `limit`
 * items have been read.
 */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  limit?: number,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  if (limit !== undefined && limit <= 0) return items; // DynamoDB rejects Limit 0
  let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const remaining = limit === undefined ? undefined : limit - items.length;
    const page = await doc.send(
      new QueryCommand({ ...input, ExclusiveStartKey, Limit: remaining ?? input.Limit }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && (limit === undefined || items.length < limit));
  return items;
}

/** Returns `item` without the named attributes (index keys that are ours, not the domain's). */
export function without<T>(item: Record<string, unknown>, internal: readonly string[]): T {
  const copy = { ...item };
  for (const key of internal) delete copy[key];
  return copy as T;
}

/** A write's condition with its own placeholders, so each write states exactly what it relies on. */
export interface WriteCondition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** Optimistic locking: the stored item must still be at `expected`. */
export const versionIs = (expected: number): WriteCondition => ({
  expression: '#version = :expected',
  names: { '#version': 'version' },
  values: { ':expected': expected },
});

/** Create-if-absent on the table's partition key attribute. */
export const absent = (keyAttribute: string): WriteCondition => ({
  expression: 'attribute_not_exists(#key)',
  names: { '#key': keyAttribute },
});

/** Puts `item` only if `condition` holds; a lost race becomes a ConflictError with `conflictMessage`. */
export async function conditionalPut(
  doc: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
  condition: WriteCondition,
  conflictMessage: string,
): Promise<void> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: condition.names,
        ExpressionAttributeValues: condition.values,
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError(conflictMessage);
    throw err;
  }
}
