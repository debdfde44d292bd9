/**
 * Starting `/site create <env>` (the bot and the CLI call this): refuse a name in use, record
 * the environment, take its lock and start the run. A failed create of the same name is
 * resumed instead (its steps find what they already made), as the failure message promises.
 *
 * Write order without transactions, all inside startRun: the env lock → the run shown (the
 * caller's `announce`) → the env record (create-if-absent, `prepare`) → the run →
 * env.currentRunId. A start refused on the way (locked, not shown, name taken) leaves no record
 * and no run. A crash after the env record leaves a `creating` env with no run; the next create
 * of that name adopts it once it is older than ABANDONED_AFTER_MS.
 *
 * The preflight (../create/preflight.ts): a caller with the AWS clients runs it first and hands
 * its report in; a refusal returns before anything is written, and a pass is recorded in the
 * run's params so its first step does not check again. Without a report (the Slack Lambda) the
 * run's first step checks, in the worker, before any step that creates something.
 */
import { say, type Said, type Saying } from '../../i18n/said';
import { voiceParams, type RunVoice } from '../../i18n/voice';
import { estimateSpecEnvironment, type CostEstimate, type SpecEnvironmentParams } from '../../cost/estimator';
import type { EnvironmentSizing } from '../../cost/environment-usage';
import {
  ConflictError,
  type EnvLock,
  type Environment,
  type MultiAzMode,
  type Run,
  type StateStore,
} from '../../state/types';
import type { OfficeHours } from '../../state/power';
import { checkCreateBudget } from '../budget/create-check';
import type { CreateConfig } from '../create/deps';
import { buildCreatePlan, type CreatePlan } from '../create/plan';
import type { PreflightReport } from '../create/preflight';
import { PREFLIGHT_PASSED_PARAM, SITE_CHECK_PARAM } from '../create/run-params';
import type { StartRunInput, WorkflowService } from '../engine/service';
import { markRunStarted } from './env-run-tracking';

const ABANDONED_AFTER_MS = 60_000;

export interface CreateRequest {
  env: string;
  requestedBy: string;
  channel: string;
  ttlMs: number;
  multiAz: MultiAzMode;
  /** Where the bot shows progress (the CLI passes none). */
  notify?: Run['notify'];
  /** Office hours to keep from the start (`--hours`). */
  hours?: OfficeHours;
  /** Shows the run once it is certain to start (see StartRunInput.announce). */
  announce?: StartRunInput['announce'];
  /** The starter's language and `--explain`. */
  voice?: RunVoice;
  /** The preflight the caller ran just now; none: the run's first step runs it. */
  preflight?: { report: PreflightReport; checkedAt: number };
  /** False: the run does not check that the site answers (an endpoint without a data plane). */
  siteCheck?: boolean;
}

export interface CreateOperationDeps {
  store: StateStore;
  service: Pick<WorkflowService, 'startRun' | 'retryRun'>;
  createConfig: CreateConfig;
  /** SITEBOT_CHANNEL_BUDGET_USD: a create that would take the channel's month over it is refused. */
  channelBudgetUsd?: number;
  now(): number;
}

export type CreateStartResult =
  | { ok: true; run: Run; env: Environment; resumed: boolean }
  | {
      ok: false;
      /** Why, said (the CLI puts it into words; the bot renders it from `existing` or `busy`). */
      message: Saying;
      /** The name is taken by this environment. */
      existing?: Environment;
      /** The env's lock is held by this run (a teardown still letting go). */
      busy?: { lock: EnvLock; run?: Run };
      /** The caller's `announce` could not show the run: nothing was written. */
      notShown?: boolean;
    };

export function sizingFor(config: CreateConfig): EnvironmentSizing {
  return {
    instanceType: config.instanceType,
    dbClass: config.dbClass,
    dbStorageGb: config.dbAllocatedStorageGb,
    rootVolumeGb: 8,
  };
}

/** The SPEC stack the create builds, as the estimator prices it. */
export function specOf(multiAz: MultiAzMode, config: CreateConfig): SpecEnvironmentParams {
  return {
    region: config.region,
    instanceType: config.instanceType,
    dbInstanceClass: config.dbClass,
    multiAz: multiAz !== 'off',
    dbStorageGb: config.dbAllocatedStorageGb,
  };
}

/** The dry-run answer: every resource in order with its parallel groups, and what it would cost. */
export function planCreate(
  env: string,
  multiAz: MultiAzMode,
  config: CreateConfig,
): { plan: CreatePlan; estimate: CostEstimate } {
  const plan = buildCreatePlan(env, multiAz, config);
  const estimate = estimateSpecEnvironment(specOf(multiAz, config));
  return { plan, estimate };
}

export async function startCreate(deps: CreateOperationDeps, req: CreateRequest): Promise<CreateStartResult> {
  const { store, service } = deps;
  const now = deps.now();
  const existing = await store.environments.get(req.env);

  if (existing && existing.status === 'failed' && existing.lastRunId) {
    const last = await store.runs.get(existing.lastRunId);
    if (last?.kind === 'create') return resumeFailedCreate(deps, existing, last, req);
  }
  const adoptable = existing !== undefined && isAbandonedStart(existing, now);
  if (existing && existing.status !== 'destroyed' && !adoptable)
    return { ok: false, message: inUse(existing), existing };
  if (req.preflight && !req.preflight.report.ok)
    return {
      ok: false,
      message: say('work.notCreated', { env: req.env, refusal: req.preflight.report.refusal ?? '' }),
    };
  const budget = await checkCreateBudget(
    store,
    deps.channelBudgetUsd,
    {
      env: req.env,
      channel: req.channel,
      ttlMs: req.ttlMs,
      spec: specOf(req.multiAz, deps.createConfig),
      hours: req.hours,
    },
    now,
  );
  if (!budget.ok) return { ok: false, message: budget.message };

  const record: Omit<Environment, 'version'> = {
    name: req.env,
    channel: req.channel,
    owner: req.requestedBy,
    status: 'creating',
    region: deps.createConfig.region,
    multiAz: req.multiAz,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + req.ttlMs,
    resources: {},
    outputs: {},
    meta: { sizing: sizingFor(deps.createConfig), ...(req.hours ? { hours: req.hours } : {}) },
  };
  // Written under the env's lock, once the run is shown; a name taken meanwhile refuses.
  const wrote: { env?: Environment; taken?: Environment } = {};
  const prepare = async (): Promise<Saying | undefined> => {
    const written = await writeRecord(store, record, now);
    if (written.ok) {
      wrote.env = written.env;
      return undefined;
    }
    wrote.taken = written.taken;
    return written.message;
  };

  const started = await service.startRun({
    kind: 'create',
    env: req.env,
    requestedBy: req.requestedBy,
    channel: req.channel,
    params: {
      multiAz: req.multiAz,
      ttlMs: req.ttlMs,
      ...(req.preflight ? { [PREFLIGHT_PASSED_PARAM]: req.preflight.checkedAt } : {}),
      ...(req.siteCheck === false ? { [SITE_CHECK_PARAM]: false } : {}),
      ...voiceParams(req.voice),
    },
    notify: req.notify,
    ...(req.announce ? { announce: req.announce } : {}),
    prepare,
  });
  if (!started.ok) {
    if (started.reason === 'locked')
      return {
        ok: false,
        message: started.message,
        busy: { lock: started.heldBy, ...(started.holderRun ? { run: started.holderRun } : {}) },
      };
    return {
      ok: false,
      message: started.message,
      ...(wrote.taken ? { existing: wrote.taken } : {}),
      ...(started.reason === 'not-shown' ? { notShown: true } : {}),
    };
  }
  const env = wrote.env;
  if (!env) throw new Error(`create of ${req.env} started without its env record`);
  await markRunStarted(store.environments, started.run, now);
  await store.audit.record({
    env: req.env,
    at: now,
    actor: req.requestedBy,
    action: 'env.created',
    detail: { runId: started.run.runId, ttlMs: req.ttlMs, multiAz: req.multiAz },
  });
  return { ok: true, run: started.run, env, resumed: false };
}

async function resumeFailedCreate(
  deps: CreateOperationDeps,
  env: Environment,
  run: Run,
  req: CreateRequest,
): Promise<CreateStartResult> {
  const retried = await deps.service.retryRun(run.runId, req.requestedBy);
  if (!retried.ok) {
    return retried.reason === 'locked'
      ? { ok: false, message: retried.message, busy: { lock: retried.heldBy } }
      : { ok: false, message: retried.message };
  }
  const updated = await deps.store.environments.update(env.name, env.version, {
    status: 'creating',
    currentRunId: run.runId,
    updatedAt: deps.now(),
  });
  return { ok: true, run: retried.run, env: updated, resumed: true };
}

/**
 * The env record, create-if-absent (or adopting a crashed start's); re-read on a lost race, so
 * only a name truly taken meanwhile refuses.
 */
async function writeRecord(
  store: StateStore,
  record: Omit<Environment, 'version'>,
  now: number,
): Promise<{ ok: true; env: Environment } | { ok: false; message: Said; taken?: Environment }> {
  for (let attempt = 0; ; attempt++) {
    const existing = await store.environments.get(record.name);
    const adoptable = existing && isAbandonedStart(existing, now);
    if (existing && existing.status !== 'destroyed' && !adoptable)
      return { ok: false, message: inUse(existing), taken: existing };
    try {
      const env = adoptable
        ? await store.environments.update(record.name, existing.version, record)
        : await store.environments.create(record);
      return { ok: true, env };
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 3) throw err;
    }
  }
}

/** A `creating` record with no run, older than ABANDONED_AFTER_MS: a start that crashed. */
function isAbandonedStart(env: Environment, now: number): boolean {
  return env.status === 'creating' && !env.currentRunId && now - env.updatedAt > ABANDONED_AFTER_MS;
}

/** Said (the CLI prints it; the bot renders the refusal from `existing`). */
function inUse(env: Environment): Said {
  return say('work.inUse', { env: env.name, status: env.status, owner: env.owner, at: env.createdAt });
}
