/**
 * "Is it ready yet?" checks shaped like the SDK waiters' `checkState`: one describe call, one
 * answer. The runner is the poller: a step turns RETRY into a `wait` result instead of blocking.
 */
export type CheckState = 'SUCCESS' | 'RETRY' | 'FAILURE';

export interface Readiness<T = undefined> {
  state: CheckState;
  /** Why (the observed status), for progress notes and failure messages. */
  reason: string;
  /** What was observed, when SUCCESS needs to hand something on (an endpoint, a DNS name). */
  value?: T;
}

export const success = <T>(reason: string, value?: T): Readiness<T> => ({ state: 'SUCCESS', reason, value });
export const retry = <T>(reason: string): Readiness<T> => ({ state: 'RETRY', reason });
export const failure = <T>(reason: string): Readiness<T> => ({ state: 'FAILURE', reason });
