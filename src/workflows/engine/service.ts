/**
 * Starting, cancelling and resuming runs: what the bot and the CLI call. The runner advances
 * runs; this service decides whether one may start (one run per environment, by lock).
 *
 * There are no DynamoDB transactions, so writes are ordered for crash safety: the env lock is
 * taken first, then the run is shown (`announce`) and the caller's own writes made (`prepare`),
 * then the run is created, then its first tick is scheduled. A lock whose run never got created,
 * or whose run has ended, is released the next time someone asks for it.
 */
import { say, type Said, type Saying } from '../../i18n/said';
import { randomBytes } from 'node:crypto';
import {
  ConflictError,
  type EnvLock,
  type Run,
  type RunKind,
  type RunNotify,
  type StateStore,
} from '../../state/types';
import { backoffDelay, type RetryPolicy } from './backoff';
import { systemClock, type Clock } from './clock';
import { describeLock } from './lock-message';
import type { ProgressSink, TickScheduler, WorkflowOutline } from './types';

/** Lost races of a cancel request against the runner's saves: about 6 s of tries in all. */
const CANCEL_RETRY: RetryPolicy = { baseMs: 20, maxMs: 1_000, maxAttempts: 12 };
export interface StartRunInput {
  kind: RunKind;
  env: string;
  /** Slack user id (or CLI user) asking for the run. */
  requestedBy: string;
  /** Channel the run reports to; becomes `notify.channel` unless `notify` is given. */
  channel: string;
  /** Validated command options. Never secrets. */
  params: Record<string, unknown>;
  notify?: RunNotify;
  /**
   * Shows the run somewhere once it is certain to start (the env is locked) and before anything
   * of it is written; answers where (e.g. the Slack message it posted), and every update of the
   * run goes to that one place. A start refused earlier (locked) therefore shows nothing.
   * Throwing `RunNotShown` refuses the start (the place cannot show it at all: the person must act
   * first): the lock is given back and nothing is written. Any other failure is best effort: the
   * run starts with `notify`.
   */
  announce?(run: Run): Promise<RunNotify | undefined>;
  /**
   * The caller's writes that belong under the env lock and must exist before the first tick (a
   * create's env record). Runs after `announce`, before the run is created; something said refuses
   * the start with that message (the lock is given back, no run is written).
   */
  prepare?(): Promise<Saying | undefined>;
}

/** Thrown by `StartRunInput.announce` when the run cannot be shown where it was asked for. */
export class RunNotShown extends Error {
  override readonly name = 'RunNotShown';
}

export type StartRunResult =
  | { ok: true; run: Run }
  | {
      ok: false;
      reason: 'locked';
      heldBy: EnvLock;
      /** The run holding the lock, when it exists (its steps say what it is doing). */
      holderRun?: Run;
      /** Who holds it, what it is doing and since when, said. */
      message: Said;
    }
  | { ok: false; reason: 'unknown-kind'; message: Said }
  /**
   * `announce` threw RunNotShown, or `prepare` refused: nothing of the run was written. The
   * message is the caller's own, already in its reader's words.
   */
  | { ok: false; reason: 'not-shown' | 'refused'; message: Saying };

export type CancelRunResult =
  | { ok: true; run: Run }
  | { ok: false; reason: 'not-found'; message: Said }
  | { ok: false; reason: 'ended'; run: Run; message: Said };

export type RetryRunResult =
  | { ok: true; run: Run }
  | { ok: false; reason: 'not-found' | 'not-failed' | 'conflict'; message: Said }
  | { ok: false; reason: 'locked'; heldBy: EnvLock; message: Said };

export interface WorkflowServiceOptions {
  store: StateStore;
  /** Each kind's steps (a definition or only its outline: the service never runs a step). */
  workflows: Partial<Record<RunKind, WorkflowOutline>>;
  scheduler: TickScheduler;
  sink?: ProgressSink;
  clock?: Clock;
  /** New run ids; default `<env>-<kind>-<time>-<random>`. */
  newRunId?(kind: RunKind, env: string, now: number): string;
  /** A lock without a run is taken as abandoned after this long (its creator crashed). Default 60 s. */
  staleLockMs?: number;
  /**
   * Waits between a cancel request's tries against a busy runner; default a real timer (the
   * request is waiting in real time, not a run's). Tests pass their own.
   */
  pause?(ms: number): Promise<void>;
  /** The backoff's jitter in [0, 1); default Math.random. */
  random?(): number;
}

const realPause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const defaultRunId = (kind: RunKind, env: string, now: number): string =>
  `${env}-${kind}-${now.toString(36)}-${randomBytes(3).toString('hex')}`;

/** What starting a run needs of the service: the start operations take only this (any Deps). */
export type RunStarter = Pick<WorkflowService, 'startRun'>;

export class WorkflowService {
  private readonly clock: Clock;
  private readonly staleLockMs: number;

  constructor(private readonly options: WorkflowServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.staleLockMs = options.staleLockMs ?? 60_000;
  }

  /** Lock the env, show the run, create it with every step pending, and schedule its first tick. */
  async startRun(input: StartRunInput): Promise<StartRunResult> {
    const { store } = this.options;
    const workflow = this.options.workflows[input.kind];
    if (!workflow)
      return { ok: false, reason: 'unknown-kind', message: say('work.noWorkflow', { kind: input.kind }) };
    const now = this.clock.now();
    const runId = (this.options.newRunId ?? defaultRunId)(input.kind, input.env, now);
    const lock: EnvLock = {
      env: input.env,
      runId,
      kind: input.kind,
      holder: input.requestedBy,
      acquiredAt: now,
    };

    let taken = await store.locks.acquire(lock);
    if (!taken.acquired && (await this.isAbandoned(taken.heldBy, now))) {
      await store.locks.release(input.env, taken.heldBy.runId);
      taken = await store.locks.acquire(lock);
    }
    if (!taken.acquired) {
      const holderRun = await store.runs.get(taken.heldBy.runId);
      const message = describeLock(taken.heldBy, holderRun, now);
      return {
        ok: false,
        reason: 'locked',
        heldBy: taken.heldBy,
        message,
        ...(holderRun ? { holderRun } : {}),
      };
    }

    const draft: Run = {
      runId,
      env: input.env,
      kind: input.kind,
      status: 'running',
      requestedBy: input.requestedBy,
      params: input.params,
      steps: Object.fromEntries(workflow.steps.map((s) => [s.id, { status: 'pending', attempts: 0 }])),
      createdAt: now,
      updatedAt: now,
      notify: input.notify ?? { channel: input.channel },
      version: 0,
    };
    let run: Run;
    try {
      const shown = await this.announce(draft, input);
      if (!shown.ok) {
        await store.locks.release(input.env, runId);
        return { ok: false, reason: 'not-shown', message: shown.message };
      }
      const refused = await input.prepare?.();
      if (refused !== undefined) {
        await store.locks.release(input.env, runId);
        return { ok: false, reason: 'refused', message: refused };
      }
      const { version: _v, ...fields } = shown.run;
      run = await store.runs.create(fields);
    } catch (err) {
      await store.locks.release(input.env, runId);
      throw err;
    }
    await store.audit.record({
      env: input.env,
      at: now,
      actor: input.requestedBy,
      action: `${input.kind}.requested`,
      detail: { runId, channel: input.channel },
    });
    try {
      await this.options.sink?.onRunUpdate(run, { type: 'started' });
    } catch {
      // Progress display is best effort; the run itself has started.
    }
    await this.options.scheduler.schedule(runId, 0);
    return { ok: true, run };
  }

  /** The run as it will be written, with where it is shown; not ok when it may not start. */
  private async announce(
    run: Run,
    input: StartRunInput,
  ): Promise<{ ok: true; run: Run } | { ok: false; message: string }> {
    if (!input.announce) return { ok: true, run };
    try {
      const notify = await input.announce(run);
      return { ok: true, run: notify ? { ...run, notify } : run };
    } catch (err) {
      if (err instanceof RunNotShown) return { ok: false, message: err.message };
      // Otherwise showing the run is best effort; it starts either way.
      return { ok: true, run };
    }
  }

  /**
   * Ask a running run to stop; the runner marks it cancelled and frees the env at its next tick.
   * `reason` (e.g. `teardown`: a teardown follows) is kept in the run's summary as `cancelledFor`.
   */
  async cancelRun(runId: string, by: string, reason?: string): Promise<CancelRunResult> {
    const { runs } = this.options.store;
    for (let attempt = 1; ; attempt++) {
      const run = await runs.get(runId);
      if (!run) return { ok: false, reason: 'not-found', message: say('work.noRun', { runId }) };
      if (run.status !== 'running') {
        return {
          ok: false,
          reason: 'ended',
          run,
          message: say('work.runEnded', { runId, status: run.status }),
        };
      }
      if (run.cancelRequested) return { ok: true, run };
      try {
        const saved = await runs.save({
          ...run,
          cancelRequested: true,
          updatedAt: this.clock.now(),
          summary: { ...run.summary, cancelledBy: by, ...(reason ? { cancelledFor: reason } : {}) },
        });
        await this.options.store.audit.record({
          env: run.env,
          at: this.clock.now(),
          actor: by,
          action: `${run.kind}.cancel-requested`,
          detail: { runId },
        });
        await this.options.scheduler.schedule(runId, 0);
        return { ok: true, run: saved };
      } catch (err) {
        if (!(err instanceof ConflictError) || attempt >= CANCEL_RETRY.maxAttempts) throw err;
        // A busy runner saves the run after each step change; back off (jittered) instead of
        // racing it, so the request lands between two of its saves.
        const { pause = realPause, random = Math.random } = this.options;
        await pause(backoffDelay(attempt, CANCEL_RETRY, random));
      }
    }
  }

  /**
   * Resume a failed run where it stopped: its failed steps go back to pending (keeping what
   * they recorded, so nothing is created twice) and it runs again under the env lock.
   * The workflow's onFinish runs again when it ends.
   */
  async retryRun(runId: string, by: string): Promise<RetryRunResult> {
    const { store } = this.options;
    const run = await store.runs.get(runId);
    if (!run) return { ok: false, reason: 'not-found', message: say('work.noRun', { runId }) };
    if (run.status !== 'failed') {
      return {
        ok: false,
        reason: 'not-failed',
        message: say('work.runNotFailed', { runId, status: run.status }),
      };
    }
    const now = this.clock.now();
    const lock: EnvLock = { env: run.env, runId, kind: run.kind, holder: by, acquiredAt: now };
    let taken = await store.locks.acquire(lock);
    if (!taken.acquired && taken.heldBy.runId !== runId && (await this.isAbandoned(taken.heldBy, now))) {
      await store.locks.release(run.env, taken.heldBy.runId);
      taken = await store.locks.acquire(lock);
    }
    if (!taken.acquired && taken.heldBy.runId !== runId) {
      const holderRun = await store.runs.get(taken.heldBy.runId);
      return {
        ok: false,
        reason: 'locked',
        heldBy: taken.heldBy,
        message: describeLock(taken.heldBy, holderRun, now),
      };
    }
    const {
      failedSteps: _f,
      error: _e,
      finishAttempts: _a,
      finishError: _fe,
      ...summary
    } = run.summary ?? {};
    const steps = Object.fromEntries(
      Object.entries(run.steps).map(([id, state]) => {
        if (state.status !== 'failed') return [id, state];
        // A fresh startedAt: step deadlines start over on a retry. The old note (the failure)
        // goes too: a pending step says nothing until it runs again.
        const { error: _err, nextAt: _n, finishedAt: _fin, startedAt: _s, note: _note, ...rest } = state;
        return [id, { ...rest, status: 'pending', failures: 0 }];
      }),
    );
    const { finishedAt: _finished, ...rest } = run;
    let saved: Run;
    try {
      saved = await store.runs.save({
        ...rest,
        status: 'running',
        steps,
        updatedAt: now,
        summary: { ...summary, retriedBy: by },
      });
    } catch (err) {
      // The run changed under us; the lock stays with a run that is not running, so it is reclaimable.
      if (err instanceof ConflictError)
        return { ok: false, reason: 'conflict', message: say('work.runChanged', { runId }) };
      throw err;
    }
    await store.audit.record({
      env: run.env,
      at: now,
      actor: by,
      action: `${run.kind}.retry-requested`,
      detail: { runId },
    });
    await this.options.scheduler.schedule(runId, 0);
    return { ok: true, run: saved };
  }

  /**
   * At process start: schedule a tick for every run left `running`. A run still leased by a
   * dead process is ticked just after its lease expires. Returns the run ids scheduled.
   */
  async resumeAll(): Promise<string[]> {
    const now = this.clock.now();
    const running = await this.options.store.runs.listRunning();
    for (const run of running) {
      const leaseLeft = run.lease && run.lease.until > now ? run.lease.until - now + 1 : 0;
      await this.options.scheduler.schedule(run.runId, leaseLeft);
    }
    return running.map((r) => r.runId);
  }

  /** A lock is abandoned when its run has ended, or never got created within `staleLockMs`. */
  private async isAbandoned(lock: EnvLock, now: number): Promise<boolean> {
    const run = await this.options.store.runs.get(lock.runId);
    if (!run) return now - lock.acquiredAt > this.staleLockMs;
    return run.status !== 'running';
  }
}
