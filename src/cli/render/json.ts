/**
 * `--json`: nothing while the run goes, then one JSON document on stdout — run id, status,
 * outputs and timings — so scripts can `jq` it. Human messages go to stderr, never here.
 */
import type { Run } from '../../state/types';
import { failureOf, type Output, type RunRenderer, type RunResult } from './types';

export interface StepTiming {
  status: string;
  attempts: number;
  startedAt?: string;
  finishedAt?: string;
  elapsedMs?: number;
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

export function runDocument(result: RunResult): RunDocument {
  const { run } = result;
  const steps: Record<string, StepTiming> = {};
  for (const [id, s] of Object.entries(run.steps)) {
    steps[id] = {
      status: s.status,
      attempts: s.attempts,
      ...(s.startedAt !== undefined ? { startedAt: iso(s.startedAt) } : {}),
      ...(s.finishedAt !== undefined ? { finishedAt: iso(s.finishedAt) } : {}),
      ...(s.startedAt !== undefined && s.finishedAt !== undefined
        ? { elapsedMs: s.finishedAt - s.startedAt }
        : {}),
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
    outputs: result.outputs,
    timings: {
      startedAt: iso(run.createdAt),
      ...(run.finishedAt !== undefined ? { finishedAt: iso(run.finishedAt) } : {}),
      elapsedMs: (run.finishedAt ?? run.updatedAt) - run.createdAt,
      steps,
    },
    ...(run.summary ? { summary: run.summary } : {}),
  };
}

export class JsonRenderer implements RunRenderer {
  constructor(private readonly out: Output) {}

  update(): void {
    // Silent until the end: stdout carries exactly one document.
  }

  finish(result: RunResult): void {
    this.out.write(`${JSON.stringify(runDocument(result), null, 2)}\n`);
  }
}
