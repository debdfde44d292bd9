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
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly onError: (err: unknown, where: string) => void = () => undefined) {
    this.timers = new InProcessTickScheduler({ onError: (err, id) => onError(err, `outbox ${id}`) });
  }

  /** The outbox is built with this scheduler, so it is given here once both exist. */
  attach(outbox: Pick<SlackOutbox, 'deliver' | 'sweep'>, sweepEveryMs = 30_000): this {
    this.timers.attach({
      tick: (id) => {
        const delivering = outbox.deliver(id).finally(() => this.running.delete(delivering));
        this.running.add(delivering);
        return delivering;
      },
    });
    this.sweeper = setInterval(() => {
      outbox.sweep().catch((err: unknown) => this.onError(err, 'outbox sweep'));
    }, sweepEveryMs);
    this.sweeper.unref();
    return this;
  }

  async deliverLater(id: string, delayMs: number): Promise<void> {
    await this.timers.schedule(id, delayMs);
  }

  /**
   * Resolves once no delivery is under way and none is due again within `horizonMs` (real time):
   * a message refused for Slack's rate limit is retried a second or two later, and a test that
   * settles must see it. A delivery failing for longer is left to its retries.
   */
  async idle(horizonMs = 10_000): Promise<void> {
    const until = Date.now() + horizonMs;
    for (;;) {
      if (this.running.size > 0) {
        await Promise.allSettled([...this.running]);
        continue;
      }
      const next = this.timers.nextDueAt();
      if (next === undefined || next > until) return;
      await new Promise((r) => setTimeout(r, Math.max(10, Math.min(100, next - Date.now()))));
    }
  }

  stop(): void {
    clearInterval(this.sweeper);
    this.timers.stop();
  }
}
