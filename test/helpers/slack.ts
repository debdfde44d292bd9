/** Talking to the bot as Slack would (or as a forger would), and waiting on the stand-in. */
import { slackSignature } from '../../src/sandbox/slack/signing';

export interface SlashCommandFields {
  text: string;
  user?: string;
  channel?: string;
  responseUrl?: string;
}

export function slashCommandBody(f: SlashCommandFields): string {
  return new URLSearchParams({
    team_id: 'T0SANDBOX',
    channel_id: f.channel ?? 'C1',
    user_id: f.user ?? 'U1',
    user_name: (f.user ?? 'U1').toLowerCase(),
    command: '/site',
    text: f.text,
    api_app_id: 'A0SITEBOT',
    response_url: f.responseUrl ?? 'http://127.0.0.1:9/unused',
    trigger_id: '1.2.3',
  }).toString();
}

export interface SignedPostOptions {
  secret: string;
  /** Seconds since the epoch the request claims; defaults to now. */
  timestampSec?: number;
  /** Replace the computed signature (forgeries). */
  signature?: string;
}

/** POSTs a form body to the bot with Slack's v0 signature headers. */
export async function postSigned(
  url: string,
  body: string,
  o: SignedPostOptions,
): Promise<{ status: number; body: string }> {
  const ts = o.timestampSec ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': o.signature ?? slackSignature(o.secret, ts, body),
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface ButtonPressFields {
  user: string;
  channel: string;
  /** The message the button claims to be on. */
  ts: string;
  actionId: string;
  value: string;
}

/** A block_actions payload as Slack would send it — or as a forger with a valid signature would. */
export function blockActionsBody(f: ButtonPressFields): string {
  const payload = {
    type: 'block_actions',
    user: { id: f.user, username: f.user.toLowerCase(), team_id: 'T0SANDBOX' },
    api_app_id: 'A0SITEBOT',
    team: { id: 'T0SANDBOX', domain: 'sitebot-sandbox' },
    container: { type: 'message', message_ts: f.ts, channel_id: f.channel, is_ephemeral: false },
    channel: { id: f.channel, name: f.channel.toLowerCase() },
    message: { type: 'message', ts: f.ts, text: '' },
    trigger_id: '1.2.3',
    response_url: 'http://127.0.0.1:9/unused',
    actions: [
      {
        type: 'button',
        action_id: f.actionId,
        block_id: 'forged',
        text: { type: 'plain_text', text: f.actionId },
        value: f.value,
        action_ts: '1.2',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
