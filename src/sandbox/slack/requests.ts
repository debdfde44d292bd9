/**
 * The requests Slack sends the app, field for field: slash commands, block_actions payloads and
 * the ssl_check probe.
 *
 * - Slash commands: every field of Slack's example, including the Enterprise Grid ones
 *   (https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling).
 *   The typed text arrives with `&`, `<` and `>` as `&amp;`, `&lt;`, `&gt;`
 *   (https://api.slack.com/reference/surfaces/formatting#escaping; apps see "MSc &amp; MBA":
 *   https://github.com/slack-ruby/slack-ruby-bot/issues/237).
 * - ssl_check: "Slack may send an HTTP POST ... with ssl_check=1 and token" to a slash command's
 *   URL, without signature headers; the app should answer 200 (same page, "SSL").
 * - block_actions: `container` names the message (`is_ephemeral` for ephemerals), and `message`
 *   is only sent for messages Slack keeps, not for ephemerals
 *   (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload,
 *   https://github.com/slackapi/bolt-js/issues/959).
 */
import { randomUUID } from 'node:crypto';
import type { FoundButton } from './buttons';
import type { StoredMessage } from './messages';

export interface Workspace {
  team: { id: string; domain: string };
  /** The Enterprise Grid org the workspace belongs to; null for a standalone workspace. */
  enterprise: { id: string; name: string } | null;
  appId: string;
  /** The (deprecated) verification token Slack still sends. */
  verificationToken: string;
}

/** Text as a person typed it, as Slack sends it to the app. */
export function escapeTyped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack's trigger ids: `<digits>.<digits>.<hex>`. */
export function triggerId(nowMs: number): string {
  return `${Math.floor(nowMs)}.${Math.floor(nowMs / 1000)}.${randomUUID().replace(/-/g, '')}`;
}

export interface SlashCommandInput {
  command: string;
  text: string;
  user: string;
  channel: string;
  responseUrl: string;
  nowMs: number;
}

export function slashCommandBody(ws: Workspace, c: SlashCommandInput): string {
  const fields: Record<string, string> = {
    token: ws.verificationToken,
    team_id: ws.team.id,
    team_domain: ws.team.domain,
    ...(ws.enterprise ? { enterprise_id: ws.enterprise.id, enterprise_name: ws.enterprise.name } : {}),
    channel_id: c.channel,
    channel_name: c.channel.toLowerCase(),
    user_id: c.user,
    user_name: c.user.toLowerCase(),
    command: c.command,
    text: escapeTyped(c.text),
    api_app_id: ws.appId,
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: triggerId(c.nowMs),
  };
  return new URLSearchParams(fields).toString();
}

export function sslCheckBody(ws: Workspace): string {
  return new URLSearchParams({ ssl_check: '1', token: ws.verificationToken }).toString();
}

export interface ButtonPress {
  message: StoredMessage;
  button: FoundButton;
  user: string;
  responseUrl: string;
  nowMs: number;
}

export function blockActionsBody(ws: Workspace, p: ButtonPress): string {
  const { message, button, user } = p;
  const ephemeral = !!message.ephemeral_to;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: ws.team.id },
    api_app_id: ws.appId,
    token: ws.verificationToken,
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: ephemeral,
    },
    trigger_id: triggerId(p.nowMs),
    team: ws.team,
    enterprise: ws.enterprise,
    is_enterprise_install: false,
    channel: { id: message.channel, name: message.channel.toLowerCase() },
    ...(ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            user: message.user,
            ts: message.ts,
            text: message.text,
            blocks: message.blocks,
            ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
          },
        }),
    state: { values: {} },
    response_url: p.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: button.block_id,
        text: { type: 'plain_text', text: button.text },
        ...(button.value !== undefined ? { value: button.value } : {}),
        ...(button.style !== undefined ? { style: button.style } : {}),
        action_ts: (p.nowMs / 1000).toFixed(6),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
