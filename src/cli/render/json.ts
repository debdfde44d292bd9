/**
 * `--json`: nothing while the run goes, then one JSON document on stdout — run id, status,
 * outputs, timings and, per step, the reasons it waited for (each once, when it changed) — so
 * scripts can `jq` it. Human messages go to stderr, never here.
 */
// JSON is for machines and logs: notes in English, like a step error's message.
import { english, inEnglish } from '../../i18n/english';
import { ENGLISH } from '../../i18n/texts';
import type { Run } from '../../state/types';
import { failureOf, type Output, type RunRenderer, type RunResult } from './types';

/** An environment's outputs as an English reader reads them (`siteCheck: off` in words). */
export function englishOutputs(outputs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(outputs).map(([key, value]) => [key, ENGLISH.common.outputValue(key, value)]),
  );
}

/** One reason a step waited for, from when it was first seen. */
export interface WaitReason {
  at: string;
  note: string;
}

export interface StepTiming {
  status: string;
  attempts: number;
  startedAt?: string;
  finishedAt?: string;
  elapsedMs?: number;
  /** The step's last note (why it waits, or what it found). */
  note?: string;
  /** Every reason it waited for while this command followed it, in order. */
  waits?: WaitReason[];
}

export interface RunDocument {
  runId: string;
  env: string;
  kind: Run['kind'];
  status: Run['status'];
  outcome: RunResult['outcome'];
  error?: string;
  outputs: Record<string, string>;
  timings: {
    startedAt: string;
    finishedAt?: string;
    elapsedMs: number;
    steps: Record<string, StepTiming>;
  };
  summary?: Record<string, unknown>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function runDocument(
  result: RunResult,
  waits: ReadonlyMap<string, readonly WaitReason[]> = new Map(),
): RunDocument {
  const { run } = result;
  const steps: Record<string, StepTiming> = {};
  for (const [id, s] of Object.entries(run.steps)) {
    const seen = waits.get(id);
    steps[id] = {
      status: s.status,
      attempts: s.attempts,
      ...(s.startedAt !== undefined ? { startedAt: iso(s.startedAt) } : {}),
      ...(s.finishedAt !== undefined ? { finishedAt: iso(s.finishedAt) } : {}),
      ...(s.startedAt !== undefined && s.finishedAt !== undefined
        ? { elapsedMs: s.finishedAt - s.startedAt }
        : {}),
      ...(s.note ? { note: english(s.note) } : {}),
      ...(seen && seen.length > 0 ? { waits: [...seen] } : {}),
    };
  }
  const error = failureOf(run);
  return {
    runId: run.runId,
    env: run.env,
    kind: run.kind,
    status: run.status,
    outcome: result.outcome,
    ...(error ? { error } : {}),
    outputs: englishOutputs(result.outputs),
    timings: {
      startedAt: iso(run.createdAt),
      ...(run.finishedAt !== undefined ? { finishedAt: iso(run.finishedAt) } : {}),
      elapsedMs: (run.finishedAt ?? run.updatedAt) - run.createdAt,
      steps,
    },
    ...(run.summary ? { summary: inEnglish(run.summary) } : {}),
  };
}

export class JsonRenderer implements RunRenderer {
  private readonly waits = new Map<string, WaitReason[]>();

  constructor(private readonly out: Output) {}

  /**
   * Silent until the end (stdout carries exactly one document); remembers each new reason to
   * wait, timed by the run record (the world's clock, as every other figure of the run).
   */
  update(run: Run): void {
    for (const [id, s] of Object.entries(run.steps)) {
      if ((s.status !== 'running' && s.status !== 'waiting') || !s.note) continue;
      const seen = this.waits.get(id) ?? [];
      const note = english(s.note);
      if (seen.at(-1)?.note === note) continue;
      this.waits.set(id, [...seen, { at: iso(run.updatedAt), note }]);
    }
  }

  finish(result: RunResult): void {
    this.update(result.run);
    this.out.write(`${JSON.stringify(runDocument(result, this.waits), null, 2)}\n`);
  }
}
