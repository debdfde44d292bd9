/**
 * Sleep and wake in Slack: the end of a sleep or wake run in its progress message, the
 * "asleep since …" that status, list and the digest add to an environment's line, and the
 * Wake now / Keep awake 2 h buttons.
 */
import { formatDuration, formatInstant } from '../../domain/format';
import { powerOf } from '../../state/power';
import type { Environment, Run } from '../../state/types';
import { ACTION, actions } from './buttons';
import { bold, code, mrkdwn, plain, type Mrkdwn } from './mrkdwn';
import { ephemeral, section, type Block, type Reply } from './reply';

/** The outcome of a finished sleep or wake run, one text per section (undefined while it runs). */
export function powerOutcome(run: Run, failure: () => Mrkdwn): Mrkdwn[] | undefined {
  if (run.status === 'running') return undefined;
  const message = typeof run.summary?.message === 'string' ? run.summary.message : undefined;
  if (run.status === 'succeeded') {
    const icon = run.kind === 'sleep' ? ':zzz:' : ':sunrise:';
    const next =
      run.kind === 'sleep'
        ? mrkdwn`Wake it with ${code(`/site wake ${run.env}`)}.`
        : mrkdwn`Put it to sleep with ${code(`/site sleep ${run.env}`)}.`;
    return [mrkdwn`${icon} ${message ?? `${run.kind} of ${run.env} done`}\n${next}`];
  }
  return [
    mrkdwn`:warning: ${bold(`${run.kind} of ${run.env} ${run.status}`)}: ${failure()}.${message ? `\n${message}` : ''}`,
    mrkdwn`Run ${code(`/site ${run.kind} ${run.env}`)} again: it picks up what is left.`,
  ];
}

/** A finished sleep ends with the way back: Wake now (and Keep awake 2 h on office hours). */
export function powerButtonsOf(run: Run): Block[] {
  return run.kind === 'sleep' && run.status === 'succeeded'
    ? [wakeButtons(run.env, run.params.reason === 'office-hours')]
    : [];
}

/** ", asleep since 2026-01-05 19:00 UTC (14h)" for an env sitebot put to sleep, else "". */
export function asleepText(env: Environment, now: number): string {
  const power = powerOf(env);
  if (power?.state !== 'asleep') return '';
  return `, asleep since ${formatInstant(power.since)} (${formatDuration(now - power.since)})`;
}

/** [Wake now] (and [Keep awake 2 h] when office hours put it to sleep) for a sleeping env. */
export function wakeButtons(env: string, keepAwake: boolean): Block {
  return actions([
    { actionId: ACTION.powerWake, label: 'Wake now', value: env, style: 'primary' },
    ...(keepAwake ? [{ actionId: ACTION.powerKeepAwake, label: 'Keep awake 2 h', value: env }] : []),
  ]);
}

/** A refusal because the env sleeps (a drill needs it awake), with a Wake button. */
export function renderAsleepRefusal(env: string, problem: string): Reply {
  const text = plain(problem);
  return ephemeral(text, [section(mrkdwn`:zzz: ${text}`), wakeButtons(env, false)]);
}

/** What a run started by the reminder pass or a button announces before its progress shows. */
export function powerAnnouncement(
  env: Environment,
  kind: 'sleep' | 'wake',
  reason: string,
  hours?: string,
): Mrkdwn {
  const name = bold(env.name);
  if (reason === 'db-auto-start') {
    return mrkdwn`:zzz: RDS started ${name}'s DB instance by itself after 7 days stopped: stopping it again…`;
  }
  if (reason === 'office-hours') {
    const when = hours ? ` (${hours})` : '';
    return kind === 'sleep'
      ? mrkdwn`:crescent_moon: Office hours${when}: putting ${name} to sleep…`
      : mrkdwn`:sunrise: Office hours${when}: waking ${name}…`;
  }
  return kind === 'sleep' ? mrkdwn`:zzz: Putting ${name} to sleep…` : mrkdwn`:sunrise: Waking ${name}…`;
}
