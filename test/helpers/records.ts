/**
 * Environment records for unit tests: a ready env `demo` in C1 owned by U1, with no resources.
 * Each test patches only the fields it is about.
 */
import type { Environment } from '../../src/state/types';

/** A record as given to `environments.create` (the store sets the version). */
export function newEnvironment(
  patch: Partial<Omit<Environment, 'version'>> = {},
): Omit<Environment, 'version'> {
  return {
    name: 'demo',
    channel: 'C1',
    owner: 'U1',
    status: 'ready',
    region: 'ap-northeast-1',
    multiAz: 'now',
    createdAt: 0,
    updatedAt: 0,
    expiresAt: 1,
    resources: {},
    outputs: {},
    ...patch,
  };
}

/** A record as read back from the store, at version 1. */
export function storedEnvironment(patch: Partial<Environment> = {}): Environment {
  return { ...newEnvironment(), version: 1, ...patch };
}
