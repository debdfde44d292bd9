/**
 * Sleep and wake in Slack: the end of a sleep or wake run in its progress message, the
 * "asleep since …" that status, list and the digest add to an environment's line, and the
 * Wake now / Keep awake 2 h buttons. Words from `t`, the reader's (or the run's) language.
 */
import { isSaid } from '../../i18n/said';
import type { Texts } from '../../i18n/texts';
import { powerOf, type OfficeHours } from '../../state/power';
import type { Environment, Run } from '../../state/types';
import { ACTION, actions } from './buttons';
import { bold, mrkdwn, plain, type Mrkdwn } from './mrkdwn';
import { ephemeral, section, type Block, type Reply } from './reply';

/** What the run said it did (its summary's message), in the reader's words. */
function summaryMessage(t: Texts, run: Run): string | undefined {
  const said = run.summary?.message;
  return typeof said === 'string' || isSaid(said) ? t.said(said) : undefined;
}

/** The outcome of a finished sleep or wake run, one text per section (undefined while it runs). */
export function powerOutcome(t: Texts, run: Run, failure: () => Mrkdwn): Mrkdwn[] | undefined {
  if (run.status === 'running') return undefined;
  const kind = run.kind === 'sleep' ? 'sleep' : 'wake';
  const message = summaryMessage(t, run);
  if (run.status === 'succeeded') {
    const icon = kind === 'sleep' ? ':zzz:' : ':sunrise:';
    const done =
      message ?? (kind === 'sleep' ? t.power.slept({ env: run.env }) : t.power.woke({ env: run.env }));
    const next = kind === 'sleep' ? t.power.wakeWith({ env: run.env }) : t.power.sleepWith({ env: run.env });
    return [mrkdwn`${icon} ${done}\n${next}`];
  }
  return [
    mrkdwn`:warning: ${bold(t.power.ended({ kind, env: run.env, status: run.status }))}: ${failure()}.${message ? `\n${message}` : ''}`,
    t.power.again({ kind, env: run.env }),
  ];
}

/** A finished sleep ends with the way back: Wake now (and Keep awake 2 h on office hours). */
export function powerButtonsOf(t: Texts, run: Run): Block[] {
  return run.kind === 'sleep' && run.status === 'succeeded'
    ? [wakeButtons(t, run.env, run.params.reason === 'office-hours')]
    : [];
}

/** ", asleep since 2026-01-05 19:00 UTC (14h)" for an env sitebot put to sleep, else "". */
export function asleepText(t: Texts, env: Environment, now: number): string {
  const power = powerOf(env);
  if (power?.state !== 'asleep') return '';
  return t.power.asleepSince({ since: power.since, ms: now - power.since });
}

/** Office hours in the reader's words: `09:00–19:00 Mon–Fri (Asia/Tokyo)`. */
export function hoursText(t: Texts, hours: Pick<OfficeHours, 'start' | 'end' | 'days' | 'timeZone'>): string {
  return t.power.hours(hours);
}

/** [Wake now] (and [Keep awake 2 h] when office hours put it to sleep) for a sleeping env. */
export function wakeButtons(t: Texts, env: string, keepAwake: boolean): Block {
  return actions([
    { actionId: ACTION.powerWake, label: t.power.wakeNow(), value: env, style: 'primary' },
    ...(keepAwake ? [{ actionId: ACTION.powerKeepAwake, label: t.power.keepAwake(), value: env }] : []),
  ]);
}

/** A refusal because the env sleeps (a drill needs it awake), with a Wake button. */
export function renderAsleepRefusal(t: Texts, env: string, problem: string): Reply {
  const text = plain(problem);
  return ephemeral(text, [section(mrkdwn`:zzz: ${text}`), wakeButtons(t, env, false)]);
}

/** What a run started by the reminder pass or a button announces before its progress shows. */
export function powerAnnouncement(
  t: Texts,
  env: Environment,
  kind: 'sleep' | 'wake',
  reason: string,
  hours?: string,
): Mrkdwn {
  const name = env.name;
  if (reason === 'db-auto-start') return t.power.dbAutoStart({ env: name });
  if (reason === 'office-hours') {
    const h = hours ? { hours } : {};
    return kind === 'sleep'
      ? t.power.officeSleep({ env: name, ...h })
      : t.power.officeWake({ env: name, ...h });
  }
  return kind === 'sleep' ? t.power.sleeping({ env: name }) : t.power.waking({ env: name });
}
