/**
 * The reminder scheduler's voice in Slack (its words are in views/reminders.ts): expiry warnings
 * and overdue notes with Extend, Snooze and Destroy now buttons (their ts is kept in
 * `env.meta.reminderMessages`, so only those messages' buttons count), auto-destroy
 * announcements, and the daily digest per channel.
 */
import type { Environment, StateStore } from '../state/types';
import { environmentCost } from '../workflows/operations/env-cost';
import type { ReminderNotifier } from '../workflows/remind/scheduler';
import { channelMonth } from '../workflows/budget/channel-month';
import { describeChannelMonth } from '../workflows/budget/create-check';
import { patchEnv } from './services/deps';
import { reminderMessagesOf } from './services/buttons';
import type { ChatClient } from './slack-progress-sink';
import type { Message } from './views/reply';
import { renderAutoDestroyNotice, renderDigest, renderExpiryWarning, renderOverdue } from './views/reminders';

/** Reminder messages remembered per env (older ones' buttons stop counting). */
const KEEP_REMINDERS = 10;

export interface SlackReminderNotifierOptions {
  client: ChatClient;
  store: Pick<StateStore, 'environments' | 'runs' | 'spend'>;
  now(): number;
  /** The channel budget the digest shows spend against, when set. */
  channelBudgetUsd?: number;
}

export class SlackReminderNotifier implements ReminderNotifier {
  constructor(private readonly options: SlackReminderNotifierOptions) {}

  async warnExpiry(env: Environment, _leadMs: number): Promise<void> {
    const now = this.options.now();
    const cost = await environmentCost(this.options.store, env, now);
    await this.postWithButtons(env, renderExpiryWarning(env, now, cost));
  }

  async reportOverdue(env: Environment): Promise<void> {
    const now = this.options.now();
    const cost = await environmentCost(this.options.store, env, now);
    await this.postWithButtons(env, renderOverdue(env, now, cost));
  }

  async reportAutoDestroy(env: Environment, started: boolean, reason?: string): Promise<void> {
    await this.options.client.chat.postMessage({
      channel: env.channel,
      ...renderAutoDestroyNotice(env, started, reason),
    });
  }

  async postDigest(channel: string, envs: Environment[]): Promise<void> {
    const now = this.options.now();
    const costs = new Map(
      await Promise.all(
        envs.map(async (e) => [e.name, await environmentCost(this.options.store, e, now)] as const),
      ),
    );
    const budget = await this.budgetText(channel, now);
    await this.options.client.chat.postMessage({ channel, ...renderDigest(envs, now, costs, budget) });
  }

  /** "$12.34 of the $50.00 budget spent in 2026-01 (25%); …" when a budget is set. */
  private async budgetText(channel: string, now: number): Promise<string | undefined> {
    const budget = this.options.channelBudgetUsd;
    if (budget === undefined) return undefined;
    try {
      return describeChannelMonth(await channelMonth(this.options.store, channel, now), budget);
    } catch (err) {
      return `cannot be worked out (${err instanceof Error ? err.message : String(err)})`;
    }
  }

  private async postWithButtons(env: Environment, reminder: Message): Promise<void> {
    const posted = await this.options.client.chat.postMessage({ channel: env.channel, ...reminder });
    if (!posted.ts) return;
    const ts = posted.ts;
    await patchEnv(this.options.store, env.name, (e) => ({
      meta: { ...e.meta, reminderMessages: [...reminderMessagesOf(e), ts].slice(-KEEP_REMINDERS) },
    }));
  }
}
