/**
 * The TickScheduler used on AWS: "tick this run again in N ms" becomes an SQS message on the
 * ticks queue with `DelaySeconds`, which the worker Lambda consumes (src/handlers/worker.ts).
 *
 * SQS delays a message by at most 900 s. A longer wait is sent as a 900 s message that carries
 * `notBefore`; the worker re-enqueues it (through `requeue`) until the time has come, so a run
 * may wait hours without a Lambda ever running for more than a moment.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import type { TickScheduler } from '../workflows/engine/types';

/** SQS's ceiling for `DelaySeconds`. */
export const MAX_SQS_DELAY_SECONDS = 900;

export const tickMessageSchema = z.object({
  runId: z.string().min(1).max(200),
  /** Epoch ms before which the run must not be ticked; only on messages for waits over 900 s. */
  notBefore: z.number().int().nonnegative().optional(),
});

export type TickMessage = z.infer<typeof tickMessageSchema>;

export interface SqsTickSchedulerOptions {
  sqs: Pick<SQSClient, 'send'>;
  queueUrl: string;
  now?: () => number;
}

export class SqsTickScheduler implements TickScheduler {
  private readonly sqs: Pick<SQSClient, 'send'>;
  private readonly queueUrl: string;
  private readonly now: () => number;

  constructor(options: SqsTickSchedulerOptions) {
    this.sqs = options.sqs;
    this.queueUrl = options.queueUrl;
    this.now = options.now ?? Date.now;
  }

  async schedule(runId: string, delayMs: number): Promise<void> {
    await this.enqueue(runId, this.now() + Math.max(0, delayMs));
  }

  /**
   * Sends the message for a tick due at `dueAt` (epoch ms): directly when SQS can hold it that
   * long, otherwise as a 900 s hop that still carries `dueAt`.
   */
  async enqueue(runId: string, dueAt: number): Promise<void> {
    const waitMs = Math.max(0, dueAt - this.now());
    // Round up: a tick that fires a little late is harmless, one that fires early just waits again.
    const seconds = Math.ceil(waitMs / 1000);
    const hop = seconds > MAX_SQS_DELAY_SECONDS;
    const message: TickMessage = hop ? { runId, notBefore: dueAt } : { runId };
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        DelaySeconds: Math.min(seconds, MAX_SQS_DELAY_SECONDS),
      }),
    );
  }
}
