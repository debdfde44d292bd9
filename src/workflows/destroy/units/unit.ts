/**
 * A teardown unit: how to find every resource of one type that may belong to the env (by the
 * ids the env record holds AND by its tags), and how to delete one. Steps run units in
 * dependency order; the final sweep runs them all again.
 */
import type { TeardownAws } from '../deps';
import type { RemoveOutcome } from '../outcome';
import type { Candidate, ResourceType } from '../resources';

export interface FindInput {
  env: string;
  /** The env record's `resources` (role → id). */
  recorded: Readonly<Record<string, string>>;
}

export interface Unit {
  readonly type: ResourceType;
  /** Resources still there: tagged for the env, or recorded (tagged or not). */
  find(aws: TeardownAws, input: FindInput): Promise<Candidate[]>;
  /** Deletes one owned resource (the caller has checked its tags). */
  remove(aws: TeardownAws, c: Candidate, env: string): Promise<RemoveOutcome>;
}

/** Candidates from two sources, first one winning for the same id. */
export function mergeCandidates(...lists: Candidate[][]): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const list of lists)
    for (const c of list) {
      const prev = byId.get(c.id);
      if (!prev) byId.set(c.id, c);
      else if (c.recorded) prev.recorded = true;
    }
  return [...byId.values()];
}
