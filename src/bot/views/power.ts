/**
 * Sleep and wake in Slack: the end of a sleep or wake run in its progress message, and the
 * "asleep since …" that status, list and the digest add to an environment's line.
 */
import { powerOf } from '../../state/power';
import type { Environment, Run } from '../../state/types';
import { formatDuration } from '../format';
import { ACTION, actions } from './buttons';
import { ephemeral, section, type Block, type Reply } from './reply';

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
  // A sleep office hours (or a person) started ends with the way back: Wake now, Keep awake 2 h.
  const buttons =
    run.kind === 'sleep' && run.status === 'succeeded'
      ? [wakeButtons(run.env, run.params.reason === 'office-hours')]
      : [];
  return {
    text: message ?? `${run.kind} of ${run.env} ${run.status}`,
    blocks: [section(lines.join('\n')), ...buttons],
  };
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

/** [Wake now] (and [Keep awake 2 h] when office hours put it to sleep) for a sleeping env. */
export function wakeButtons(env: string, keepAwake: boolean): Block {
  return actions(`power:${env}`, [
    { actionId: ACTION.powerWake, label: 'Wake now', value: env, style: 'primary' },
    ...(keepAwake ? [{ actionId: ACTION.powerKeepAwake, label: 'Keep awake 2 h', value: env }] : []),
  ]);
}

/** A refusal because the env sleeps (a drill needs it awake), with a Wake button. */
export function renderAsleepRefusal(env: string, problem: string): Reply {
  return ephemeral(problem, [section(`:zzz: ${problem}`), wakeButtons(env, false)]);
}

/** What a run started by the reminder pass or a button announces before its progress shows. */
export function powerAnnouncement(
  env: Environment,
  kind: 'sleep' | 'wake',
  reason: string,
  hours?: string,
): string {
  if (reason === 'db-auto-start') {
    return `:zzz: RDS started *${env.name}*'s DB instance by itself after 7 days stopped: stopping it again…`;
  }
  if (reason === 'office-hours') {
    return kind === 'sleep'
      ? `:crescent_moon: Office hours${hours ? ` (${hours})` : ''}: putting *${env.name}* to sleep…`
      : `:sunrise: Office hours${hours ? ` (${hours})` : ''}: waking *${env.name}*…`;
  }
  return kind === 'sleep' ? `:zzz: Putting *${env.name}* to sleep…` : `:sunrise: Waking *${env.name}*…`;
}
