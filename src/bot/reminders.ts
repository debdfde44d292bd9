/**
 * One reminder pass wired to Slack: the scheduler's rules (src/workflows/remind) with the
 * Slack notifier, whose messages go through the outbox, and auto-destroy at expiry starting the
 * teardown directly (no confirmation, no Slack call first: the run shows its own progress in the
 * env's channel), as do the sleeps and wakes of office hours (services/power.ts: their
 * announcements go through the outbox too). The sandbox runs it on a timer, the `remind` Lambda on an EventBridge
 * schedule; each pass ends by delivering outbox messages that are due and were not brought back.
 */
import type { LanguageSettings } from '../i18n/locale';
import type { Environment, StateStore } from '../state/types';
import { startDestroy } from '../workflows/destroy/start';
import type { WorkflowService } from '../workflows/engine/service';
import { defaultReminderSettings, type ReminderSettings } from '../workflows/remind/policy';
import {
  runReminderPass,
  type DigestSettings,
  type ReminderPassResult,
  type StartDestroyOutcome,
} from '../workflows/remind/scheduler';
import type { SlackOutbox } from './outbox';
import { SlackReminderNotifier } from './reminder-notifier';
import { reminderPowerStarter } from './services/power';

export const DEFAULT_DIGEST: DigestSettings = { atMinutes: 9 * 60, timeZone: 'Asia/Tokyo' };

export interface SlackReminderPassOptions {
  store: StateStore;
  outbox: Pick<SlackOutbox, 'send' | 'sweep'>;
  service: WorkflowService;
  now(): number;
  settings?: ReminderSettings;
  /** When the daily digest goes out; `false` for none. */
  digest?: DigestSettings | false;
  /** Who auto-destroy runs as (audit, the run's requester); the bot's user id when known. */
  actor?: string;
  /** Scheduled messages speak the workspace's language (`SITEBOT_LANG`). */
  language?: LanguageSettings;
  /** SITEBOT_CHANNEL_BUDGET_USD: the digest shows each channel's spend against it. */
  channelBudgetUsd?: number;
}

export interface SlackReminderPassResult extends ReminderPassResult {
  /** Outbox messages the sweep at the end of the pass delivered. */
  redelivered: number;
}

/** Starts the teardown of an expired env; its progress message is posted by the run's sink. */
export async function startExpiryDestroy(
  options: Pick<SlackReminderPassOptions, 'store' | 'service' | 'now' | 'actor'>,
  env: Environment,
): Promise<StartDestroyOutcome> {
  const result = await startDestroy(options.service, options.store, {
    env: env.name,
    requestedBy: options.actor ?? 'sitebot',
    channel: env.channel,
    notify: { channel: env.channel },
    now: options.now(),
  });
  if (result.status === 'started') return { started: true };
  if (
    result.status === 'refused' &&
    result.holderRun?.kind === 'destroy' &&
    result.holderRun.status === 'running'
  )
    return { started: false, alreadyDestroying: true };
  return { started: false, reason: result.message };
}

export function createSlackReminderPass(
  options: SlackReminderPassOptions,
): () => Promise<SlackReminderPassResult> {
  const notifier = new SlackReminderNotifier({
    outbox: options.outbox,
    store: options.store,
    now: options.now,
    ...(options.language ? { language: options.language } : {}),
    ...(options.channelBudgetUsd !== undefined ? { channelBudgetUsd: options.channelBudgetUsd } : {}),
  });
  const power = {
    start: reminderPowerStarter(options, options.outbox, options.actor ?? 'sitebot', options.language),
  };
  const digest = options.digest === false ? undefined : (options.digest ?? DEFAULT_DIGEST);
  return async () => {
    const result = await runReminderPass({
      store: options.store,
      notifier,
      startDestroy: (env) => startExpiryDestroy(options, env),
      power,
      settings: options.settings ?? defaultReminderSettings,
      ...(digest ? { digest } : {}),
      now: options.now,
    });
    return { ...result, redelivered: await options.outbox.sweep() };
  };
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
