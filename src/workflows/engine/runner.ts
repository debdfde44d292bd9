/**
 * The workflow runner: advances one run by one short tick.
 *
 * A tick takes the run's lease (so two workers never advance one run), calls every ready step
 * concurrently, saves each answer with a version-checked write as soon as it arrives, then
 * either finishes the run or asks the TickScheduler for the next tick. Steps never block on
 * AWS — they answer `wait` — so a tick lasts as long as a few API calls.
 *
 * ```ts
 * const runner = new WorkflowRunner({ store, workflows: { create: createWorkflow }, deps, scheduler });
 * scheduler.attach(runner); // InProcessTickScheduler / ManualScheduler
 * await runner.tick(runId);  // normally called by the scheduler
 * ```
 */
import type { Run, RunKind, RunStatus, StateStore } from '../../state/types';
import { backoffCeiling, DEFAULT_RETRY, type RetryPolicy } from './backoff';
import { systemClock, type Clock } from './clock';
import { assess, isSettled, stepState, validateWorkflow } from './dag';
import { classifyError } from './errors';
import { RunSession, type RunMutation } from './run-session';
import { applyResult, markStarted, mergeOutputs } from './transitions';
import type {
  ProgressSink,
  RunEvent,
  StepContext,
  StepDefinition,
  StepResult,
  TickScheduler,
  WorkflowDefinition,
} from './types';

/**
 * Fault-injection seams for tests (the crash harness). Each is called with the run id and a
 * key — the step id, or for `beforeSave` the reason of the write — and may throw to simulate
 * the process dying there: the runner then makes no further write and `tick` rejects.
 */
export interface RunnerHooks {
  /** A step's start is saved; its `run` is about to be called. */
  beforeStep?(runId: string, stepId: string): void;
  /**
   * Inside `ctx.record()`, before the outputs are written: after a create call, before its id is
   * saved. `outputKeys` names what is being recorded (which of a step's resources).
   */
  beforeRecord?(runId: string, stepId: string, outputKeys: readonly string[]): void;
  /** A step answered; its answer is not saved yet. */
  afterStepCall?(runId: string, stepId: string): void;
  /**
   * Before every write the runner makes. Keys: `lease`, `start`, `record:<step>`, `result:<step>`,
   * `on-finish`, `audit`, `finish`, `lock-release`, `lease-release`.
   */
  beforeSave?(runId: string, key: string): void;
}

export interface WorkflowRunnerOptions<Deps> {
  store: StateStore;
  workflows: Partial<Record<RunKind, WorkflowDefinition<Deps>>>;
  deps: Deps;
  scheduler: TickScheduler;
  sink?: ProgressSink;
  clock?: Clock;
  /** Source of jitter for retry backoff, in [0, 1). */
  random?: () => number;
  /** Lease owner id; unique per process by default. */
  owner?: string;
  /** How long a tick may hold the run; must exceed the longest single step call. Default 60 s. */
  leaseMs?: number;
  /** Ready steps called per tick at most (the rest run in the next tick). Default 16. */
  maxConcurrentSteps?: number;
  retry?: Partial<RetryPolicy>;
  hooks?: RunnerHooks;
  /** Told about errors that do not stop the run (a failing ProgressSink, a store hiccup). */
  onError?(err: unknown, context: string): void;
}

export type TickOutcome =
  /** Another worker holds the run's lease (or this runner is already ticking it): nothing done. */
  | { outcome: 'busy' }
  | { outcome: 'missing' }
  /** This runner has no workflow for the run's kind; nothing done, no tick scheduled. */
  | { outcome: 'unsupported'; message: string }
  /** The run has ended (now or before); `run` is its final record. */
  | { outcome: 'finished'; run: Run }
  /** Steps advanced; the next tick is scheduled in `delayMs`. */
  | { outcome: 'scheduled'; run: Run; delayMs: number }
  /** The store failed mid-tick; nothing was lost and a retry tick is scheduled. */
  | { outcome: 'error'; message: string; delayMs: number };

type FinalStatus = Exclude<RunStatus, 'running'>;

let ownerCounter = 0;

export class WorkflowRunner<Deps> {
  private readonly store: StateStore;
  private readonly workflows: Partial<Record<RunKind, WorkflowDefinition<Deps>>>;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly retry: RetryPolicy;
  private readonly hooks: RunnerHooks;
  readonly owner: string;
  readonly leaseMs: number;
  private readonly maxConcurrentSteps: number;
  private readonly ticking = new Set<string>();
  /** Set once a hook simulated a crash: this runner is "dead" and writes nothing more. */
  private crashed: unknown;

  constructor(private readonly options: WorkflowRunnerOptions<Deps>) {
    this.store = options.store;
    this.workflows = options.workflows;
    for (const workflow of Object.values(options.workflows)) if (workflow) validateWorkflow(workflow);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.hooks = options.hooks ?? {};
    this.owner = options.owner ?? `runner-${process.pid}-${Date.now().toString(36)}-${++ownerCounter}`;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxConcurrentSteps = options.maxConcurrentSteps ?? 16;
  }

  /** Advance the run once. Safe to call at any time, from any number of workers. */
  async tick(runId: string): Promise<TickOutcome> {
    if (this.ticking.has(runId)) return { outcome: 'busy' };
    this.ticking.add(runId);
    try {
      return await this.tickLeased(runId);
    } catch (err) {
      if (this.crashed !== undefined) throw err;
      return this.recoverFromError(runId, err);
    } finally {
      this.ticking.delete(runId);
    }
  }

  private async tickLeased(runId: string): Promise<TickOutcome> {
    this.checkpoint('beforeSave', runId, 'lease');
    const leased = await this.store.runs.acquireLease(runId, this.owner, this.clock.now(), this.leaseMs);
    if (!leased) {
      const run = await this.store.runs.get(runId);
      if (!run) return { outcome: 'missing' };
      return run.status === 'running' ? { outcome: 'busy' } : this.settleEnded(run);
    }
    if (leased.status !== 'running') {
      await this.releaseLease(runId);
      return this.settleEnded(leased);
    }
    const workflow = this.workflows[leased.kind];
    if (!workflow) {
      // Another deployment's run kind: leave it alone rather than retrying forever.
      await this.releaseLease(runId);
      return { outcome: 'unsupported', message: `no ${leased.kind} workflow in this runner` };
    }
    const session = new RunSession(
      this.store.runs,
      leased,
      (reason) => this.checkpoint('beforeSave', runId, reason),
      () => this.clock.now(),
    );
    if (!leased.cancelRequested) await this.advance(session, workflow);
    return this.conclude(session, workflow);
  }

  /** Start every ready step at once and save each answer as it comes. */
  private async advance(session: RunSession, workflow: WorkflowDefinition<Deps>): Promise<void> {
    const now = this.clock.now();
    const batch = assess(session.run, workflow, now).ready.slice(0, this.maxConcurrentSteps);
    if (batch.length === 0) return;
    await this.change(session, 'start', (run) => {
      for (const id of batch) run.steps[id] = markStarted(stepState(run, id), now);
    });
    for (const id of batch) await this.emit(session.run, { type: 'step', stepId: id });
    const steps = batch.map((id) => workflow.steps.find((s) => s.id === id) as StepDefinition<Deps>);
    const settled = await Promise.allSettled(steps.map((step) => this.runStep(session, step)));
    if (this.crashed !== undefined) throw this.crashed;
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private async runStep(session: RunSession, step: StepDefinition<Deps>): Promise<void> {
    const run = session.run;
    const started = stepState(run, step.id);
    const ctx: StepContext<Deps> = {
      runId: run.runId,
      env: run.env,
      kind: run.kind,
      params: run.params,
      deps: this.options.deps,
      own: structuredClone(started.outputs ?? {}),
      outputsOf: (other) => stepState(session.run, other).outputs ?? {},
      record: async (outputs) => {
        this.checkpoint('beforeRecord', run.runId, step.id, Object.keys(outputs));
        await this.change(session, `record:${step.id}`, (r) => {
          r.steps[step.id] = mergeOutputs(stepState(r, step.id), outputs);
        });
        await this.emit(session.run, { type: 'step', stepId: step.id });
      },
      attempt: started.attempts,
      startedAt: started.startedAt ?? this.clock.now(),
      now: () => this.clock.now(),
    };
    this.checkpoint('beforeStep', run.runId, step.id);
    let result: StepResult;
    try {
      result = await step.run(ctx);
    } catch (err) {
      if (this.crashed !== undefined) throw this.crashed;
      result = { status: 'fail', error: classifyError(err) };
    }
    if (this.crashed !== undefined) throw this.crashed;
    this.checkpoint('afterStepCall', run.runId, step.id);
    const opts = { now: this.clock.now(), retry: this.retry, random: constant(this.random()) };
    await this.change(session, `result:${step.id}`, (r) => {
      const current = stepState(r, step.id);
      // Someone else finished this step meanwhile (we lost the lease): keep their answer.
      if (isSettled(current) || current.status === 'failed') {
        const outputs = result.status === 'done' || result.status === 'wait' ? result.outputs : undefined;
        r.steps[step.id] = mergeOutputs(current, outputs);
      } else {
        r.steps[step.id] = applyResult(current, result, opts);
      }
    });
    await this.emit(session.run, { type: 'step', stepId: step.id });
  }

  /** After the steps: finish the run, or release it and schedule the next tick. */
  private async conclude(session: RunSession, workflow: WorkflowDefinition<Deps>): Promise<TickOutcome> {
    if (session.run.cancelRequested) return this.finish(session, workflow, 'cancelled');
    const now = this.clock.now();
    const next = assess(session.run, workflow, now);
    if (next.outcome) return this.finish(session, workflow, next.outcome);
    const delayMs = next.ready.length > 0 ? 0 : Math.max(0, (next.nextAt ?? now) - now);
    // Release before scheduling, so a prompt next tick on another worker does not find us busy.
    await this.releaseLease(session.run.runId);
    await this.options.scheduler.schedule(session.run.runId, delayMs);
    return { outcome: 'scheduled', run: session.run, delayMs };
  }

  /**
   * End the run. Order matters without transactions: onFinish (idempotent) and the audit event
   * (once-only, by its key) come before the final save, so a crash leaves the run `running` and
   * the next tick redoes them; the lock is released after, and an ended run's lock is released by
   * any later tick.
   */
  private async finish(
    session: RunSession,
    workflow: WorkflowDefinition<Deps>,
    status: FinalStatus,
  ): Promise<TickOutcome> {
    const run = session.run;
    const now = this.clock.now();
    const failedSteps = workflow.steps
      .filter((s) => stepState(run, s.id).status === 'failed')
      .map((s) => s.id);
    const summary: Record<string, unknown> = { ...run.summary };
    if (failedSteps.length > 0) {
      summary.failedSteps = failedSteps;
      summary.error = stepState(run, failedSteps[0]).error?.message;
    }
    const final: Run = { ...structuredClone(run), status, finishedAt: now, summary };
    if (workflow.onFinish) {
      const retryIn = await this.callOnFinish(session, workflow, final);
      if (retryIn !== undefined) return retryIn;
    }
    this.checkpoint('beforeSave', run.runId, 'audit');
    const actor =
      status === 'cancelled' ? String(run.summary?.cancelledBy ?? run.requestedBy) : run.requestedBy;
    await this.store.audit.record({
      env: run.env,
      at: now,
      actor,
      action: `${run.kind}.${status}`,
      detail: { runId: run.runId, ...(failedSteps.length > 0 ? { failedSteps } : {}) },
      // Once per run: a tick that resumes a finish the last one did not save records nothing more.
      key: `${run.runId}:end`,
    });
    const saved = await this.change(session, 'finish', (r) => {
      r.status = status;
      r.finishedAt = now;
      r.summary = { ...r.summary, ...final.summary };
      delete r.lease;
    });
    this.checkpoint('beforeSave', run.runId, 'lock-release');
    await this.store.locks.release(run.env, run.runId);
    await this.emit(saved, { type: 'finished' });
    return { outcome: 'finished', run: saved };
  }

  /** Runs onFinish; on failure records it and schedules a retry tick (returned), up to the retry budget. */
  private async callOnFinish(
    session: RunSession,
    workflow: WorkflowDefinition<Deps>,
    final: Run,
  ): Promise<TickOutcome | undefined> {
    this.checkpoint('beforeSave', final.runId, 'on-finish');
    try {
      await workflow.onFinish?.(final, {
        deps: this.options.deps,
        outputsOf: (id) => stepState(final, id).outputs ?? {},
        setSummary: (patch) => {
          final.summary = { ...final.summary, ...patch };
        },
        // One instant for the whole outcome: a receipt's or report's time equals the run's.
        now: () => final.finishedAt ?? this.clock.now(),
      });
      return undefined;
    } catch (err) {
      if (this.crashed !== undefined) throw this.crashed;
      const message = err instanceof Error ? err.message : String(err);
      const attempts = Number(session.run.summary?.finishAttempts ?? 0) + 1;
      final.summary = { ...final.summary, finishError: message };
      if (attempts >= this.retry.maxAttempts) return undefined;
      await this.change(session, 'on-finish', (r) => {
        r.summary = { ...r.summary, finishAttempts: attempts, finishError: message };
      });
      const delayMs = backoffCeiling(attempts, this.retry);
      await this.releaseLease(final.runId);
      await this.options.scheduler.schedule(final.runId, delayMs);
      return { outcome: 'scheduled', run: session.run, delayMs };
    }
  }

  /** A tick on a run that already ended: make sure its env lock is gone (repairs a crash). */
  private async settleEnded(run: Run): Promise<TickOutcome> {
    this.checkpoint('beforeSave', run.runId, 'lock-release');
    await this.store.locks.release(run.env, run.runId);
    return { outcome: 'finished', run };
  }

  private async recoverFromError(runId: string, err: unknown): Promise<TickOutcome> {
    this.options.onError?.(err, `tick ${runId}`);
    const delayMs = this.retry.baseMs;
    await this.releaseLease(runId).catch(() => undefined);
    await this.options.scheduler.schedule(runId, delayMs);
    return { outcome: 'error', message: err instanceof Error ? err.message : String(err), delayMs };
  }

  /** Every run write goes through here: it also renews our lease while the tick works. */
  private change(session: RunSession, reason: string, mutate: RunMutation): Promise<Run> {
    return session.apply(reason, (run) => {
      mutate(run);
      if (run.lease?.owner === this.owner)
        run.lease = { owner: this.owner, until: this.clock.now() + this.leaseMs };
    });
  }

  private async releaseLease(runId: string): Promise<void> {
    this.checkpoint('beforeSave', runId, 'lease-release');
    await this.store.runs.releaseLease(runId, this.owner);
  }

  private async emit(run: Run, event: RunEvent): Promise<void> {
    try {
      await this.options.sink?.onRunUpdate(run, event);
    } catch (err) {
      this.options.onError?.(err, `progress sink (${event.type})`);
    }
  }

  private checkpoint(hook: keyof RunnerHooks, runId: string, key: string, outputKeys: string[] = []): void {
    if (this.crashed !== undefined) throw this.crashed;
    try {
      this.hooks[hook]?.(runId, key, outputKeys);
    } catch (err) {
      this.crashed = err;
      throw err;
    }
  }
}

const constant = (value: number) => () => value;
