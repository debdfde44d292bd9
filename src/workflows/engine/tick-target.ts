/** What a tick driver calls: the runner (kept as an interface so drivers do not depend on it). */
export interface TickTarget {
  tick(runId: string): Promise<unknown>;
}
