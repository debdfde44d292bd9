/**
 * The local tick driver (sandbox, CLI, self-hosted bot): one setTimeout per run. Asking again
 * for a run keeps whichever tick is due first. On AWS an SQS-backed TickScheduler replaces it.
 */
import type { TickTarget } from './tick-target';
import type { TickScheduler } from './types';

interface Pending {
  at: number;
  timer: NodeJS.Timeout;
}

export class InProcessTickScheduler implements TickScheduler {
  private target?: TickTarget;
  private readonly pending = new Map<string, Pending>();
  private stopped = false;

  constructor(private readonly options: { onError?(err: unknown, runId: string): void } = {}) {}

  /** Give the scheduler its runner (they need each other, so this is set after both exist). */
  attach(target: TickTarget): this {
    this.target = target;
    return this;
  }

  async schedule(runId: string, delayMs: number): Promise<void> {
    if (this.stopped) return;
    const at = Date.now() + Math.max(0, delayMs);
    const existing = this.pending.get(runId);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => this.fire(runId), Math.max(0, delayMs));
    this.pending.set(runId, { at, timer });
  }

  /** Run ids with a tick pending. */
  pendingRuns(): string[] {
    return [...this.pending.keys()];
  }

  /** When (Date.now ms) the earliest pending tick is due, if any. */
  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const { at } of this.pending.values()) if (next === undefined || at < next) next = at;
    return next;
  }

  /** Cancel every pending tick and accept no more (ticks already running finish). */
  stop(): void {
    this.stopped = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private fire(runId: string): void {
    this.pending.delete(runId);
    if (!this.target) {
      this.options.onError?.(new Error('InProcessTickScheduler: no runner attached'), runId);
      return;
    }
    this.target.tick(runId).catch((err: unknown) => this.options.onError?.(err, runId));
  }
}
