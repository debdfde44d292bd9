/** The refusal people read when an environment is busy: who holds it, doing what, since when. */
import type { EnvLock, Run } from '../../state/types';
import { stepState } from './dag';

function ago(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'less than a minute ago';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min ago`;
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
 * "demo is busy: a create run (run-1) started by U123 at 2026-11-27T03:40:00.000Z (5 min ago) is running; now at: vpc".
 */
export function describeLock(lock: EnvLock, run: Run | undefined, now: number): string {
  const since = `${new Date(lock.acquiredAt).toISOString()} (${ago(now - lock.acquiredAt)})`;
  const work = currentWork(run);
  const doing = work.length > 0 ? `; now at: ${work.join(', ')}` : '';
  return `${lock.env} is busy: a ${lock.kind} run (${lock.runId}) started by ${lock.holder} at ${since} is running${doing}`;
}
