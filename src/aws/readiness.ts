/**
 * "Is it ready yet?" checks shaped like the SDK waiters' `checkState`: one describe call, one
 * answer. The runner is the poller: a step turns RETRY into a `wait` result instead of blocking.
 */
import type { Saying } from '../i18n/said';

export type CheckState = 'SUCCESS' | 'RETRY' | 'FAILURE';

export interface Readiness<T = undefined> {
  state: CheckState;
  /**
   * Why: the status AWS reported (`pending`, as AWS spells it), or a reason said in words
   * (`work.notVisible`), for progress notes and failure messages.
   */
  reason: Saying;
  /** What was observed, when SUCCESS needs to hand something on (an endpoint, a DNS name). */
  value?: T;
}

export const success = <T>(reason: Saying, value?: T): Readiness<T> => ({ state: 'SUCCESS', reason, value });
export const retry = <T>(reason: Saying): Readiness<T> => ({ state: 'RETRY', reason });
export const failure = <T>(reason: Saying): Readiness<T> => ({ state: 'FAILURE', reason });
