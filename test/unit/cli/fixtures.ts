/** A create-like run record built step by step, for renderer and driver tests. */
import type { Run, StepState } from '../../../src/state/types';

export const T0 = Date.UTC(2026, 10, 27, 4, 0, 0);

export const TITLES = new Map([
  ['vpc', 'Create VPC'],
  ['subnets', 'Create subnets'],
  ['database', 'Create DB instance'],
]);

export function makeRun(steps: Record<string, Partial<StepState>>, patch: Partial<Run> = {}): Run {
  return {
    runId: 'demo-create-1',
    env: 'demo',
    kind: 'create',
    status: 'running',
    requestedBy: 'alice',
    params: {},
    steps: Object.fromEntries(
      [...TITLES.keys()].map((id) => [id, { status: 'pending', attempts: 0, ...steps[id] } as StepState]),
    ),
    createdAt: T0,
    updatedAt: T0,
    version: 1,
    ...patch,
  };
}

/** An Output that keeps what was written. */
export function buffer(isTTY = false, columns = 80) {
  const out = { text: '', isTTY, columns, write: (t: string) => void (out.text += t) };
  return out;
}
