/**
 * The spend ledger in DynamoDB: one item per channel and month in the locks table, under a key
 * no env name can take (`spend#<channel>#<YYYY-MM>`: env names have no `#`), holding each
 * destroyed env's spend for that month by entry. Writes are version-checked read-merge-writes,
 * retried on a lost race; at a few envs per channel per month the item stays small.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { absent, conditionalPut, versionIs } from './dynamo';
import { ConflictError, type SpendLedger } from './types';

/** Enough for ten teardowns in one channel ending at the same instant. */
const MAX_TRIES = 10;

const itemSchema = z.object({
  entries: z.record(z.string(), z.number()),
  version: z.number(),
});

export class DynamoSpendLedger implements SpendLedger {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly locksTableName: string,
  ) {}

  private key(channel: string, month: string): string {
    return `spend#${channel}#${month}`;
  }

  private async read(key: string): Promise<z.infer<typeof itemSchema> | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.locksTableName, Key: { env: key }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const parsed = itemSchema.safeParse(Item);
    if (!parsed.success) throw new Error(`spend ledger item ${key} does not parse: ${parsed.error.message}`);
    return parsed.data;
  }

  async record(channel: string, month: string, entry: string, usd: number): Promise<void> {
    const key = this.key(channel, month);
    for (let attempt = 1; ; attempt++) {
      const current = await this.read(key);
      const item = {
        env: key,
        entries: { ...current?.entries, [entry]: usd },
        version: (current?.version ?? 0) + 1,
      };
      try {
        await conditionalPut(
          this.doc,
          this.locksTableName,
          item,
          current ? versionIs(current.version) : absent('env'),
          `spend ledger ${key} changed`,
        );
        return;
      } catch (err) {
        if (!(err instanceof ConflictError) || attempt >= MAX_TRIES) throw err;
      }
    }
  }

  async total(channel: string, month: string): Promise<number> {
    const item = await this.read(this.key(channel, month));
    return Object.values(item?.entries ?? {}).reduce((a, b) => a + b, 0);
  }
}
