/**
 * The sandbox's tick driver, on the emulator's virtual clock: a tick asked for in `delayMs` is
 * due at virtual `now + delayMs`. While the clock runs (speed > 0) due ticks fire by themselves
 * (a real timer of delay ÷ speed, re-checked at least once a second, so a change of speed or an
 * `advance` is picked up); a test that stops the clock (speed 0) drives them instead: advance
 * the clock to `nextDue()`, then `runDue()` — no real-time race decides what happens when.
 */
import type { TickTarget } from '../workflows/engine/tick-target';
import type { TickScheduler } from '../workflows/engine/types';
import type { VirtualClock } from './aws/clock';

/** Longest real wait between two looks at the clock. */
const RECHECK_MS = 1_000;

export class VirtualTickScheduler implements TickScheduler {
  private target?: TickTarget;
  /** One pending tick per run: the earliest asked for, in virtual ms. */
  private readonly pending = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly clock: VirtualClock,
    private readonly onError: (err: unknown, runId: string) => void = () => undefined,
  ) {}

  attach(target: TickTarget): this {
    this.target = target;
    return this;
  }

  async schedule(runId: string, delayMs: number): Promise<void> {
    if (this.stopped) return;
    const at = this.clock.now() + Math.max(0, delayMs);
    const existing = this.pending.get(runId);
    if (existing === undefined || at < existing) this.pending.set(runId, at);
    this.arm();
  }

  /** When the earliest pending tick is due (virtual ms), if any. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const at of this.pending.values()) if (next === undefined || at < next) next = at;
    return next;
  }

  /** Starts every tick due at the clock's time now. */
  runDue(): void {
    const now = this.clock.now();
    for (const [runId, at] of [...this.pending]) {
      if (at > now) continue;
      this.pending.delete(runId);
      this.fire(runId);
    }
    this.arm();
  }

  /** Resolves once no tick is running and none is due now (each tick may schedule the next). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.inFlight.size > 0) {
        await Promise.allSettled([...this.inFlight]);
        continue;
      }
      const next = this.nextDue();
      if (next === undefined || next > this.clock.now() || this.stopped) return;
      this.runDue();
    }
  }

  /** Cancels every pending tick and accepts no more (ticks already running finish). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private fire(runId: string): void {
    if (!this.target) {
      this.onError(new Error('VirtualTickScheduler: no runner attached'), runId);
      return;
    }
    const ticking = this.target
      .tick(runId)
      .then(() => undefined)
      .catch((err: unknown) => this.onError(err, runId))
      .finally(() => this.inFlight.delete(ticking));
    this.inFlight.add(ticking);
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.nextDue();
    if (this.stopped || next === undefined) return;
    const wait = next - this.clock.now();
    const speed = this.clock.speed;
    const real = wait <= 0 ? 0 : speed > 0 ? Math.min(RECHECK_MS, wait / speed) : RECHECK_MS;
    this.timer = setTimeout(() => this.runDue(), real);
    this.timer.unref();
  }
}
