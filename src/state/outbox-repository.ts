/**
 * Outbox table (`<prefix>-outbox`, pk `id`): what the bot still owes Slack, kept until Slack has
 * taken it. A message is a short list of steps (post, update, then record the ts somewhere), done
 * in order by whoever holds its lease; each finished step is saved, so a retry resumes after it.
 * While a message is pending it carries `pendingShard` and sits in the sparse `pending` GSI
 * (sort key `dueAt`), which a sweep reads to find what is due without a Scan.
 *
 * The same table holds once-only claims (`once#<key>`: a job handled once however often SQS
 * delivers it) and the latest progress message of a run whose first one could not be edited
 * (`run#<runId>`). Message ids are the caller's (`msg#<id>`): a caller that derives the id from
 * what the message is about (a reminder's env, expiry and lead time) gets exactly one message
 * however many times, or from however many processes, it asks. Every item expires (DynamoDB TTL
 * on `expiresAtSec`) 30 days after it was written; nothing here relies on the deletion.
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { absent, conditionalPut, isConditionFailure, queryAll, versionIs, without } from './dynamo';
import { INDEX, PENDING_SHARD } from './tables';
import { ConflictError } from './types';

/** One Slack call (or the bookkeeping after one) of an outbox message. */
export type OutboxStep =
  /**
   * chat.postMessage; `threadOnLast`: as a reply to the message the previous step posted or
   * updated; `threadTs`: as a reply to that message.
   */
  | {
      op: 'post';
      channel: string;
      text: string;
      blocks?: unknown[];
      threadOnLast?: boolean;
      threadTs?: string;
    }
  /** chat.update; if the message is gone or not editable, posted as a new message instead. */
  | { op: 'update'; channel: string; ts: string; text: string; blocks?: unknown[] }
  /** Records the ts of the message just posted on the env (its buttons then count: reminders). */
  | { op: 'remember-reminder'; env: string };

export interface OutboxAbout {
  /** What this is, for logs: `reminder.warn`, `run.final`, … */
  purpose: string;
  env?: string;
  runId?: string;
}

export type OutboxStatus = 'pending' | 'delivered' | 'abandoned';

export interface OutboxMessage {
  id: string;
  status: OutboxStatus;
  steps: OutboxStep[];
  /** How many steps are done. */
  done: number;
  /** The ts of the last message a step posted or updated. */
  lastTs?: string;
  about: OutboxAbout;
  /** Failed delivery attempts so far. */
  attempts: number;
  /** Not to be tried before this (epoch ms). */
  dueAt: number;
  createdAt: number;
  updatedAt: number;
  lease?: { owner: string; until: number };
  /** The last failure's Slack code, for logs. */
  lastError?: string;
  version: number;
}

export type NewOutboxMessage = Pick<OutboxMessage, 'id' | 'steps' | 'about'>;

/** Where a run is shown now, when its first message had to be replaced. */
export interface RunMessagePointer {
  channel: string;
  ts: string;
}

export interface OutboxRepository {
  /** Create-if-absent: false when a message with this id exists already (delivered or not). */
  add(message: NewOutboxMessage, now: number): Promise<boolean>;
  get(id: string): Promise<OutboxMessage | undefined>;
  /**
   * Takes the lease of a pending message that is due (`dueAt <= now`) when nobody holds it or the
   * lease expired. Undefined when it is delivered, abandoned, not due, or leased by someone else.
   */
  lease(id: string, owner: string, now: number, durationMs: number): Promise<OutboxMessage | undefined>;
  /** Version-checked write; ConflictError when someone else wrote it since (its lease ran out). */
  save(message: OutboxMessage): Promise<OutboxMessage>;
  /** Pending messages due by `now`, oldest due first (through the GSI). */
  listDue(now: number, limit: number): Promise<OutboxMessage[]>;
  /** True for the first caller with this key, false for everyone after. */
  claimOnce(key: string, now: number): Promise<boolean>;
  runMessage(runId: string): Promise<RunMessagePointer | undefined>;
  setRunMessage(runId: string, pointer: RunMessagePointer, now: number): Promise<void>;
}

/** How long items stay: long past any retry, long enough for any duplicate to find its claim. */
const OUTBOX_RETENTION_MS = 30 * 86_400_000;

const INTERNAL = ['pendingShard', 'expiresAtSec'] as const;
const MESSAGE = 'msg#';
const ONCE = 'once#';
const RUN = 'run#';

const stepSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('post'),
    channel: z.string(),
    text: z.string(),
    blocks: z.array(z.unknown()).optional(),
    threadOnLast: z.boolean().optional(),
    threadTs: z.string().optional(),
  }),
  z.object({
    op: z.literal('update'),
    channel: z.string(),
    ts: z.string(),
    text: z.string(),
    blocks: z.array(z.unknown()).optional(),
  }),
  z.object({ op: z.literal('remember-reminder'), env: z.string() }),
]);

const messageSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'delivered', 'abandoned']),
  steps: z.array(stepSchema),
  done: z.number().int().nonnegative(),
  lastTs: z.string().optional(),
  about: z.object({ purpose: z.string(), env: z.string().optional(), runId: z.string().optional() }),
  attempts: z.number().int().nonnegative(),
  dueAt: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lease: z.object({ owner: z.string(), until: z.number() }).optional(),
  lastError: z.string().optional(),
  version: z.number().int().positive(),
});

const pointerSchema = z.object({ channel: z.string(), ts: z.string() });

export class DynamoOutboxRepository implements OutboxRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(message: NewOutboxMessage, now: number): Promise<boolean> {
    try {
      await this.put(pendingMessage(message, now), absent('id'));
      return true;
    } catch (err) {
      if (err instanceof ConflictError) return false;
      throw err;
    }
  }

  async get(id: string): Promise<OutboxMessage | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { id: MESSAGE + id }, ConsistentRead: true }),
    );
    return Item ? toMessage(Item) : undefined;
  }

  async lease(
    id: string,
    owner: string,
    now: number,
    durationMs: number,
  ): Promise<OutboxMessage | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: MESSAGE + id },
          UpdateExpression: 'SET #lease = :lease, #version = #version + :one',
          ConditionExpression:
            '#status = :pending AND #dueAt <= :now AND (attribute_not_exists(#lease) OR #lease.#until < :now)',
          ExpressionAttributeNames: {
            '#lease': 'lease',
            '#until': 'until',
            '#status': 'status',
            '#dueAt': 'dueAt',
            '#version': 'version',
          },
          ExpressionAttributeValues: {
            ':lease': { owner, until: now + durationMs },
            ':pending': 'pending',
            ':now': now,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toMessage(Attributes) : undefined;
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  }

  async save(message: OutboxMessage): Promise<OutboxMessage> {
    const stored: OutboxMessage = { ...message, version: message.version + 1 };
    await this.put(stored, versionIs(message.version));
    return stored;
  }

  async listDue(now: number, limit: number): Promise<OutboxMessage[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        IndexName: INDEX.pendingOutbox,
        KeyConditionExpression: 'pendingShard = :shard AND dueAt <= :now',
        ExpressionAttributeValues: { ':shard': PENDING_SHARD, ':now': now },
      },
      limit,
    );
    // The GSI is eventually consistent: a message delivered a moment ago may still be listed.
    return items.map(toMessage).filter((m) => m.status === 'pending');
  }

  async claimOnce(key: string, now: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { id: ONCE + key, claimedAt: now, expiresAtSec: expiry(now) },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async runMessage(runId: string): Promise<RunMessagePointer | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { id: RUN + runId }, ConsistentRead: true }),
    );
    const parsed = pointerSchema.safeParse(Item);
    return parsed.success ? parsed.data : undefined;
  }

  async setRunMessage(runId: string, pointer: RunMessagePointer, now: number): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { id: RUN + runId, ...pointer, updatedAt: now, expiresAtSec: expiry(now) },
      }),
    );
  }

  private async put(message: OutboxMessage, condition: ReturnType<typeof versionIs>): Promise<void> {
    const Item: Record<string, unknown> = {
      ...dropUndefined(message),
      id: MESSAGE + message.id,
      expiresAtSec: expiry(message.createdAt),
    };
    if (message.status === 'pending') Item.pendingShard = PENDING_SHARD;
    await conditionalPut(this.doc, this.tableName, Item, condition, `outbox message ${message.id} changed`);
  }
}

/** A message as first stored: pending, due now, nothing done. */
export function pendingMessage(message: NewOutboxMessage, now: number): OutboxMessage {
  return {
    ...message,
    status: 'pending',
    done: 0,
    attempts: 0,
    dueAt: now,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

function expiry(now: number): number {
  return Math.floor((now + OUTBOX_RETENTION_MS) / 1000);
}

function toMessage(item: Record<string, unknown>): OutboxMessage {
  const plain = without<Record<string, unknown>>(item, INTERNAL);
  return messageSchema.parse({ ...plain, id: String(plain.id).slice(MESSAGE.length) }) as OutboxMessage;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
