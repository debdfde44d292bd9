/**
 * The teardown receipt: every deleted resource by type and id, what was recorded but not
 * tagged for the env (never deleted), what remains and why, and the elapsed time. Plain data
 * and plain text: the bot and the CLI render it (no Slack here).
 */
import { count, formatDuration } from '../../domain/format';
import { inventoryOf, labelOf } from '../inventory';
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
  headline: string;
  /** Deleted resources grouped by type, then what was not deleted and why. */
  lines: string[];
  /** headline + lines, newline-separated. */
  text: string;
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
  if (!r) {
    const text = 'No teardown receipt recorded.';
    return { headline: text, lines: [], text };
  }
  const deleted = inventoryOf(r.deleted);
  const headline =
    r.remaining.length === 0
      ? `Destroyed ${r.env} in ${formatDuration(r.elapsedMs)}: ${count(deleted.total, 'resource')} deleted. 0 resources tagged for ${r.env} remain.`
      : `Teardown of ${r.env} ${r.status === 'cancelled' ? 'was cancelled' : 'stopped'} after ${formatDuration(r.elapsedMs)}: ${count(deleted.total, 'resource')} deleted, ${r.remaining.length} tagged for ${r.env} remain. Run /site destroy ${r.env} again to resume.`;
  const lines: string[] = [];
  const byType = new Map<ResourceType, string[]>();
  for (const d of r.deleted) byType.set(d.type, [...(byType.get(d.type) ?? []), d.id]);
  for (const [type, ids] of byType)
    lines.push(`deleted ${count(ids.length, labelOf(type, 1), labelOf(type, 2))}: ${ids.join(', ')}`);
  for (const s of r.skipped) lines.push(`kept ${labelOf(s.type)} ${s.id}: ${s.reason}`);
  for (const x of r.remaining) lines.push(`remains: ${labelOf(x.type)} ${x.id}: ${x.reason}`);
  return { headline, lines, text: [headline, ...lines].join('\n') };
}
