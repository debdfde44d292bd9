/**
 * What the bot must tell Slack whatever Slack is doing at the moment — reminders, the auto-destroy
 * notice, digests, a run's final state and its thread reply — goes through here: written to the
 * outbox table first (src/state/outbox-repository.ts), then delivered at once if Slack takes it,
 * else again later, with backoff and no sooner than Slack's Retry-After, until it is delivered or
 * can never be (the channel is gone or archived, the bot was removed, the message is invalid):
 * then it is given up and logged with its env and run.
 *
 * Delivery is at least once: a message is leased while it is sent, and each step is saved when
 * done, so two processes never send the same step at the same time and a retry resumes after the
 * last saved step. Only a crash between Slack's answer and that save repeats a step. A message's
 * id is the sender's: deriving it from what the message is about makes sending it twice a no-op.
 */
import type { StateStore } from '../state/types';
import { ConflictError } from '../state/types';
import type {
  NewOutboxMessage,
  OutboxMessage,
  OutboxRepository,
  OutboxStep,
} from '../state/outbox-repository';
import { backoffDelay, type RetryPolicy } from '../workflows/engine/backoff';
import { patchEnv } from './services/deps';
import { reminderMessagesOf } from './services/buttons';
import type { ChatClient } from './slack-chat';
import { classifySlackError, describeSlackError } from './slack-errors';
import type { Block } from './views/reply';

/** Brings a message back for another delivery after `delayMs` (SQS on AWS, a timer locally). */
export interface DeliveryScheduler {
  deliverLater(id: string, delayMs: number): Promise<void>;
}

export interface OutboxOptions {
  repo: OutboxRepository;
  /** A client that does not sleep through rate limits itself: the outbox waits them out durably. */
  chat: ChatClient;
  store: Pick<StateStore, 'environments'>;
  scheduler: DeliveryScheduler;
  /** This process, as lease owner. */
  owner: string;
  /** Real time. */
  now?: () => number;
  random?: () => number;
  log(line: string): void;
  /** A message still failing this long after it was written is given up (default 24 h). */
  maxAgeMs?: number;
  /** How long one delivery may hold a message (default 60 s; a step is one Slack call). */
  leaseMs?: number;
}

export type DeliveryResult = 'delivered' | 'retrying' | 'abandoned' | 'skipped';

/**
 * Pacing of retries, the runner's own (equal jitter): ceilings of 2 s, 4 s, … up to 15 min (an
 * SQS delay's longest), never sooner than Retry-After. `maxAttempts` is unused: age decides.
 */
const RETRY: RetryPolicy = { baseMs: 2_000, maxMs: 15 * 60_000, maxAttempts: Number.POSITIVE_INFINITY };

/** Messages kept remembered per env as "reminders I sent" (their buttons count). */
const KEEP_REMINDERS = 10;

export class SlackOutbox {
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: OutboxOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /**
   * Records the message and tries to deliver it now. False when a message with this id was
   * recorded before (it is then left to its own deliveries). Throws only when the outbox
   * itself could not be written.
   */
  async send(message: NewOutboxMessage): Promise<boolean> {
    if (!(await this.options.repo.add(message, this.now()))) return false;
    await this.deliver(message.id).catch((err: unknown) => {
      // The message is stored: a scheduled retry or the sweep will deliver it.
      this.options.log(`outbox: ${label(message)}: delivery deferred: ${describeError(err)}`);
      return this.options.scheduler.deliverLater(message.id, RETRY.baseMs).catch(() => undefined);
    });
    return true;
  }

  /** One delivery attempt of a due message; does nothing if it is not due, done, or leased elsewhere. */
  async deliver(id: string): Promise<DeliveryResult> {
    const { repo } = this.options;
    let message = await repo.lease(id, this.options.owner, this.now(), this.options.leaseMs ?? 60_000);
    if (!message) return 'skipped';
    while (message.done < message.steps.length) {
      let ts: string | undefined;
      try {
        ts = await this.perform(message.steps[message.done], message);
      } catch (err) {
        return this.failed(message, err);
      }
      message = await this.saved({ ...message, done: message.done + 1, lastTs: ts ?? message.lastTs });
      if (!message) return 'skipped';
    }
    await this.saved({ ...message, status: 'delivered', lease: undefined, lastError: undefined });
    return 'delivered';
  }

  /** Delivers what is due and was not brought back by its scheduler (a lost message, a crash). */
  async sweep(limit = 50): Promise<number> {
    const due = await this.options.repo.listDue(this.now(), limit);
    let delivered = 0;
    for (const message of due) {
      if ((await this.deliver(message.id).catch(() => 'skipped')) === 'delivered') delivered++;
    }
    return delivered;
  }

  private async perform(step: OutboxStep, message: OutboxMessage): Promise<string | undefined> {
    const { chat } = this.options;
    const blocks = (b: unknown[] | undefined) => (b ? { blocks: b as Block[] } : {});
    switch (step.op) {
      case 'post': {
        const threadTs = step.threadOnLast ? message.lastTs : step.threadTs;
        const thread = threadTs ? { thread_ts: threadTs } : {};
        const posted = await chat.chat.postMessage({
          channel: step.channel,
          text: step.text,
          ...blocks(step.blocks),
          ...thread,
        });
        return posted.ts;
      }
      case 'update':
        try {
          await chat.chat.update({
            channel: step.channel,
            ts: step.ts,
            text: step.text,
            ...blocks(step.blocks),
          });
          return step.ts;
        } catch (err) {
          if (classifySlackError(err).kind !== 'message-gone') throw err;
          // Deleted, or not editable any more: the news goes out as a new message.
          const posted = await chat.chat.postMessage({
            channel: step.channel,
            text: step.text,
            ...blocks(step.blocks),
          });
          return posted.ts;
        }
      case 'remember-reminder': {
        const ts = message.lastTs;
        if (!ts) return undefined;
        await patchEnv(this.options.store, step.env, (e) =>
          reminderMessagesOf(e).includes(ts)
            ? undefined
            : {
                meta: { ...e.meta, reminderMessages: [...reminderMessagesOf(e), ts].slice(-KEEP_REMINDERS) },
              },
        );
        return ts;
      }
    }
  }

  private async failed(message: OutboxMessage, err: unknown): Promise<DeliveryResult> {
    const failure = classifySlackError(err);
    const now = this.now();
    const attempts = message.attempts + 1;
    const tooOld = now - message.createdAt > (this.options.maxAgeMs ?? 86_400_000);
    const lastError = describeSlackError(err);
    if (failure.kind !== 'retry' || tooOld) {
      await this.saved({ ...message, status: 'abandoned', attempts, lastError, lease: undefined });
      this.options.log(
        `outbox: gave up on ${label(message)} after ${attempts} attempt(s): ${lastError}` +
          (failure.kind === 'channel' ? ' (the bot cannot post in that channel)' : ''),
      );
      return 'abandoned';
    }
    const delay = Math.max(backoffDelay(attempts, RETRY, this.random), failure.retryAfterMs ?? 0);
    const saved = await this.saved({ ...message, attempts, lastError, dueAt: now + delay, lease: undefined });
    if (saved) await this.options.scheduler.deliverLater(message.id, delay);
    this.options.log(
      `outbox: ${label(message)}: attempt ${attempts} failed (${lastError}); again in ${delay} ms`,
    );
    return 'retrying';
  }

  /** Saves under our lease; undefined when someone else took the message meanwhile (our lease ran out). */
  private async saved(message: OutboxMessage): Promise<OutboxMessage | undefined> {
    try {
      return await this.options.repo.save(message);
    } catch (err) {
      if (err instanceof ConflictError) return undefined;
      throw err;
    }
  }
}

/** `reminder [id] (env demo, run R)`: what a message is and whom it is about, for logs. */
function label(message: Pick<OutboxMessage, 'id' | 'about'>): string {
  const { purpose, env, runId } = message.about;
  const about = [env ? `env ${env}` : '', runId ? `run ${runId}` : ''].filter(Boolean).join(', ');
  return `${purpose} [${message.id}]${about ? ` (${about})` : ''}`;
}

function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}
