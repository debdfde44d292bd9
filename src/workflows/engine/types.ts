/**
 * The workflow model (DESIGN.md "Workflows"): a workflow is a DAG of idempotent steps; a step
 * never blocks on AWS, it answers done / wait / fail and the runner polls it again later.
 * Workflows know nothing of Slack: they report through a ProgressSink.
 */
import type { Run, RunKind, StepError } from '../../state/types';

export type StepResult =
  /**
   * Finished; `outputs` are merged into the step's recorded outputs and visible to dependants.
   * `note` says what came of it (ids, AZs, counts); a note from an earlier wait is dropped.
   */
  | { status: 'done'; outputs?: Record<string, unknown>; note?: string }
  /** Does not apply to this run; dependants go on as if it were done. `note` says why. */
  | { status: 'skipped'; note: string }
  /** Not yet (a resource is still pending): poll again after `retryInMs`. */
  | { status: 'wait'; retryInMs: number; note?: string; outputs?: Record<string, unknown> }
  /** Gave up. A retryable failure is retried by the runner with backoff within its budget. */
  | { status: 'fail'; error: StepError };

export interface StepContext<Deps> {
  readonly runId: string;
  readonly env: string;
  readonly kind: RunKind;
  /** Validated command options of the run. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Adapters the step may use (AWS services, clock, config), injected by whoever builds the runner. */
  readonly deps: Deps;
  /** This step's outputs recorded by earlier attempts (ids it already created). */
  readonly own: Readonly<Record<string, unknown>>;
  /** Outputs of another step of this run (normally one listed in `needs`). */
  outputsOf(stepId: string): Readonly<Record<string, unknown>>;
  /**
   * Persist outputs now, before returning: call it right after a create call succeeds so that
   * a crash before the step finishes cannot lose the new resource's id.
   */
  record(outputs: Record<string, unknown>): Promise<void>;
  /** 1 on the first call of this step, then 2, 3, … across waits, retries and resumes. */
  readonly attempt: number;
  /** When this step first started (epoch ms), for step-level deadlines. */
  readonly startedAt: number;
  now(): number;
}

/**
 * What a step is, without its code: enough to start a run, list its steps and plan it. The bot
 * and the Lambda that answers Slack load outlines only, never the steps and their AWS clients.
 */
export interface StepOutline {
  /** Stable id, stored in DynamoDB: never rename a shipped step. */
  readonly id: string;
  /** Short human title for progress messages ("Create VPC"). */
  readonly title: string;
  readonly needs: readonly string[];
}

/** A workflow's steps in order, without their code. */
export interface WorkflowOutline<S extends StepOutline = StepOutline> {
  readonly kind: RunKind;
  readonly steps: readonly S[];
}

export interface StepDefinition<Deps> extends StepOutline {
  run(ctx: StepContext<Deps>): Promise<StepResult>;
}

export interface WorkflowDefinition<Deps> extends WorkflowOutline<StepDefinition<Deps>> {
  /**
   * Called once the run's outcome is known (succeeded / failed / cancelled), before that outcome
   * is saved: update the environment record here (creating → ready, destroying → destroyed).
   * Must be idempotent: a crash after it ran but before the outcome was saved calls it again.
   * If it throws, the runner retries it on later ticks (with backoff) before finishing the run.
   */
  onFinish?(run: Run, ctx: FinishContext<Deps>): Promise<void>;
}

/** What `onFinish` gets: the run's final status is already set on `run`. */
export interface FinishContext<Deps> {
  readonly deps: Deps;
  /** Outputs a step of the run recorded (empty when it never ran). */
  outputsOf(stepId: string): Readonly<Record<string, unknown>>;
  /** Merge facts into the run's summary (receipt, drill report); saved with the run's outcome. */
  setSummary(patch: Record<string, unknown>): void;
  /** The run's end (`run.finishedAt`): every figure of the outcome is measured to the same instant. */
  now(): number;
}

export type RunEvent = { type: 'started' } | { type: 'step'; stepId: string } | { type: 'finished' };

/** Receives every persisted change of a run (the bot renders it to Slack; the CLI to a progress bar). */
export interface ProgressSink {
  onRunUpdate(run: Run, event: RunEvent): Promise<void> | void;
}

/** Asks for the run to be ticked again later: an in-process timer locally, SQS DelaySeconds on AWS. */
export interface TickScheduler {
  schedule(runId: string, delayMs: number): Promise<void>;
}
