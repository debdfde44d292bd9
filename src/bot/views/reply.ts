import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;

/** A message body as Slack takes it in an ack, a response_url post or chat.postMessage. */
export interface Reply {
  response_type: 'ephemeral' | 'in_channel';
  /** Plain-text fallback (notifications, screen readers). */
  text: string;
  blocks: Block[];
}

export function section(markdown: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: markdown } };
}

export function context(markdown: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: markdown }] };
}

export function header(plain: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: plain } };
}

export function ephemeral(text: string, blocks: Block[]): Reply {
  return { response_type: 'ephemeral', text, blocks };
}
