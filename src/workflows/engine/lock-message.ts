/** The refusal people read when an environment is busy: who holds it, doing what, since when. */
import { formatDuration, formatInstant } from '../../domain/format';
import type { EnvLock, Run } from '../../state/types';
import { stepState } from './dag';

function ago(ms: number): string {
  return ms < 60_000 ? 'less than a minute ago' : `${formatDuration(ms)} ago`;
}

/** Titles of the steps the holding run is working on, if it is known. */
function currentWork(run: Run | undefined): string[] {
  if (!run) return [];
  return Object.entries(run.steps)
    .filter(([id]) => ['running', 'waiting'].includes(stepState(run, id).status))
    .map(([id, s]) => (s.note ? `${id} (${s.note})` : id));
}

/**
 * Plain text (the bot adds Slack formatting), e.g.
 * "demo is busy: a create run (run-1) started by U123 at 2026-11-27 03:40 UTC (5m ago) is running;
 * now at: vpc".
 */
export function describeLock(lock: EnvLock, run: Run | undefined, now: number): string {
  const since = `${formatInstant(lock.acquiredAt)} (${ago(now - lock.acquiredAt)})`;
  const work = currentWork(run);
  const doing = work.length > 0 ? `; now at: ${work.join(', ')}` : '';
  return `${lock.env} is busy: a ${lock.kind} run (${lock.runId}) started by ${lock.holder} at ${since} is running${doing}`;
}
