/** Builders for valid domain records, so each test states only what it is about. */
import type { Environment, Run } from '../../../src/state';

export function envRecord(
  overrides: Partial<Omit<Environment, 'version'>> = {},
): Omit<Environment, 'version'> {
  return {
    name: 'demo',
    channel: 'C1',
    owner: 'U1',
    status: 'creating',
    region: 'ap-northeast-1',
    multiAz: 'later',
    createdAt: 1_000,
    updatedAt: 1_000,
    expiresAt: 90_000_000,
    resources: {},
    outputs: {},
    ...overrides,
  };
}

export function runRecord(overrides: Partial<Omit<Run, 'version'>> = {}): Omit<Run, 'version'> {
  return {
    runId: 'run-1',
    env: 'demo',
    kind: 'create',
    status: 'running',
    requestedBy: 'U1',
    params: { ttl: '24h' },
    steps: { vpc: { status: 'pending', attempts: 0 } },
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

/**
 * Runs `task` for 0..count-1, `width` at a time: hundreds of simultaneous sockets to one
 * in-process dynalite on a busy machine can exceed the client's connection timeout.
 */
export async function inBatches(
  count: number,
  width: number,
  task: (i: number) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < count; start += width) {
    const end = Math.min(count, start + width);
    await Promise.all(Array.from({ length: end - start }, (_, k) => task(start + k)));
  }
}
