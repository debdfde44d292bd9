/**
 * The reminder scheduler's voice in Slack: expiry warnings and overdue notes with Extend 24 h,
 * Snooze 1 h and Destroy now buttons (their ts is kept in `env.meta.reminderMessages`, so only
 * those messages' buttons count), auto-destroy announcements, and the daily digest per channel.
 */
import { formatPerDay, formatUsd } from '../cost/format';
import type { Environment, StateStore } from '../state/types';
import type { ReminderNotifier } from '../workflows/remind/scheduler';
import { channelMonth } from '../workflows/budget/channel-month';
import { describeChannelMonth } from '../workflows/budget/create-check';
import { costText, environmentCost } from './env-cost';
import { formatDuration } from './format';
import { patchEnv } from './services/deps';
import { reminderMessagesOf } from './services/buttons';
import type { ChatClient } from './slack-progress-sink';
import { ACTION, actions } from './views/buttons';
import { asleepText } from './views/power';
import { context, header, section, type Block } from './views/reply';

/** Reminder messages remembered per env (older ones' buttons stop counting). */
const KEEP_REMINDERS = 10;

export interface SlackReminderNotifierOptions {
  client: ChatClient;
  store: Pick<StateStore, 'environments' | 'runs' | 'spend'>;
  now(): number;
  /** The channel budget the digest shows spend against, when set. */
  channelBudgetUsd?: number;
}

function reminderButtons(env: string): Block {
  return actions(`remind:${env}`, [
    { actionId: ACTION.remindExtend, label: 'Extend 24 h', value: env, style: 'primary' },
    { actionId: ACTION.remindSnooze, label: 'Snooze 1 h', value: env },
    { actionId: ACTION.remindDestroy, label: 'Destroy now', value: env, style: 'danger' },
  ]);
}

function isoMinute(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d\d\.\d+Z$/, 'Z');
}

export class SlackReminderNotifier implements ReminderNotifier {
  constructor(private readonly options: SlackReminderNotifierOptions) {}

  async warnExpiry(env: Environment, leadMs: number): Promise<void> {
    const now = this.options.now();
    const cost = await environmentCost(this.options.store, env, now);
    const left = Math.max(0, env.expiresAt - now);
    const money = cost ? ` It has cost ${formatUsd(cost.soFar)} so far (${formatPerDay(cost.perDay)}).` : '';
    const text = `<@${env.owner}> *${env.name}* expires in ${formatDuration(left)} (at ${isoMinute(env.expiresAt)}) and will then be destroyed.${money}`;
    await this.postWithButtons(
      env,
      `:alarm_clock: ${text}`,
      `${env.name} expires in ${formatDuration(leadMs)}`,
    );
  }

  async reportOverdue(env: Environment): Promise<void> {
    const now = this.options.now();
    const cost = await environmentCost(this.options.store, env, now);
    const money = cost
      ? ` It has cost ${formatUsd(cost.soFar)} so far and costs ${formatPerDay(cost.perDay)}.`
      : '';
    const text = `<@${env.owner}> *${env.name}* expired ${formatDuration(now - env.expiresAt)} ago; auto-destroy is off for it, so it keeps running.${money}`;
    await this.postWithButtons(env, `:warning: ${text}`, `${env.name} is overdue`);
  }

  async reportAutoDestroy(env: Environment, started: boolean, reason?: string): Promise<void> {
    const text = started
      ? `:wastebasket: *${env.name}* reached its expiry: tearing it down now (progress in the message above). <@${env.owner}>`
      : `:warning: *${env.name}* reached its expiry but its teardown could not start${reason ? `: ${reason}` : ''}. <@${env.owner}>`;
    await this.options.client.chat.postMessage({ channel: env.channel, text, blocks: [section(text)] });
  }

  async postDigest(channel: string, envs: Environment[]): Promise<void> {
    const now = this.options.now();
    const sorted = [...envs].sort((a, b) => a.name.localeCompare(b.name));
    let total = 0;
    let perDay = 0;
    const lines: string[] = [];
    for (const env of sorted) {
      const cost = await environmentCost(this.options.store, env, now);
      total += cost?.soFar ?? 0;
      perDay += cost?.perDay ?? 0;
      const money = costText(cost);
      const expiry =
        env.expiresAt >= now
          ? `expires in ${formatDuration(env.expiresAt - now)}`
          : `expired ${formatDuration(now - env.expiresAt)} ago`;
      lines.push(
        `*${env.name}* (${env.status}${asleepText(env, now)}) — <@${env.owner}> — age ${formatDuration(now - env.createdAt)} — ${money} — ${expiry}`,
      );
    }
    const totalLine = `Channel total: ${formatUsd(total)} so far · ${formatPerDay(perDay)}${await this.budgetText(channel, now)}`;
    const blocks: Block[] = [header(`Running environments (${envs.length})`)];
    for (let i = 0; i < lines.length; i += 20) blocks.push(section(lines.slice(i, i + 20).join('\n')));
    blocks.push(
      section(totalLine),
      context('Extend with `/site extend <env> <dur>`; tear down with `/site destroy <env>`.'),
    );
    await this.options.client.chat.postMessage({
      channel,
      text: `${envs.length} running environment(s); ${totalLine}`,
      blocks,
    });
  }

  /** "\nBudget: $12.34 of the $50.00 budget spent in 2026-01 (25%); …" when a budget is set. */
  private async budgetText(channel: string, now: number): Promise<string> {
    const budget = this.options.channelBudgetUsd;
    if (budget === undefined) return '';
    try {
      return `\nBudget: ${describeChannelMonth(await channelMonth(this.options.store, channel, now), budget)}`;
    } catch (err) {
      return `\nBudget: cannot be worked out (${err instanceof Error ? err.message : String(err)})`;
    }
  }

  private async postWithButtons(env: Environment, markdown: string, fallback: string): Promise<void> {
    const posted = await this.options.client.chat.postMessage({
      channel: env.channel,
      text: fallback,
      blocks: [section(markdown), reminderButtons(env.name)],
    });
    if (!posted.ts) return;
    const ts = posted.ts;
    await patchEnv(this.options.store, env.name, (e) => ({
      meta: { ...e.meta, reminderMessages: [...reminderMessagesOf(e), ts].slice(-KEEP_REMINDERS) },
    }));
  }
}
