/**
 * Drives runs from the CLI process: the InProcessTickScheduler calls this driver (not the
 * runner directly), so the CLI sees every tick's outcome — the end of the run, or `busy` when
 * another worker (the bot) holds it, in which case it simply asks again later. It is also the
 * runtime's ProgressSink, forwarding every persisted change to whoever follows the run.
 *
 * Ctrl-C (the abort signal) stops ticking: pending ticks are cancelled, a tick under way is
 * let finish (the runner releases the lease at its end), and the run stays `running` in the
 * store — resumable by the next command or by the bot.
 */
import type { Run, StateStore } from '../state/types';
import type { TickOutcome } from '../workflows/engine/runner';
import type { TickTarget } from '../workflows/engine/tick-target';
import type { ProgressSink, RunEvent, TickScheduler } from '../workflows/engine/types';

export interface FollowResult {
  run: Run;
  outcome: 'finished' | 'interrupted';
}

interface Follower {
  onUpdate(run: Run): void;
  resolve(result: FollowResult): void;
  reject(err: Error): void;
}

export interface RunDriverOptions {
  store: Pick<StateStore, 'runs'>;
  /** The scheduler the runner schedules on; it must call this driver's `tick`. */
  scheduler: TickScheduler & { stop(): void };
  /** How soon to ask again when another worker holds the run (ms). Default 5 s. */
  busyRetryMs?: number;
  /** Told about ticks that threw (the run is retried after `busyRetryMs`). */
  onError?(err: unknown, runId: string): void;
}

export class RunDriver implements TickTarget, ProgressSink {
  private runner?: TickTarget;
  private readonly followers = new Map<string, Follower[]>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly busyRetryMs: number;

  constructor(private readonly options: RunDriverOptions) {
    this.busyRetryMs = options.busyRetryMs ?? 5_000;
  }

  /** The runner ticks go to (built after the driver, since the runner needs the driver as sink). */
  bind(runner: TickTarget): this {
    this.runner = runner;
    return this;
  }

  async tick(runId: string): Promise<unknown> {
    if (!this.runner) throw new Error('RunDriver: no runner bound');
    const ticking = this.runner.tick(runId) as Promise<TickOutcome>;
    this.inFlight.add(ticking);
    try {
      const outcome = await ticking;
      await this.handle(runId, outcome);
      return outcome;
    } catch (err) {
      this.options.onError?.(err, runId);
      await this.options.scheduler.schedule(runId, this.busyRetryMs);
      return undefined;
    } finally {
      this.inFlight.delete(ticking);
    }
  }

  onRunUpdate(run: Run, _event: RunEvent): void {
    for (const f of this.followers.get(run.runId) ?? []) f.onUpdate(run);
  }

  /**
   * Ticks `runId` until it ends (or `signal` aborts) and reports every change to `onUpdate`.
   * `kick`: schedule a first tick now (for a run started elsewhere; startRun already did).
   */
  follow(
    runId: string,
    options: { onUpdate(run: Run): void; signal?: AbortSignal; kick?: boolean },
  ): Promise<FollowResult> {
    return new Promise<FollowResult>((resolve, reject) => {
      const follower: Follower = { onUpdate: options.onUpdate, resolve, reject };
      this.followers.set(runId, [...(this.followers.get(runId) ?? []), follower]);
      const { signal } = options;
      if (signal) {
        const onAbort = () => void this.interrupt(runId).then(resolve, reject);
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }
      if (options.kick) void this.options.scheduler.schedule(runId, 0);
    });
  }

  private async handle(runId: string, outcome: TickOutcome): Promise<void> {
    switch (outcome.outcome) {
      case 'finished':
        this.settle(runId, (f) => f.resolve({ run: outcome.run, outcome: 'finished' }));
        return;
      case 'busy':
        // Another worker holds the run, or our own tick is still going: look again later.
        await this.options.scheduler.schedule(runId, this.busyRetryMs);
        return;
      case 'missing':
        this.settle(runId, (f) => f.reject(new Error(`run ${runId} does not exist`)));
        return;
      case 'unsupported':
        this.settle(runId, (f) => f.reject(new Error(outcome.message)));
        return;
      default:
        // `scheduled` / `error`: the runner has already asked for the next tick.
        return;
    }
  }

  /** Stop ticking, let a tick under way finish, and answer with the run as stored. */
  private async interrupt(runId: string): Promise<FollowResult> {
    this.options.scheduler.stop();
    await Promise.allSettled([...this.inFlight]);
    const run = await this.options.store.runs.get(runId);
    if (!run) throw new Error(`run ${runId} does not exist`);
    this.followers.delete(runId);
    return { run, outcome: run.status === 'running' ? 'interrupted' : 'finished' };
  }

  private settle(runId: string, fn: (f: Follower) => void): void {
    const followers = this.followers.get(runId) ?? [];
    this.followers.delete(runId);
    for (const f of followers) fn(f);
  }
}
