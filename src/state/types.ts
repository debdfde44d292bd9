/**
 * The records sitebot keeps in DynamoDB. These types are the contract between the state
 * repositories (src/state), the workflow engine (src/workflows) and the Slack surface (src/bot).
 * Times are epoch milliseconds; every mutable record carries a `version` for optimistic locking.
 */
import type { Lang } from '../i18n/locale';
import type { Said, Saying } from '../i18n/said';

/** How the database gets its standby: created Multi-AZ, converted afterwards (the hands-on's way), or never. */
export type MultiAzMode = 'now' | 'later' | 'off';

export type EnvironmentStatus = 'creating' | 'ready' | 'failed' | 'destroying' | 'destroyed';

export interface Environment {
  /** Env name, validated by the grammar (3–20 chars); the table's partition key. */
  name: string;
  /** Slack channel the environment reports to, and its owner (Slack user id). */
  channel: string;
  owner: string;
  status: EnvironmentStatus;
  region: string;
  multiAz: MultiAzMode;
  createdAt: number;
  updatedAt: number;
  /** TTL: when reminders warn and auto-destroy fires. Not a DynamoDB TTL attribute. */
  expiresAt: number;
  /** Physical ids of what the env owns, by role (e.g. `vpc`, `subnet-public-a`, `db`). */
  resources: Record<string, string>;
  /** What people need: the site URL, DB endpoint, AZs in use. */
  outputs: Record<string, string>;
  /** The run holding the env now (create/destroy/failover), and the last one that ran. */
  currentRunId?: string;
  lastRunId?: string;
  /** Free-form facts later features hang on the env (last drill summary, reminders sent, auto-destroy off). */
  meta?: Record<string, unknown>;
  version: number;
}

export type RunKind = 'create' | 'destroy' | 'failover' | 'sleep' | 'wake';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** `skipped`: the step does not apply to this run (e.g. the Multi-AZ step with `--multi-az off`). */
export type StepStatus = 'pending' | 'running' | 'waiting' | 'done' | 'skipped' | 'failed';

/** A step failure the runner retried; kept for the run's record, never shown beside a done step. */
export interface RetriedError {
  message: string;
  /** The same in words for any reader (`message` is English, for logs). */
  said?: Said;
  code?: string;
  /** How many times in a row it happened. */
  times: number;
}

export interface StepError {
  /** English, for logs, the audit trail and JSON; people read `said` when there is one. */
  message: string;
  /** What went wrong, as a catalogue key and arguments, put into words for each reader. */
  said?: Said;
  retryable: boolean;
  /** AWS error name or our own code, for classification and tests. */
  code?: string;
}

export interface StepState {
  status: StepStatus;
  /** Every call of the step, polls included. */
  attempts: number;
  /** Consecutive failed calls; what the runner's retry budget limits. */
  failures?: number;
  startedAt?: number;
  finishedAt?: number;
  /** When a `waiting` step should be polled again. */
  nextAt?: number;
  /**
   * What the step has learned or created so far (ids, endpoints). Recorded as soon as a
   * resource is created, before the step is done, so a resumed step finds it again.
   */
  outputs?: Record<string, unknown>;
  /**
   * What the step says about itself now: while it waits, why (e.g. "db: creating"); once done,
   * its outcome (ids, AZs, counts); when skipped, why it does not apply. Replaced on every answer.
   * Said (key and arguments), so each reader gets it in their language; plain text in older runs.
   */
  note?: Saying;
  error?: StepError;
  /** Failures retried on the way (the latest few): for the run's thread and log. */
  retried?: RetriedError[];
}

export interface RunLease {
  owner: string;
  until: number;
}

/** Where the bot shows a run's progress; opaque to workflows (they never talk to Slack). */
export interface RunNotify {
  channel: string;
  messageTs?: string;
  threadTs?: string;
}

export interface Run {
  runId: string;
  env: string;
  kind: RunKind;
  status: RunStatus;
  requestedBy: string;
  /** Validated command options (ttl, multiAz, failover target, …). Never secrets. */
  params: Record<string, unknown>;
  steps: Record<string, StepState>;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** Set when someone asked the run to stop; the runner stops at its next tick. */
  cancelRequested?: boolean;
  lease?: RunLease;
  notify?: RunNotify;
  /** Final human summary (receipt, drill report, failure explanation). */
  summary?: Record<string, unknown>;
  version: number;
}

/** One per environment while a run owns it; acquired create-if-absent. */
export interface EnvLock {
  env: string;
  runId: string;
  kind: RunKind;
  holder: string;
  acquiredAt: number;
}

export interface AuditEvent {
  env: string;
  at: number;
  actor: string;
  action: string;
  detail?: Record<string, unknown>;
  /**
   * Makes the event once-only: recording another event of the env with the same key changes
   * nothing. For events a resumed workflow may record again (a run's end, a teardown receipt).
   */
  key?: string;
}

/** Thrown by a version-checked or create-if-absent write that lost its race. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(message: string) {
    super(message);
  }
}

export interface EnvironmentsRepository {
  get(name: string): Promise<Environment | undefined>;
  /** Create-if-absent; a previous env of the same name may be replaced only once it is `destroyed`. */
  create(env: Omit<Environment, 'version'>): Promise<Environment>;
  /** Version-checked update; throws ConflictError when `expectedVersion` is stale. */
  update(
    name: string,
    expectedVersion: number,
    patch: Partial<Omit<Environment, 'name' | 'version'>>,
  ): Promise<Environment>;
  /** Environments not `destroyed`, read through the active-environments GSI (never a Scan). */
  listActive(options?: { channel?: string }): Promise<Environment[]>;
}

export interface RunsRepository {
  create(run: Omit<Run, 'version'>): Promise<Run>;
  get(runId: string): Promise<Run | undefined>;
  /** Version-checked replace of the whole run; throws ConflictError on a lost race. Returns the stored run. */
  save(run: Run): Promise<Run>;
  /** Runs still `running` (to resume after a restart), through a sparse GSI. */
  listRunning(): Promise<Run[]>;
  listByEnv(env: string, limit?: number): Promise<Run[]>;
  /**
   * Take the run's lease if it is free or expired (conditional write). Returns the run with
   * the lease, or undefined when another owner holds a live lease.
   */
  acquireLease(runId: string, owner: string, now: number, durationMs: number): Promise<Run | undefined>;
  releaseLease(runId: string, owner: string): Promise<void>;
}

export interface LocksRepository {
  /** Create-if-absent. On conflict returns the lock that is held. */
  acquire(lock: EnvLock): Promise<{ acquired: true } | { acquired: false; heldBy: EnvLock }>;
  get(env: string): Promise<EnvLock | undefined>;
  /** Deletes the lock only if `runId` still holds it. */
  release(env: string, runId: string): Promise<void>;
}

export interface AuditRepository {
  /** Appends the event; one with a `key` already recorded for its env is kept as it was. */
  record(event: AuditEvent): Promise<void>;
  list(env: string, limit?: number): Promise<AuditEvent[]>;
}

/**
 * What each channel spent per calendar month (UTC, as AWS bills) on environments that no longer
 * exist: a destroyed env's spend is written here when its teardown ends, so a channel's budget
 * still counts it after the env has left the active index.
 */
export interface SpendLedger {
  /** Sets `entry`'s amount for the month (a repeat overwrites the same entry: idempotent). */
  record(channel: string, month: string, entry: string, usd: number): Promise<void>;
  /** The month's entries, summed. */
  total(channel: string, month: string): Promise<number>;
}

export interface StateStore {
  environments: EnvironmentsRepository;
  runs: RunsRepository;
  locks: LocksRepository;
  audit: AuditRepository;
  spend: SpendLedger;
  /** People's own settings (`/site lang`); absent in stores that keep none (some tests). */
  preferences?: PreferencesRepository;
}

/** People's own settings: the language they read the bot in (`/site lang`). */
export interface PreferencesRepository {
  getLang(user: string): Promise<Lang | undefined>;
  setLang(user: string, lang: Lang, now: number): Promise<void>;
}
