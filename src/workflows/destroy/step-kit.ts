/**
 * One teardown step = some units run in order. Each call finds what is left (by recorded id
 * and by tag), checks the ownership guard on the resource's own tags, deletes what is owned,
 * then looks again: the step is done only once nothing owned is left. "In use" answers and
 * deletions still under way make it wait, with backoff, within its budget; past the budget it
 * fails, saying what remains and why.
 */
import { toStepError } from '../../aws/errors';
import { english } from '../../i18n/english';
import { say, type Said, type Saying } from '../../i18n/said';
import { inventoryOf } from '../inventory';
import { watchRecord } from '../engine/errors';
import { outlineStep } from '../engine/outline';
import type { StepContext, StepDefinition, StepResult } from '../engine/types';
import { destroyConfig, teardownAws, type DestroyConfig, type DestroyDeps, type TeardownAws } from './deps';
import { pollDelay, type RemoveOutcome } from './outcome';
import { BEGIN_STEP, DESTROY_OUTLINE, type DestroyStepId } from './outline';
import { DESTROY_STEPS_EN } from './outline.en';
import {
  isOwned,
  notesOf,
  notTaggedReason,
  refsOf,
  uniqueRefs,
  type Candidate,
  type ResourceNote,
  type ResourceRef,
  type ResourceType,
} from './resources';
import type { FindInput, Unit } from './units/unit';

export type Ctx = StepContext<DestroyDeps>;

/** The env record's `resources` as the begin step recorded them. */
export function recordedResources(ctx: Pick<Ctx, 'outputsOf'>): Record<string, string> {
  const v = ctx.outputsOf(BEGIN_STEP).recorded;
  return typeof v === 'object' && v !== null ? (v as Record<string, string>) : {};
}

/** What one pass over the units saw. */
export interface PassResult {
  deleted: ResourceRef[];
  skipped: ResourceNote[];
  /** Owned resources still there after the pass, with why. */
  waiting: ResourceNote[];
  /** `type|id` of everything the pass found, and the types it looked at. */
  seen: Set<string>;
  processed: Set<ResourceType>;
}

export const refKey = (r: ResourceRef): string => `${r.type}|${r.id}`;

export interface PassHooks {
  /** Before a delete call: a crash between the call and `onDeleted` still leaves a trace. */
  onDeleting(ref: ResourceRef): Promise<void>;
  onDeleted(refs: ResourceRef[]): Promise<void>;
}

/**
 * Runs each unit once: find, guard, delete, and find again when something was deleted (so
 * "deleted" means gone, not just accepted). `ordered`: stop at the first unit that still
 * has something left (later units depend on it).
 */
export async function runPass(
  aws: TeardownAws,
  input: FindInput,
  units: readonly Unit[],
  ordered: boolean,
  hooks: PassHooks,
  /** What an earlier attempt was deleting when it died (see teardownStep). */
  intent?: ResourceRef,
): Promise<PassResult> {
  const result: PassResult = { deleted: [], skipped: [], waiting: [], seen: new Set(), processed: new Set() };
  for (const unit of units) {
    const found = await unit.find(aws, input);
    result.processed.add(unit.type);
    for (const c of found) result.seen.add(refKey(c));
    const reasons = new Map<string, Saying>();
    let deletedAny = false;
    for (const c of found) {
      if (!isOwned(c.tags, input.env)) {
        if (c.recorded) result.skipped.push({ type: c.type, id: c.id, reason: notTaggedReason(input.env) });
        continue;
      }
      await hooks.onDeleting({ type: c.type, id: c.id });
      const out: RemoveOutcome = await unit.remove(aws, c, input.env);
      if (out.kind === 'deleted') {
        const refs = [{ type: c.type, id: c.id }, ...(out.also ?? [])];
        result.deleted.push(...refs);
        deletedAny = true;
        await hooks.onDeleted(refs);
      } else if (out.kind !== 'gone') {
        reasons.set(c.id, out.reason);
        // Deletion under way and an earlier attempt died right after asking for it: it was deleted then.
        if (out.kind === 'pending' && intent && refKey(intent) === refKey(c)) {
          result.deleted.push(intent);
          await hooks.onDeleted([intent]);
        }
      }
    }
    const left: Candidate[] = deletedAny
      ? (await unit.find(aws, input)).filter((c) => isOwned(c.tags, input.env))
      : found.filter((c) => isOwned(c.tags, input.env) && reasons.has(c.id));
    const unitWaiting = left.map((c) => ({
      type: c.type,
      id: c.id,
      reason: reasons.get(c.id) ?? stateReason(c),
    }));
    result.waiting.push(...unitWaiting);
    if (ordered && unitWaiting.length > 0) break;
  }
  return result;
}

const stateReason = (c: Candidate): Said => {
  const state = c.facts?.state ?? c.facts?.status;
  return typeof state === 'string' ? say('work.stillInState', { state }) : say('work.deletionUnderWay');
};

/** A teardown step's code; its title and needs come from the outline. */
export interface TeardownStepSpec {
  units: readonly Unit[];
  /** Stop at the first unit with something left (default true). */
  ordered?: boolean;
  /** How long this step may wait, from its first start (default: the config's budget). */
  timeoutMs?: (config: DestroyConfig) => number;
}

export interface TeardownStep extends StepDefinition<DestroyDeps> {
  readonly units: readonly Unit[];
}

/** A finished teardown step's outcome: what it deleted, and what it left because it was not ours. */
function deletedNote(outputs: { deleted: ResourceRef[]; skipped: ResourceNote[] }): Said {
  const deleted = inventoryOf(outputs.deleted);
  const what =
    deleted.total > 0 ? say('work.deleted', { counts: deleted.counts }) : say('work.nothingToDelete');
  return outputs.skipped.length > 0 ? say('work.keptUntagged', { what, n: outputs.skipped.length }) : what;
}

/** What is still there and why, as one note. */
export function describeWaiting(waiting: readonly ResourceNote[]): Said {
  return say('work.stillThereAll', {
    items: waiting.map((w) => say('work.stillThere', { type: w.type, id: w.id, reason: w.reason })),
  });
}

/**
 * The deletion a dead attempt asked for (`intent`): gone now means it was deleted then — recorded
 * as deleted, true returned. Still there, it is left to the pass (which deletes it, or finds it
 * being deleted and counts it then).
 */
async function settledIntent(
  aws: TeardownAws,
  ctx: Pick<Ctx, 'env' | 'outputsOf' | 'record'>,
  units: readonly Unit[],
  intent: ResourceRef,
  deleted: ResourceRef[],
): Promise<boolean> {
  const unit = units.find((u) => u.type === intent.type);
  if (!unit) return false;
  const found = await unit.find(aws, { env: ctx.env, recorded: recordedResources(ctx) });
  if (found.some((c) => refKey(c) === refKey(intent))) return false;
  deleted.push(intent);
  await ctx.record({ deleted: uniqueRefs([deleted]), deleting: null });
  return true;
}

export function teardownStep(id: string, spec: TeardownStepSpec): TeardownStep {
  const ordered = spec.ordered ?? true;
  const { needs } = outlineStep(DESTROY_OUTLINE, id);
  return {
    id,
    needs,
    units: spec.units,
    async run(ctx: Ctx): Promise<StepResult> {
      const config = destroyConfig(ctx.deps);
      const aws = teardownAws(ctx.deps);
      const deleted = refsOf(ctx.own.deleted);
      let intent = (ctx.own.deleting ?? undefined) as ResourceRef | undefined;
      const guarded = watchRecord(ctx);
      const hooks: PassHooks = {
        onDeleting: (ref) => guarded.ctx.record({ deleting: ref }),
        onDeleted: (refs) => {
          deleted.push(...refs);
          return guarded.ctx.record({ deleted: uniqueRefs([deleted]), deleting: null });
        },
      };
      let pass: PassResult;
      try {
        // An attempt died between asking for a deletion and saving it: settle that first, before
        // this attempt's own deletions replace the intent (a second death would lose it).
        if (intent && (await settledIntent(aws, guarded.ctx, spec.units, intent, deleted)))
          intent = undefined;
        pass = await runPass(
          aws,
          { env: ctx.env, recorded: recordedResources(ctx) },
          spec.units,
          ordered,
          hooks,
          intent,
        );
      } catch (err) {
        if (guarded.fromRecord(err)) throw err;
        // The English message (logs, audit, JSON) names the step by its English title.
        const title = DESTROY_STEPS_EN[id as DestroyStepId]?.title ?? id;
        return { status: 'fail', error: toStepError(err, title) };
      }
      // An earlier attempt died between a delete call and saving it: gone now means deleted then.
      if (intent?.type && pass.processed.has(intent.type) && !pass.seen.has(refKey(intent)))
        deleted.push(intent);
      const outputs = {
        deleting: null,
        deleted: uniqueRefs([deleted]),
        skipped: uniqueRefs([notesOf(ctx.own.skipped), pass.skipped]),
        waiting: pass.waiting,
      };
      if (pass.waiting.length === 0) return { status: 'done', outputs, note: deletedNote(outputs) };
      const limit = (spec.timeoutMs ?? ((c) => c.budgetMs))(config);
      const what = describeWaiting(pass.waiting);
      if (ctx.now() - ctx.startedAt >= limit) {
        await ctx.record(outputs);
        const said = say('work.teardownGaveUp', { ms: limit, what });
        return {
          status: 'fail',
          error: {
            code: 'TeardownBudgetExceeded',
            retryable: false,
            message: `${id}: ${english(said)}`,
            said,
          },
        };
      }
      return {
        status: 'wait',
        retryInMs: pollDelay(ctx.attempt, config.pollBaseMs, config.pollMaxMs),
        note: what,
        outputs,
      };
    },
  };
}
