/**
 * Slack's Block Kit limits the bot's messages stay within, and the helpers that keep them there
 * at any number of environments. Slack refuses a message over any of them (`invalid_blocks`).
 * Sources: https://docs.slack.dev/reference/block-kit/blocks (50 blocks per message; section
 * text 3,000, fields 10 × 2,000; header 150; context 10 elements; actions 25 elements),
 * https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
 * (title 100, text 300, confirm/deny 30),
 * https://docs.slack.dev/reference/block-kit/block-elements/button-element (text 75),
 * https://docs.slack.dev/reference/methods/chat.postMessage (`text` 40,000).
 */
import { Mrkdwn, mrkdwn } from './mrkdwn';

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  messageText: 40_000,
} as const;

/** Cuts plain text to `max` characters, ending with `…` when cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Lines packed into as few texts as fit one section each (3,000 characters), in order. A single
 * line longer than a section is cut (it would never fit). Lines are joined with newlines.
 */
export function packLines(lines: readonly Mrkdwn[], max: number = SLACK_LIMITS.sectionText): Mrkdwn[] {
  const packs: Mrkdwn[] = [];
  let current: Mrkdwn | undefined;
  for (const line of lines) {
    const fitted = line.text.length > max ? cutMrkdwn(line, max) : line;
    if (current && current.text.length + 1 + fitted.text.length <= max) {
      current = mrkdwn`${current}\n${fitted}`;
    } else {
      if (current) packs.push(current);
      current = fitted;
    }
  }
  if (current) packs.push(current);
  return packs;
}

/** Cuts mrkdwn without splitting an entity (`&amp;`) or leaving a mention or code span open. */
function cutMrkdwn(line: Mrkdwn, max: number): Mrkdwn {
  let end = max - 1;
  const text = line.text;
  const amp = text.lastIndexOf('&', end);
  if (amp >= 0 && amp > end - 5 && text.indexOf(';', amp) >= end) end = amp;
  const open = text.lastIndexOf('<', end);
  if (open >= 0 && text.indexOf('>', open) >= end) end = open;
  let head = text.slice(0, end);
  if ((head.match(/`/g) ?? []).length % 2 === 1) head = head.slice(0, head.lastIndexOf('`'));
  return mrkdwn`${Mrkdwn.trusted(head)}…`;
}
