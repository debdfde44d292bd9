/**
 * One reminder pass wired to Slack: the scheduler's rules (src/workflows/remind) with the
 * Slack notifier, and auto-destroy at expiry starting the teardown directly (no confirmation),
 * announced in the env's channel with its own progress message. The sandbox runs it on a timer,
 * the `remind` Lambda on an EventBridge schedule.
 */
import type { Environment, OnceMarkersRepository, StateStore } from '../state/types';
import { startDestroy } from '../workflows/destroy/start';
import type { WorkflowService } from '../workflows/engine/service';
import { defaultReminderSettings, type ReminderSettings } from '../workflows/remind/policy';
import { runReminderPass, type DigestSettings, type ReminderPassResult } from '../workflows/remind/scheduler';
import { SlackReminderNotifier } from './reminder-notifier';
import { reminderPowerStarter } from './services/power';
import type { ChatClient } from './slack-progress-sink';
import { renderExpiryTeardownRefused, renderExpiryTeardownStarting } from './views/reminders';

export const DEFAULT_DIGEST: DigestSettings = { atMinutes: 9 * 60, timeZone: 'Asia/Tokyo' };

export interface SlackReminderPassOptions {
  store: StateStore;
  markers: OnceMarkersRepository;
  client: ChatClient;
  service: WorkflowService;
  now(): number;
  settings?: ReminderSettings;
  /** When the daily digest goes out; `false` for none. */
  digest?: DigestSettings | false;
  /** Who auto-destroy runs as (audit, the run's requester); the bot's user id when known. */
  actor?: string;
  /** SITEBOT_CHANNEL_BUDGET_USD: the digest shows each channel's spend against it. */
  channelBudgetUsd?: number;
}

/** Starts the teardown of an expired env, with a progress message posted first. */
export async function startExpiryDestroy(
  options: Pick<SlackReminderPassOptions, 'store' | 'client' | 'service' | 'now' | 'actor'>,
  env: Environment,
): Promise<{ started: boolean; reason?: string }> {
  const posted = await options.client.chat.postMessage({
    channel: env.channel,
    ...renderExpiryTeardownStarting(env.name),
  });
  const result = await startDestroy(options.service, options.store, {
    env: env.name,
    requestedBy: options.actor ?? 'sitebot',
    channel: env.channel,
    notify: { channel: env.channel, ...(posted.ts ? { messageTs: posted.ts } : {}) },
    now: options.now(),
  });
  if (result.status === 'started') return { started: true };
  if (posted.ts) {
    await options.client.chat
      .update({
        channel: env.channel,
        ts: posted.ts,
        ...renderExpiryTeardownRefused(env.name, result.message),
      })
      .catch(() => undefined);
  }
  return { started: false, reason: result.message };
}

export function createSlackReminderPass(
  options: SlackReminderPassOptions,
): () => Promise<ReminderPassResult> {
  const notifier = new SlackReminderNotifier({
    client: options.client,
    store: options.store,
    now: options.now,
    ...(options.channelBudgetUsd !== undefined ? { channelBudgetUsd: options.channelBudgetUsd } : {}),
  });
  const power = { start: reminderPowerStarter(options, options.client, options.actor ?? 'sitebot') };
  const digest = options.digest === false ? undefined : (options.digest ?? DEFAULT_DIGEST);
  return () =>
    runReminderPass({
      store: options.store,
      markers: options.markers,
      notifier,
      startDestroy: (env) => startExpiryDestroy(options, env),
      power,
      settings: options.settings ?? defaultReminderSettings,
      ...(digest ? { digest } : {}),
      now: options.now,
    });
}

/**
 * Runs `pass` every `everyMs` (the sandbox and a self-hosted bot; Lambda has EventBridge). A pass
 * still going when the next is due is not overlapped: that tick is skipped. Returns the stop.
 */
export function startReminderInterval(
  pass: () => Promise<unknown>,
  everyMs: number,
  onError: (err: unknown, where: string) => void,
): () => void {
  let passing = false;
  const timer = setInterval(() => {
    if (passing) return;
    passing = true;
    pass()
      .catch((err: unknown) => onError(err, 'reminder pass'))
      .finally(() => {
        passing = false;
      });
  }, everyMs);
  return () => clearInterval(timer);
}
