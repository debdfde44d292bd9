/**
 * What the reminder scheduler says in Slack: expiry warnings and overdue notes with their buttons,
 * the answers to those buttons (extended, snoozed), the auto-destroy notices, and the daily digest.
 * A message's fallback text states the same fact as its blocks (a notification never says
 * "expires in 2h" beside a block that says 1h 9m).
 */
import type { CostEstimate } from '../../cost/estimator';
import { DAY_MS, HOUR_MS } from '../../domain/durations';
import {
  count,
  formatDuration,
  formatExpiry,
  formatInstant,
  formatPerDay,
  formatUsd,
} from '../../domain/format';
import type { Environment } from '../../state/types';
import { ACTION, actions } from './buttons';
import { ageText, costText, type CostsByEnv } from './environments';
import { packLines, SLACK_LIMITS } from './limits';
import { asleepText } from './power';
import { bold, code, joinMd, mrkdwn, mention, type Mrkdwn } from './mrkdwn';
import { context, header, message, section, type Block, type Message } from './reply';

/** What the reminder's buttons do. */
export const REMINDER_EXTEND_MS = DAY_MS;
export const REMINDER_SNOOZE_MS = HOUR_MS;

function reminderButtons(env: string): Block {
  return actions([
    {
      actionId: ACTION.remindExtend,
      label: `Extend ${formatDuration(REMINDER_EXTEND_MS)}`,
      value: env,
      style: 'primary',
    },
    { actionId: ACTION.remindSnooze, label: `Snooze ${formatDuration(REMINDER_SNOOZE_MS)}`, value: env },
    { actionId: ACTION.remindDestroy, label: 'Destroy now', value: env, style: 'danger' },
  ]);
}

const willBeDestroyed = (env: Environment) =>
  env.meta?.autoDestroy === false ? 'auto-destroy is off for it' : 'it will then be destroyed';

/** `expires in 1h 9m (at 2026-12-01 22:01 UTC); it will then be destroyed`: the fact after the name. */
function expiryFact(env: Environment, now: number): string {
  return `${formatExpiry(env.expiresAt, now)} (at ${formatInstant(env.expiresAt)}); ${willBeDestroyed(env)}`;
}

function spent(cost: CostEstimate | undefined): string {
  return cost ? ` It has cost ${formatUsd(cost.soFar)} so far (${formatPerDay(cost.perDay)}).` : '';
}

export function renderExpiryWarning(env: Environment, now: number, cost: CostEstimate | undefined): Message {
  const fact = expiryFact(env, now);
  return message(mrkdwn`${env.name} ${fact}.`, [
    section(mrkdwn`:alarm_clock: ${mention(env.owner)} ${bold(env.name)} ${fact}.${spent(cost)}`),
    reminderButtons(env.name),
  ]);
}

export function renderOverdue(env: Environment, now: number, cost: CostEstimate | undefined): Message {
  const fact = `expired ${formatDuration(now - env.expiresAt)} ago; auto-destroy is off for it, so it keeps running`;
  return message(mrkdwn`${env.name} ${fact}.`, [
    section(mrkdwn`:warning: ${mention(env.owner)} ${bold(env.name)} ${fact}.${spent(cost)}`),
    reminderButtons(env.name),
  ]);
}

export function renderAutoDestroyNotice(env: Environment, started: boolean, reason?: string): Message {
  const text = started
    ? mrkdwn`:wastebasket: ${bold(env.name)} reached its expiry: tearing it down now (progress in its own message). ${mention(env.owner)}`
    : mrkdwn`:warning: ${bold(env.name)} reached its expiry but its teardown could not start${reason ? `: ${reason}` : ''}. ${mention(env.owner)}`;
  return message(text, [section(text)]);
}

/** A reminder's Extend (or `/site extend`) went through. */
export function renderExtended(input: {
  env: string;
  by: string;
  byMs: number;
  expiresAt: number;
  now: number;
  /** What the added time costs, from the estimator; undefined when prices are unknown. */
  addedCost: number | undefined;
}): Message {
  const cost =
    input.addedCost === undefined
      ? ''
      : ` The added ${formatDuration(input.byMs)} cost about ${formatUsd(input.addedCost)} at its current size.`;
  const text = mrkdwn`:calendar: ${mention(input.by)} extended ${bold(input.env)} by ${formatDuration(input.byMs)}: it now ${formatExpiry(input.expiresAt, input.now)} (at ${formatInstant(input.expiresAt)}).${cost}`;
  return message(text, [section(text)]);
}

/** A reminder's Snooze went through: the warning is silenced, the expiry unchanged. */
export function renderSnoozed(env: Environment, by: string, until: number, now: number): Message {
  const after =
    until < env.expiresAt
      ? `I will remind you again at ${formatInstant(until)}.`
      : 'No more reminders before it expires.';
  const text = mrkdwn`:zzz: ${mention(by)} snoozed the reminder for ${formatDuration(until - now)}. ${bold(env.name)} still ${formatExpiry(env.expiresAt, now)} (at ${formatInstant(env.expiresAt)}); ${willBeDestroyed(env)}. ${after} To keep it longer, use ${code(`/site extend ${env.name} <dur>`)}.`;
  return message(text, [section(text)]);
}

/** Lines of the digest shown in full; the rest is summarised (a message stays within Slack's limits). */
const DIGEST_LINES = 30;

/** `budget`: the channel's month against SITEBOT_CHANNEL_BUDGET_USD, in words, when one is set. */
export function renderDigest(
  envs: readonly Environment[],
  now: number,
  costs: CostsByEnv,
  budget?: string,
): Message {
  const perDayOf = (e: Environment) => costs.get(e.name)?.perDay ?? 0;
  // The most expensive first: what a digest is for.
  const sorted = [...envs].sort((a, b) => perDayOf(b) - perDayOf(a) || a.name.localeCompare(b.name));
  const total = envs.reduce((sum, e) => sum + (costs.get(e.name)?.soFar ?? 0), 0);
  const perDay = envs.reduce((sum, e) => sum + perDayOf(e), 0);
  const lines: Mrkdwn[] = sorted
    .slice(0, DIGEST_LINES)
    .map(
      (e) =>
        mrkdwn`${bold(e.name)} (${e.status}${asleepText(e, now)}) — ${mention(e.owner)} — age ${ageText(e, now)} — ${costText(e, costs.get(e.name))} — ${formatExpiry(e.expiresAt, now)}`,
    );
  const rest = sorted.slice(DIGEST_LINES);
  const totalLine = mrkdwn`Channel total: ${formatUsd(total)} so far · ${formatPerDay(perDay)}${budget === undefined ? '' : `\nBudget: ${budget}`}`;
  const blocks: Block[] = [header(`Running environments (${envs.length})`)];
  for (const text of packLines(lines)) blocks.push(section(text));
  if (rest.length > 0) {
    const restPerDay = rest.reduce((sum, e) => sum + perDayOf(e), 0);
    blocks.push(
      section(
        mrkdwn`…and ${count(rest.length, 'more environment')} costing ${formatPerDay(restPerDay)} together: see ${code('/site list')}.`,
      ),
    );
  }
  blocks.push(
    section(totalLine),
    context(
      mrkdwn`Extend with ${code('/site extend <env> <dur>')}; tear down with ${code('/site destroy <env>')}.`,
    ),
  );
  return message(
    joinMd([mrkdwn`${count(envs.length, 'running environment')}`, totalLine], '; '),
    blocks.slice(0, SLACK_LIMITS.blocksPerMessage),
  );
}
