/**
 * Sleep and wake in Slack: the end of a sleep or wake run in its progress message, and the
 * "asleep since …" that status, list and the digest add to an environment's line.
 */
import { powerOf } from '../../state/power';
import type { Environment, Run } from '../../state/types';
import { formatDuration } from '../format';
import { section, type Block } from './reply';

export interface PowerMessage {
  text: string;
  blocks: Block[];
}

/** The outcome of a finished sleep or wake run (undefined while it runs). */
export function powerOutcome(run: Run, failure: () => string): PowerMessage | undefined {
  if (run.status === 'running') return undefined;
  const message = typeof run.summary?.message === 'string' ? run.summary.message : undefined;
  const icon = run.status === 'succeeded' ? (run.kind === 'sleep' ? ':zzz:' : ':sunrise:') : ':warning:';
  const next =
    run.kind === 'sleep'
      ? `Wake it with \`/site wake ${run.env}\`.`
      : `Put it to sleep with \`/site sleep ${run.env}\`.`;
  const lines =
    run.status === 'succeeded'
      ? [`${icon} ${message ?? `${run.kind} of ${run.env} done`}`, next]
      : [
          `${icon} *${run.kind} of ${run.env} ${run.status}*: ${failure()}.`,
          ...(message ? [message] : []),
          `Run \`/site ${run.kind} ${run.env}\` again: it picks up what is left.`,
        ];
  return { text: message ?? `${run.kind} of ${run.env} ${run.status}`, blocks: [section(lines.join('\n'))] };
}

/** ", asleep since 2026-01-05 19:00Z (14h)" for an env sitebot put to sleep, else "". */
export function asleepText(env: Environment, now: number): string {
  const power = powerOf(env);
  if (power?.state !== 'asleep') return '';
  const at = new Date(power.since)
    .toISOString()
    .replace(/:\d\d\.\d+Z$/, 'Z')
    .replace('T', ' ');
  return `, asleep since ${at} (${formatDuration(now - power.since)})`;
}
