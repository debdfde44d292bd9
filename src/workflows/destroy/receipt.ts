/**
 * The teardown receipt: every deleted resource by type and id, what was recorded but not
 * tagged for the env (never deleted), what remains and why, and the elapsed time. Plain data,
 * and its lines as things said: the bot and the CLI put them into the reader's words.
 */
import { say, type Said } from '../../i18n/said';
import { inventoryOf } from '../inventory';
import type { Run, RunStatus } from '../../state/types';
import {
  notesOf,
  refsOf,
  RESOURCE_TYPES,
  uniqueRefs,
  type ResourceNote,
  type ResourceRef,
  type ResourceType,
} from './resources';

export interface DestroyReceipt {
  env: string;
  runId: string;
  status: RunStatus;
  deleted: ResourceRef[];
  /** Recorded for the env but not carrying its tags: reported, never deleted. */
  skipped: ResourceNote[];
  /** Owned resources still there when the run ended, with why. Empty on success. */
  remaining: ResourceNote[];
  elapsedMs: number;
}

type OutputsOf = (stepId: string) => Readonly<Record<string, unknown>>;

/** Collects the receipt from every step's recorded outputs. */
export function collectReceipt(
  run: Pick<Run, 'env' | 'runId' | 'status' | 'createdAt'>,
  stepIds: readonly string[],
  outputsOf: OutputsOf,
  remaining: ResourceNote[],
  now: number,
): DestroyReceipt {
  return {
    env: run.env,
    runId: run.runId,
    status: run.status,
    deleted: sortRefs(uniqueRefs(stepIds.map((id) => refsOf(outputsOf(id).deleted)))),
    skipped: sortRefs(uniqueRefs(stepIds.map((id) => notesOf(outputsOf(id).skipped)))),
    remaining: sortRefs(remaining),
    elapsedMs: Math.max(0, now - run.createdAt),
  };
}

function sortRefs<T extends ResourceRef>(refs: T[]): T[] {
  const rank = (t: ResourceType) => RESOURCE_TYPES.indexOf(t);
  return [...refs].sort((a, b) => rank(a.type) - rank(b.type) || a.id.localeCompare(b.id));
}

export interface RenderedReceipt {
  /** One line: the outcome. */
  headline: Said;
  /** Deleted resources grouped by type, then what was not deleted and why. */
  lines: Said[];
  /** Nothing tagged for the env remains. */
  clean: boolean;
}

/** Reads a receipt back from `run.summary` (which holds it under `receipt`) or takes one as is. */
export function receiptOf(summary: unknown): DestroyReceipt | undefined {
  if (typeof summary !== 'object' || summary === null) return undefined;
  const s = summary as Record<string, unknown>;
  const r = (typeof s.receipt === 'object' && s.receipt !== null ? s.receipt : s) as Partial<DestroyReceipt>;
  if (typeof r.env !== 'string' || !Array.isArray(r.deleted)) return undefined;
  return {
    env: r.env,
    runId: String(r.runId ?? ''),
    status: (r.status ?? 'succeeded') as RunStatus,
    deleted: refsOf(r.deleted),
    skipped: notesOf(r.skipped),
    remaining: notesOf(r.remaining),
    elapsedMs: Number(r.elapsedMs ?? 0),
  };
}

export function renderReceipt(summary: unknown): RenderedReceipt {
  const r = receiptOf(summary);
  if (!r) return { headline: say('receipt.none'), lines: [], clean: false };
  const deleted = inventoryOf(r.deleted);
  const clean = r.remaining.length === 0;
  const headline = clean
    ? say('receipt.destroyed', { env: r.env, ms: r.elapsedMs, n: deleted.total })
    : say('receipt.stopped', {
        env: r.env,
        cancelled: r.status === 'cancelled',
        ms: r.elapsedMs,
        n: deleted.total,
        remaining: r.remaining.length,
      });
  const lines: Said[] = [];
  const byType = new Map<ResourceType, string[]>();
  for (const d of r.deleted) byType.set(d.type, [...(byType.get(d.type) ?? []), d.id]);
  for (const [type, ids] of byType) lines.push(say('receipt.deleted', { type, ids }));
  for (const k of r.skipped) lines.push(say('receipt.kept', { type: k.type, id: k.id, reason: k.reason }));
  for (const x of r.remaining)
    lines.push(say('receipt.remains', { type: x.type, id: x.id, reason: x.reason }));
  return { headline, lines, clean };
}
