/**
 * What the reminder scheduler says (src/bot/views/reminders.ts): expiry warnings and overdue notes
 * with their buttons, the answers to those buttons, auto-destroy notices and the daily digest.
 * Written in the workspace's language (`SITEBOT_LANG`): nobody in particular started them.
 */
import { bold, code, mention, mrkdwn, type Mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';

export const reminders = (f: Formatter) => ({
  extendButton: (a: { ms: number }) => `Extend ${f.duration(a.ms)}`,
  snoozeButton: (a: { ms: number }) => `Snooze ${f.duration(a.ms)}`,
  destroyNowButton: () => 'Destroy now',
  /** `expires in 1h 9m (at 2026-12-01 22:01 UTC); it will then be destroyed` */
  expiryFact: (a: { expiry: string; at: number; autoDestroy: boolean }) =>
    `${a.expiry} (at ${f.instant(a.at)}); ${a.autoDestroy ? 'it will then be destroyed' : 'auto-destroy is off for it'}`,
  overdueFact: (a: { agoMs: number }) =>
    `expired ${f.duration(a.agoMs)} ago; auto-destroy is off for it, so it keeps running`,
  spent: (a: { soFar: number; perDay: number }) =>
    ` It has cost ${f.usd(a.soFar)} so far (${f.perDay(a.perDay)}).`,
  factText: (a: { env: string; fact: string }): Mrkdwn => mrkdwn`${a.env} ${a.fact}.`,
  warning: (a: { owner: string; env: string; fact: string; spent: string }): Mrkdwn =>
    mrkdwn`:alarm_clock: ${mention(a.owner)} ${bold(a.env)} ${a.fact}.${a.spent}`,
  overdue: (a: { owner: string; env: string; fact: string; spent: string }): Mrkdwn =>
    mrkdwn`:warning: ${mention(a.owner)} ${bold(a.env)} ${a.fact}.${a.spent}`,
  autoDestroyStarted: (a: { env: string; owner: string }): Mrkdwn =>
    mrkdwn`:wastebasket: ${bold(a.env)} reached its expiry: tearing it down now (progress in the message above). ${mention(a.owner)}`,
  autoDestroyFailed: (a: { env: string; owner: string; reason?: string }): Mrkdwn =>
    mrkdwn`:warning: ${bold(a.env)} reached its expiry but its teardown could not start${a.reason ? `: ${a.reason}` : ''}. ${mention(a.owner)}`,
  extended: (a: {
    by: string;
    env: string;
    byMs: number;
    expiry: string;
    at: number;
    addedMs: number;
    addedCost?: number;
  }): Mrkdwn =>
    mrkdwn`:calendar: ${mention(a.by)} extended ${bold(a.env)} by ${f.duration(a.byMs)}: it now ${a.expiry} (at ${f.instant(a.at)}).${
      a.addedCost === undefined
        ? ''
        : ` The added ${f.duration(a.addedMs)} cost about ${f.usd(a.addedCost)} at its current size.`
    }`,
  snoozed: (a: {
    by: string;
    env: string;
    forMs: number;
    expiry: string;
    at: number;
    autoDestroy: boolean;
    until?: number;
  }): Mrkdwn =>
    mrkdwn`:zzz: ${mention(a.by)} snoozed the reminder for ${f.duration(a.forMs)}. ${bold(a.env)} still ${a.expiry} (at ${f.instant(a.at)}); ${
      a.autoDestroy ? 'it will then be destroyed' : 'auto-destroy is off for it'
    }. ${a.until !== undefined ? `I will remind you again at ${f.instant(a.until)}.` : 'No more reminders before it expires.'} To keep it longer, use ${code(`/site extend ${a.env} <dur>`)}.`,
  digestTitle: (a: { n: number }) => `Running environments (${a.n})`,
  digestLine: (a: {
    env: string;
    status: string;
    owner: string;
    ageMs: number;
    cost: string;
    expiry: string;
  }): Mrkdwn =>
    mrkdwn`${bold(a.env)} (${a.status}) — ${mention(a.owner)} — age ${f.duration(a.ageMs)} — ${a.cost} — ${a.expiry}`,
  digestRest: (a: { n: number; perDay: number }): Mrkdwn =>
    mrkdwn`…and ${a.n} more ${a.n === 1 ? 'environment' : 'environments'} costing ${f.perDay(a.perDay)} together: see ${code('/site list')}.`,
  digestTotal: (a: { soFar: number; perDay: number }): Mrkdwn =>
    mrkdwn`Channel total: ${f.usd(a.soFar)} so far · ${f.perDay(a.perDay)}`,
  digestBudget: (a: {
    spent: number;
    budget: number;
    month: string;
    percent: number;
    byMonthEnd: number;
  }): Mrkdwn =>
    mrkdwn`Budget: ${f.usd(a.spent)} of the ${f.usd(a.budget)} budget spent in ${a.month} (${a.percent}%); about ${f.usd(a.byMonthEnd)} by the month's end at today's rates`,
  digestBudgetUnknown: (a: { error: string }): Mrkdwn => mrkdwn`Budget: cannot be worked out (${a.error})`,
  digestHint: (): Mrkdwn =>
    mrkdwn`Extend with ${code('/site extend <env> <dur>')}; tear down with ${code('/site destroy <env>')}.`,
  digestCount: (a: { n: number }): Mrkdwn =>
    mrkdwn`${a.n} running ${a.n === 1 ? 'environment' : 'environments'}`,
});

export type ReminderTexts = ReturnType<typeof reminders>;
