/**
 * When a destroy run ends: the receipt goes into `run.summary`, the env record ends
 * `destroyed` (its runs and audit events stay; the name can be created again) or stays
 * `destroying` with what remains, and an audit event says who confirmed, when, and what was
 * deleted. Idempotent: a crash before the run's outcome is saved calls it again.
 */
import type { Run } from '../../state/types';
import type { FinishContext } from '../engine/types';
import { teardownAws, type DestroyDeps } from './deps';
import { collectReceipt, renderReceipt, type DestroyReceipt } from './receipt';
import { isOwned, notesOf, type ResourceNote } from './resources';
import { SWEEP_STEP } from './outline';
import { describeWaiting, recordedResources } from './step-kit';
import { ALL_UNITS } from './units/all';

/**
 * Everything owned by the env that is still there, each with the reason its step last gave
 * (or that the run stopped before reaching it). A type that cannot be listed says so.
 */
export async function listRemaining(
  deps: DestroyDeps,
  env: string,
  recorded: Readonly<Record<string, string>>,
  notes: readonly ResourceNote[],
): Promise<ResourceNote[]> {
  const aws = teardownAws(deps);
  const why = new Map(notes.map((n) => [`${n.type}|${n.id}`, n.reason]));
  const out: ResourceNote[] = [];
  for (const unit of ALL_UNITS) {
    try {
      for (const c of await unit.find(aws, { env, recorded })) {
        if (!isOwned(c.tags, env)) continue;
        const reason = why.get(`${c.type}|${c.id}`) ?? 'not deleted yet: the run stopped before reaching it';
        out.push({ type: c.type, id: c.id, reason });
      }
    } catch (err) {
      out.push({ type: unit.type, id: '*', reason: `could not list: ${(err as Error)?.message ?? err}` });
    }
  }
  return out;
}

function receiptFor(run: Run, ctx: FinishContext<DestroyDeps>): Promise<DestroyReceipt> | DestroyReceipt {
  const stepIds = Object.keys(run.steps);
  const now = ctx.now();
  if (run.status === 'succeeded') {
    return collectReceipt(run, stepIds, ctx.outputsOf, notesOf(ctx.outputsOf(SWEEP_STEP).waiting), now);
  }
  const notes = stepIds.flatMap((id) => notesOf(ctx.outputsOf(id).waiting));
  return listRemaining(ctx.deps, run.env, recordedResources(ctx), notes).then((remaining) =>
    collectReceipt(run, stepIds, ctx.outputsOf, remaining, now),
  );
}

export async function destroyOnFinish(run: Run, ctx: FinishContext<DestroyDeps>): Promise<void> {
  const receipt = await receiptFor(run, ctx);
  const rendered = renderReceipt(receipt);
  ctx.setSummary({ receipt, remaining: receipt.remaining, message: rendered.headline });
  await updateEnvironment(run, ctx, receipt, rendered.headline);
  await recordAudit(run, ctx, receipt);
}

async function updateEnvironment(
  run: Run,
  ctx: FinishContext<DestroyDeps>,
  receipt: DestroyReceipt,
  message: string,
): Promise<void> {
  const repo = ctx.deps.environments;
  const env = repo && (await repo.get(run.env));
  if (!repo || !env) return;
  // Another run took the env since (never expected under the lock): leave its record alone.
  if (env.currentRunId !== undefined && env.currentRunId !== run.runId) return;
  const { pendingDestroy: _p, destroyFailure: _f, ...meta } = env.meta ?? {};
  const now = ctx.now();
  if (receipt.remaining.length === 0 && run.status === 'succeeded') {
    await repo.update(run.env, env.version, {
      status: 'destroyed',
      resources: {},
      outputs: {},
      currentRunId: undefined,
      lastRunId: run.runId,
      updatedAt: now,
      meta: { ...meta, destroyedAt: now, destroyedBy: run.requestedBy, destroyRunId: run.runId },
    });
    return;
  }
  await repo.update(run.env, env.version, {
    status: 'destroying',
    currentRunId: undefined,
    lastRunId: run.runId,
    updatedAt: now,
    meta: {
      ...meta,
      destroyFailure: {
        runId: run.runId,
        at: now,
        message,
        remaining: describeWaiting(receipt.remaining),
      },
    },
  });
}

async function recordAudit(
  run: Run,
  ctx: FinishContext<DestroyDeps>,
  receipt: DestroyReceipt,
): Promise<void> {
  const audit = ctx.deps.audit;
  if (!audit) return;
  await audit.record({
    env: run.env,
    at: ctx.now(),
    actor: run.requestedBy,
    action: 'destroy.receipt',
    detail: {
      runId: run.runId,
      status: run.status,
      confirmedBy: run.requestedBy,
      confirmedAt: run.createdAt,
      deleted: receipt.deleted.map((d) => `${d.type} ${d.id}`),
      skipped: receipt.skipped.map((s) => `${s.type} ${s.id}: ${s.reason}`),
      remaining: receipt.remaining.map((r) => `${r.type} ${r.id}: ${r.reason}`),
      elapsedMs: receipt.elapsedMs,
    },
    // One receipt per run, however often onFinish runs again after a crash.
    key: `${run.runId}:receipt`,
  });
}
