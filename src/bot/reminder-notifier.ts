/**
 * The reminder scheduler's voice in Slack (its words are in views/reminders.ts): expiry warnings
 * and overdue notes with Extend, Snooze and Destroy now buttons (their ts is kept in
 * `env.meta.reminderMessages`, so only those messages' buttons count), auto-destroy
 * announcements, and the daily digest per channel (with its month against the channel budget,
 * when one is set).
 * Each goes through the outbox under the scheduler's key: queued once, delivered until Slack
 * takes it (src/bot/outbox.ts); the ts of a message with buttons is recorded once it is posted.
 */
import { DEFAULT_LANGUAGE_SETTINGS, type LanguageSettings } from '../i18n/locale';
import type { Saying } from '../i18n/said';
import { textsIn, type Texts } from '../i18n/texts';
import type { NewOutboxMessage } from '../state/outbox-repository';
import type { Environment, StateStore } from '../state/types';
import { environmentCost } from '../workflows/operations/env-cost';
import type { ReminderNotifier } from '../workflows/remind/scheduler';
import { channelMonth } from '../workflows/budget/channel-month';
import type { Message } from './views/reply';
import {
  renderAutoDestroyNotice,
  renderDigest,
  type DigestBudget,
  renderExpiryWarning,
  renderOverdue,
} from './views/reminders';

export interface SlackReminderNotifierOptions {
  /** The outbox (src/bot/outbox.ts): `send` is false when the id was queued before. */
  outbox: { send(message: NewOutboxMessage): Promise<boolean> };
  store: Pick<StateStore, 'environments' | 'runs' | 'spend'>;
  now(): number;
  /** Scheduled messages speak the workspace's language (`SITEBOT_LANG`), dates in the channel's zone. */
  language?: LanguageSettings;
  /** The channel budget the digest shows spend against, when set. */
  channelBudgetUsd?: number;
}

export class SlackReminderNotifier implements ReminderNotifier {
  constructor(private readonly options: SlackReminderNotifierOptions) {}

  async warnExpiry(env: Environment, _leadMs: number, key: string): Promise<boolean> {
    const now = this.options.now();
    const cost = await environmentCost(this.options.store, env, now);
    return this.postWithButtons(key, env, renderExpiryWarning(this.textsFor(env.channel), env, now, cost));
  }

  async reportOverdue(env: Environment, key: string): Promise<boolean> {
    const now = this.options.now();
    const cost = await environmentCost(this.options.store, env, now);
    return this.postWithButtons(key, env, renderOverdue(this.textsFor(env.channel), env, now, cost));
  }

  async reportAutoDestroy(
    env: Environment,
    started: boolean,
    reason: Saying | undefined,
    key: string,
  ): Promise<boolean> {
    const notice = renderAutoDestroyNotice(this.textsFor(env.channel), env, started, reason);
    return this.options.outbox.send({
      id: key,
      about: { purpose: 'reminder.auto-destroy', env: env.name },
      steps: [{ op: 'post', channel: env.channel, ...notice }],
    });
  }

  async postDigest(channel: string, envs: Environment[], key: string): Promise<boolean> {
    const now = this.options.now();
    const costs = new Map(
      await Promise.all(
        envs.map(async (e) => [e.name, await environmentCost(this.options.store, e, now)] as const),
      ),
    );
    const budget = await this.budget(channel, now);
    return this.options.outbox.send({
      id: key,
      about: { purpose: 'reminder.digest' },
      steps: [{ op: 'post', channel, ...renderDigest(this.textsFor(channel), envs, now, costs, budget) }],
    });
  }

  private textsFor(channel: string): Texts {
    return textsIn(this.options.language ?? DEFAULT_LANGUAGE_SETTINGS, undefined, channel);
  }

  /** The channel's month against its budget, when one is set. */
  private async budget(channel: string, now: number): Promise<DigestBudget | undefined> {
    const budgetUsd = this.options.channelBudgetUsd;
    if (budgetUsd === undefined) return undefined;
    try {
      return { budgetUsd, month: await channelMonth(this.options.store, channel, now) };
    } catch (err) {
      return { budgetUsd, error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** A reminder with buttons; once posted, its ts is recorded so that its buttons count. */
  private postWithButtons(key: string, env: Environment, reminder: Message): Promise<boolean> {
    return this.options.outbox.send({
      id: key,
      about: { purpose: 'reminder', env: env.name },
      steps: [
        { op: 'post', channel: env.channel, ...reminder },
        { op: 'remember-reminder', env: env.name },
      ],
    });
  }
}
