/**
 * The rest of what travels on the ticks queue besides ticks (./sqs-tick-scheduler.ts): the bot's
 * jobs (a command or button press the slack function acked; src/bot/jobs.ts) and outbox
 * deliveries due again (src/bot/outbox.ts). The worker consumes all three (./worker.ts).
 *
 * One queue rather than three: a job waits behind at most a batch of short ticks, and the
 * template, roles and alarm stay as they are.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { botJobSchema, type BotJob, type JobQueue } from '../bot/jobs';
import type { DeliveryScheduler } from '../bot/outbox';
import { MAX_SQS_DELAY_SECONDS } from './sqs-tick-scheduler';

export const jobMessageSchema = z.object({ job: botJobSchema }).strict();
export const deliveryMessageSchema = z.object({ deliver: z.string().min(1).max(400) }).strict();

export interface SqsWorkQueueOptions {
  sqs: Pick<SQSClient, 'send'>;
  queueUrl: string;
}

export class SqsWorkQueue implements JobQueue, DeliveryScheduler {
  constructor(private readonly options: SqsWorkQueueOptions) {}

  /** Checked as the worker will check it, so a job it would refuse is refused here, before the ack. */
  async enqueue(job: BotJob): Promise<void> {
    await this.send({ job: botJobSchema.parse(job) }, 0);
  }

  /**
   * A delivery due in `delayMs`. Waits over SQS's 900 s are cut to 900 s: the message then
   * arrives before it is due, finds it not due, and the outbox sweep takes it later.
   */
  async deliverLater(id: string, delayMs: number): Promise<void> {
    await this.send({ deliver: id }, Math.min(MAX_SQS_DELAY_SECONDS, Math.ceil(Math.max(0, delayMs) / 1000)));
  }

  private async send(body: object, delaySeconds: number): Promise<void> {
    await this.options.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.options.queueUrl,
        MessageBody: JSON.stringify(body),
        DelaySeconds: delaySeconds,
      }),
    );
  }
}
