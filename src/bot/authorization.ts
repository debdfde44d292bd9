/**
 * Who may run what, and where. Channels: an allow-list (empty means every channel).
 * Destroy, failover, extend, sleep, wake and hours act on someone's environment: only its owner
 * or an admin.
 */
import type { Environment } from '../state/types';
import type { Command } from './grammar';
import type { Texts } from '../i18n/texts';
import type { Mrkdwn } from './views/mrkdwn';
import { notOwnerText } from './views/refusals';

export interface AuthorizationPolicy {
  allowedChannels: readonly string[];
  admins: readonly string[];
}

export type Decision = { allowed: true } | { allowed: false; reason: Mrkdwn };

const ALLOWED: Decision = { allowed: true };

/** `help` works everywhere so people can find out where the bot is enabled. */
export function checkChannel(
  policy: AuthorizationPolicy,
  command: Command,
  channelId: string,
  t: Texts,
): Decision {
  // `lang` too: a reader may choose their language anywhere (it changes nothing in the channel).
  return command.kind === 'help' || command.kind === 'lang'
    ? ALLOWED
    : checkChannelEnabled(policy, channelId, t);
}

/** The allow-list alone (commands and button presses). */
export function checkChannelEnabled(policy: AuthorizationPolicy, channelId: string, t: Texts): Decision {
  if (policy.allowedChannels.length === 0 || policy.allowedChannels.includes(channelId)) return ALLOWED;
  return {
    allowed: false,
    reason: t.refusals.channelNotEnabled(),
  };
}

export function isAdmin(policy: AuthorizationPolicy, userId: string): boolean {
  return policy.admins.includes(userId);
}

export function checkOwnership(
  policy: AuthorizationPolicy,
  env: Environment,
  userId: string,
  t: Texts,
): Decision {
  if (env.owner === userId || isAdmin(policy, userId)) return ALLOWED;
  return { allowed: false, reason: notOwnerText(t, env) };
}
