/** The refusal people read when an environment is busy: who holds it, doing what, since when. */
import { say, type Said } from '../../i18n/said';
import type { EnvLock, Run } from '../../state/types';
import { stepState } from './dag';

/** The steps the holding run is working on (by id, with their notes), if it is known. */
function currentWork(run: Run | undefined): Said[] {
  if (!run) return [];
  return Object.entries(run.steps)
    .filter(([id]) => ['running', 'waiting'].includes(stepState(run, id).status))
    .map(([id, s]) => say('work.stepAt', { step: id, note: s.note ?? '' }));
}

/**
 * Said (the bot renders its own, with mentions and titles; the CLI puts this into words), e.g.
 * "demo is busy: a create run (run-1) started by U123 at 2026-11-27 03:40 UTC (5m ago) is running;
 * now at: vpc".
 */
export function describeLock(lock: EnvLock, run: Run | undefined, now: number): Said {
  return say('work.busy', {
    env: lock.env,
    kind: lock.kind,
    runId: lock.runId,
    holder: lock.holder,
    at: lock.acquiredAt,
    agoMs: now - lock.acquiredAt,
    work: currentWork(run),
  });
}
