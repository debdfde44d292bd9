/**
 * The reminder scheduler's voice in Slack (its words are in views/reminders.ts): expiry warnings
 * and overdue notes with Extend, Snooze and Destroy now buttons (their ts is kept in
 * `env.meta.reminderMessages`, so only those messages' buttons count), auto-destroy
 * announcements, and the daily digest per channel.
 */
import { DEFAULT_LANGUAGE_SETTINGS, type LanguageSettings } from '../i18n/locale';
import type { Saying } from '../i18n/said';
import { textsIn, type Texts } from '../i18n/texts';
import type { Environment, StateStore } from '../state/types';
import { environmentCost } from '../workflows/operations/env-cost';
import type { ReminderNotifier } from '../workflows/remind/scheduler';
import { patchEnv } from './services/deps';
import { reminderMessagesOf } from './services/buttons';
import type { ChatClient } from './slack-progress-sink';
import type { Message } from './views/reply';
import { renderAutoDestroyNotice, renderDigest, renderExpiryWarning, renderOverdue } from './views/reminders';

/** Reminder messages remembered per env (older ones' buttons stop counting). */
const KEEP_REMINDERS = 10;

export interface SlackReminderNotifierOptions {
  client: ChatClient;
  store: Pick<StateStore, 'environments' | 'runs'>;
  now(): number;
  /** Scheduled messages speak the workspace's language (`SITEBOT_LANG`), dates in the channel's zone. */
  language?: LanguageSettings;
}

export class SlackReminderNotifier implements ReminderNotifier {
  constructor(private readonly options: SlackReminderNotifierOptions) {}

  async warnExpiry(env: Environment, _leadMs: number): Promise<void> {
    const now = this.options.now();
    const cost = await environmentCost(this.options.store, env, now);
    await this.postWithButtons(env, renderExpiryWarning(this.textsFor(env.channel), env, now, cost));
  }

  async reportOverdue(env: Environment): Promise<void> {
    const now = this.options.now();
    const cost = await environmentCost(this.options.store, env, now);
    await this.postWithButtons(env, renderOverdue(this.textsFor(env.channel), env, now, cost));
  }

  async reportAutoDestroy(env: Environment, started: boolean, reason?: Saying): Promise<void> {
    await this.options.client.chat.postMessage({
      channel: env.channel,
      ...renderAutoDestroyNotice(this.textsFor(env.channel), env, started, reason),
    });
  }

  async postDigest(channel: string, envs: Environment[]): Promise<void> {
    const now = this.options.now();
    const costs = new Map(
      await Promise.all(
        envs.map(async (e) => [e.name, await environmentCost(this.options.store, e, now)] as const),
      ),
    );
    await this.options.client.chat.postMessage({
      channel,
      ...renderDigest(this.textsFor(channel), envs, now, costs),
    });
  }

  private textsFor(channel: string): Texts {
    return textsIn(this.options.language ?? DEFAULT_LANGUAGE_SETTINGS, undefined, channel);
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
