/**
 * The bot's message shapes. Every mrkdwn field takes `Mrkdwn` (built with `mrkdwn`, so escaped) and
 * every plain_text field is cut to Slack's limit, so a view cannot send unescaped text or an
 * oversized field by accident.
 */
import type { types } from '@slack/bolt';
import { cut, SLACK_LIMITS } from './limits';
import type { Mrkdwn } from './mrkdwn';

export type Block = types.KnownBlock;

/** A message body as Slack takes it in an ack, a response_url post or chat.postMessage. */
export interface Reply {
  response_type: 'ephemeral' | 'in_channel';
  /** Fallback (notifications, screen readers): mrkdwn, escaped like the blocks. */
  text: string;
  blocks: Block[];
}

/** A message for chat.postMessage / chat.update. */
export interface Message {
  text: string;
  blocks: Block[];
}

export function section(text: Mrkdwn): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text.text, SLACK_LIMITS.sectionText) } };
}

export function context(text: Mrkdwn): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: cut(text.text, SLACK_LIMITS.sectionText) }] };
}

export function header(plain: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: cut(plain, SLACK_LIMITS.headerText) } };
}

/** The fallback text of a message: mrkdwn too, and within the message limit. */
function fallback(text: Mrkdwn): string {
  return cut(text.text, SLACK_LIMITS.messageText);
}

export function message(text: Mrkdwn, blocks: Block[]): Message {
  return { text: fallback(text), blocks };
}

export function ephemeral(text: Mrkdwn, blocks: Block[]): Reply {
  return { response_type: 'ephemeral', text: fallback(text), blocks };
}

export function inChannel(text: Mrkdwn, blocks: Block[]): Reply {
  return { response_type: 'in_channel', text: fallback(text), blocks };
}
