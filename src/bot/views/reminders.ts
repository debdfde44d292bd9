/**
 * What the reminder scheduler says in Slack: expiry warnings and overdue notes with their buttons,
 * the answers to those buttons (extended, snoozed), the auto-destroy notices, and the daily digest.
 * A message's fallback text states the same fact as its blocks (a notification never says
 * "expires in 2h" beside a block that says 1h 9m).
 */
import type { CostEstimate } from '../../cost/estimator';
import { DAY_MS, HOUR_MS } from '../../domain/durations';
import type { Saying } from '../../i18n/said';
import type { Texts } from '../../i18n/texts';
import type { Environment } from '../../state/types';
import type { ChannelMonth } from '../../workflows/budget/channel-month';
import { ACTION, actions } from './buttons';
import { costText, type CostsByEnv } from './environments';
import { packLines, SLACK_LIMITS } from './limits';
import { joinMd, type Mrkdwn } from './mrkdwn';
import { asleepText } from './power';
import { context, header, message, section, type Block, type Message } from './reply';

/** What the reminder's buttons do. */
export const REMINDER_EXTEND_MS = DAY_MS;
export const REMINDER_SNOOZE_MS = HOUR_MS;

function reminderButtons(t: Texts, env: string): Block {
  return actions([
    {
      actionId: ACTION.remindExtend,
      label: t.reminders.extendButton({ ms: REMINDER_EXTEND_MS }),
      value: env,
      style: 'primary',
    },
    {
      actionId: ACTION.remindSnooze,
      label: t.reminders.snoozeButton({ ms: REMINDER_SNOOZE_MS }),
      value: env,
    },
    { actionId: ACTION.remindDestroy, label: t.reminders.destroyNowButton(), value: env, style: 'danger' },
  ]);
}

const autoDestroys = (env: Environment) => env.meta?.autoDestroy !== false;

/** `expires in 1h 9m (at 2026-12-01 22:01 UTC); it will then be destroyed`: the fact after the name. */
function expiryFact(t: Texts, env: Environment, now: number): string {
  return t.reminders.expiryFact({
    expiry: t.common.expiry(env.expiresAt, now),
    at: env.expiresAt,
    autoDestroy: autoDestroys(env),
  });
}

function spent(t: Texts, cost: CostEstimate | undefined): string {
  return cost ? t.reminders.spent({ soFar: cost.soFar, perDay: cost.perDay }) : '';
}

export function renderExpiryWarning(
  t: Texts,
  env: Environment,
  now: number,
  cost: CostEstimate | undefined,
): Message {
  const fact = expiryFact(t, env, now);
  return message(t.reminders.factText({ env: env.name, fact }), [
    section(t.reminders.warning({ owner: env.owner, env: env.name, fact, spent: spent(t, cost) })),
    reminderButtons(t, env.name),
  ]);
}

export function renderOverdue(
  t: Texts,
  env: Environment,
  now: number,
  cost: CostEstimate | undefined,
): Message {
  const fact = t.reminders.overdueFact({ agoMs: now - env.expiresAt });
  return message(t.reminders.factText({ env: env.name, fact }), [
    section(t.reminders.overdue({ owner: env.owner, env: env.name, fact, spent: spent(t, cost) })),
    reminderButtons(t, env.name),
  ]);
}

export function renderAutoDestroyNotice(
  t: Texts,
  env: Environment,
  started: boolean,
  reason?: Saying,
): Message {
  const text = started
    ? t.reminders.autoDestroyStarted({ env: env.name, owner: env.owner })
    : t.reminders.autoDestroyFailed({
        env: env.name,
        owner: env.owner,
        ...(reason !== undefined ? { reason: t.said(reason) } : {}),
      });
  return message(text, [section(text)]);
}

/** A reminder's Extend (or `/site extend`) went through. */
export function renderExtended(
  t: Texts,
  input: {
    env: string;
    by: string;
    byMs: number;
    expiresAt: number;
    now: number;
    /** The added time, from the old expiry (or now) to the new one. */
    addedMs: number;
    /** What the added time costs, from the estimator; undefined when prices are unknown. */
    addedCost: number | undefined;
  },
): Message {
  const text = t.reminders.extended({
    by: input.by,
    env: input.env,
    byMs: input.byMs,
    expiry: t.common.expiry(input.expiresAt, input.now),
    at: input.expiresAt,
    addedMs: input.addedMs,
    ...(input.addedCost !== undefined ? { addedCost: input.addedCost } : {}),
  });
  return message(text, [section(text)]);
}

/** A reminder's Snooze went through: the warning is silenced, the expiry unchanged. */
export function renderSnoozed(t: Texts, env: Environment, by: string, until: number, now: number): Message {
  const text = t.reminders.snoozed({
    by,
    env: env.name,
    forMs: until - now,
    expiry: t.common.expiry(env.expiresAt, now),
    at: env.expiresAt,
    autoDestroy: autoDestroys(env),
    ...(until < env.expiresAt ? { until } : {}),
  });
  return message(text, [section(text)]);
}

/** Lines of the digest shown in full; the rest is summarised (a message stays within Slack's limits). */
const DIGEST_LINES = 30;

/** The channel's month against SITEBOT_CHANNEL_BUDGET_USD, or why it could not be worked out. */
export type DigestBudget = { budgetUsd: number } & ({ month: ChannelMonth } | { error: string });

/** `budget`: shown under the total when the channel has one. */
export function renderDigest(
  t: Texts,
  envs: readonly Environment[],
  now: number,
  costs: CostsByEnv,
  budget?: DigestBudget,
): Message {
  const perDayOf = (e: Environment) => costs.get(e.name)?.perDay ?? 0;
  // The most expensive first: what a digest is for.
  const sorted = [...envs].sort((a, b) => perDayOf(b) - perDayOf(a) || a.name.localeCompare(b.name));
  const total = envs.reduce((sum, e) => sum + (costs.get(e.name)?.soFar ?? 0), 0);
  const perDay = envs.reduce((sum, e) => sum + perDayOf(e), 0);
  const lines: Mrkdwn[] = sorted.slice(0, DIGEST_LINES).map((e) =>
    t.reminders.digestLine({
      env: e.name,
      status: `${t.common.envStatus(e.status)}${asleepText(t, e, now)}`,
      owner: e.owner,
      ageMs: now - e.createdAt,
      cost: costText(t, e, costs.get(e.name)),
      expiry: t.common.expiry(e.expiresAt, now),
    }),
  );
  const rest = sorted.slice(DIGEST_LINES);
  const totalLine = joinMd(
    [t.reminders.digestTotal({ soFar: total, perDay }), ...(budget ? [budgetLine(t, budget)] : [])],
    '\n',
  );
  const blocks: Block[] = [header(t.reminders.digestTitle({ n: envs.length }))];
  for (const text of packLines(lines)) blocks.push(section(text));
  if (rest.length > 0) {
    const restPerDay = rest.reduce((sum, e) => sum + perDayOf(e), 0);
    blocks.push(section(t.reminders.digestRest({ n: rest.length, perDay: restPerDay })));
  }
  blocks.push(section(totalLine), context(t.reminders.digestHint()));
  return message(
    t.common.clauses([t.reminders.digestCount({ n: envs.length }), totalLine]),
    blocks.slice(0, SLACK_LIMITS.blocksPerMessage),
  );
}

/** `Budget: $12.34 of the $50.00 budget spent in 2026-01 (25%); about $30.00 by the month's end …` */
function budgetLine(t: Texts, budget: DigestBudget): Mrkdwn {
  if ('error' in budget) return t.reminders.digestBudgetUnknown({ error: budget.error });
  const { month, budgetUsd } = budget;
  const spent = month.spentRunning + month.spentDestroyed;
  return t.reminders.digestBudget({
    spent,
    budget: budgetUsd,
    month: month.month,
    percent: budgetUsd > 0 ? Math.round((spent / budgetUsd) * 100) : 0,
    byMonthEnd: spent + month.comingFromRunning,
  });
}
