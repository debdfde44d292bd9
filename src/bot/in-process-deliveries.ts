/**
 * Outbox retries in a long-running process (the sandbox, a Socket Mode bot): a timer per message
 * due again, and a sweep every so often for what a timer did not bring back (a crash, a lease
 * that ran out). On Lambda the ticks queue does the same (src/handlers/sqs-work-queue.ts).
 */
import { InProcessTickScheduler } from '../workflows/engine/timer-scheduler';
import type { DeliveryScheduler, SlackOutbox } from './outbox';

export class InProcessDeliveries implements DeliveryScheduler {
  private readonly timers: InProcessTickScheduler;
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly onError: (err: unknown, where: string) => void = () => undefined) {
    this.timers = new InProcessTickScheduler({ onError: (err, id) => onError(err, `outbox ${id}`) });
  }

  /** The outbox is built with this scheduler, so it is given here once both exist. */
  attach(outbox: Pick<SlackOutbox, 'deliver' | 'sweep'>, sweepEveryMs = 30_000): this {
    this.timers.attach({ tick: (id) => outbox.deliver(id) });
    this.sweeper = setInterval(() => {
      outbox.sweep().catch((err: unknown) => this.onError(err, 'outbox sweep'));
    }, sweepEveryMs);
    this.sweeper.unref();
    return this;
  }

  async deliverLater(id: string, delayMs: number): Promise<void> {
    await this.timers.schedule(id, delayMs);
  }

  stop(): void {
    clearInterval(this.sweeper);
    this.timers.stop();
  }
}
