/**
 * Test doubles for time: a clock tests move by hand and a TickScheduler that only records
 * requested ticks until the test runs them — no real timers, fully deterministic.
 *
 * ```ts
 * const clock = new ManualClock(0);
 * const scheduler = new ManualScheduler(clock);
 * const runner = new WorkflowRunner({ ..., scheduler, clock });
 * scheduler.attach(runner);
 * await scheduler.drain(); // tick until no run asks for another tick, jumping the clock
 * ```
 */
import type { Clock } from './clock';
import type { TickTarget } from './tick-target';
import type { TickScheduler } from './types';

export class ManualClock implements Clock {
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  set(time: number): void {
    this.time = time;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}

export interface ScheduledTick {
  runId: string;
  at: number;
}

export class ManualScheduler implements TickScheduler {
  private target?: TickTarget;
  /** One pending tick per run, the earliest requested. */
  private readonly pending = new Map<string, number>();
  /** Every request ever made, in order (for assertions on delays). */
  readonly requests: { runId: string; delayMs: number; at: number }[] = [];

  constructor(private readonly clock: ManualClock) {}

  attach(target: TickTarget): this {
    this.target = target;
    return this;
  }

  async schedule(runId: string, delayMs: number): Promise<void> {
    const at = this.clock.now() + Math.max(0, delayMs);
    this.requests.push({ runId, delayMs, at });
    const existing = this.pending.get(runId);
    if (existing === undefined || at < existing) this.pending.set(runId, at);
  }

  pendingTicks(): ScheduledTick[] {
    return [...this.pending.entries()].map(([runId, at]) => ({ runId, at })).sort((a, b) => a.at - b.at);
  }

  /** Forget every pending tick (e.g. the process "died"). */
  clear(): void {
    this.pending.clear();
  }

  /** Tick every run whose tick is due at `now` (default: the clock's time), once each. */
  async runDue(now = this.clock.now()): Promise<unknown[]> {
    const due = this.pendingTicks().filter((t) => t.at <= now);
    const results: unknown[] = [];
    for (const { runId } of due) {
      this.pending.delete(runId);
      results.push(await this.requireTarget().tick(runId));
    }
    return results;
  }

  /**
   * Run ticks in time order, moving the clock forward to each, until none is pending.
   * Throws after `maxTicks` (a run that never ends is a bug the test should see).
   */
  async drain(maxTicks = 10_000): Promise<number> {
    for (let count = 0; ; count++) {
      const next = this.pendingTicks()[0];
      if (!next) return count;
      if (count >= maxTicks) throw new Error(`ManualScheduler.drain: still ticking after ${maxTicks} ticks`);
      if (next.at > this.clock.now()) this.clock.set(next.at);
      this.pending.delete(next.runId);
      await this.requireTarget().tick(next.runId);
    }
  }

  private requireTarget(): TickTarget {
    if (!this.target) throw new Error('ManualScheduler: no runner attached');
    return this.target;
  }
}
