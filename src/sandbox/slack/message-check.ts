/**
 * One message body (chat.postMessage / chat.update / chat.postEphemeral arguments, a response_url
 * post or an ack) judged as Slack judges it: refused with Slack's error, or accepted with the
 * warnings the stand-in records for text Slack would take but show wrongly.
 *
 * - `no_text`, `msg_too_long` (text over 40,000 characters), `invalid_blocks_format` (blocks not
 *   an array), `invalid_blocks` (Block Kit rules, ./block-kit.ts):
 *   https://docs.slack.dev/reference/methods/chat.postMessage (errors; "truncating content")
 * - warnings: unescaped mrkdwn control characters (./mrkdwn.ts), and an action_id used in two
 *   blocks of one message (Slack asks for action_ids "unique among all other action_ids in the
 *   containing block", so it accepts this, but a press then cannot tell the two apart).
 */
import { checkBlocks, invalidBlocksAnswer, type BlockProblem } from './block-kit';
import { findUnescaped, mrkdwnStrings } from './mrkdwn';

export const MAX_MESSAGE_TEXT = 40_000;

export interface MessageInput {
  text?: unknown;
  blocks?: unknown;
  mrkdwn?: unknown;
}

/** Something Slack accepts but the stand-in flags, with where it is in the request. */
export interface MessageWarning {
  error: 'unescaped_mrkdwn' | 'duplicate_action_id' | 'reused_block_id';
  pointer: string;
  detail: string;
}

export type MessageVerdict =
  | { ok: true; text: string; blocks: unknown[] | undefined; warnings: MessageWarning[] }
  | {
      ok: false;
      error: 'no_text' | 'msg_too_long' | 'invalid_blocks' | 'invalid_blocks_format';
      /** The Web API's JSON answer. */
      answer: Record<string, unknown>;
      problems: BlockProblem[];
      warnings: MessageWarning[];
    };

/**
 * Judges a message body. `blocks` in the verdict is undefined when the request had none (so
 * chat.update can tell "keep" from "clear").
 */
export function checkMessage(input: MessageInput): MessageVerdict {
  const text = typeof input.text === 'string' ? input.text : '';
  const warnings = messageWarnings(input);
  const refuse = (
    error: 'no_text' | 'msg_too_long' | 'invalid_blocks' | 'invalid_blocks_format',
    problems: BlockProblem[] = [],
  ): MessageVerdict => ({
    ok: false,
    error,
    answer: error === 'invalid_blocks' ? { ...invalidBlocksAnswer(problems) } : { ok: false, error },
    problems,
    warnings,
  });
  if (input.blocks !== undefined && !Array.isArray(input.blocks)) return refuse('invalid_blocks_format');
  const blocks = input.blocks as unknown[] | undefined;
  if (text === '' && (blocks === undefined || blocks.length === 0)) return refuse('no_text');
  if (text.length > MAX_MESSAGE_TEXT) return refuse('msg_too_long');
  const problems = blocks ? checkBlocks(blocks) : [];
  if (problems.length > 0) return refuse('invalid_blocks', problems);
  return { ok: true, text, blocks, warnings };
}

function messageWarnings(input: MessageInput): MessageWarning[] {
  const warnings: MessageWarning[] = [];
  for (const s of mrkdwnStrings(input)) {
    for (const u of findUnescaped(s.text)) {
      warnings.push({
        error: 'unescaped_mrkdwn',
        pointer: s.pointer,
        detail: `unescaped ${JSON.stringify(u.char)} at ${u.index}: …${u.excerpt}…`,
      });
    }
  }
  if (Array.isArray(input.blocks)) warnings.push(...actionIdsAcrossBlocks(input.blocks));
  return warnings;
}

function actionIdsAcrossBlocks(blocks: readonly unknown[]): MessageWarning[] {
  const firstBlock = new Map<string, number>();
  const warnings: MessageWarning[] = [];
  blocks.forEach((block, b) => {
    for (const { actionId, pointer } of actionIdsOf(block, b)) {
      const first = firstBlock.get(actionId);
      if (first === undefined) firstBlock.set(actionId, b);
      else if (first !== b) {
        warnings.push({
          error: 'duplicate_action_id',
          pointer,
          detail: `action_id ${JSON.stringify(actionId)} is also used in /blocks/${first}`,
        });
      }
    }
  });
  return warnings;
}

function actionIdsOf(block: unknown, b: number): { actionId: string; pointer: string }[] {
  if (typeof block !== 'object' || block === null) return [];
  const o = block as Record<string, unknown>;
  const elements: [unknown, string][] = Array.isArray(o.elements)
    ? o.elements.map((e, i) => [e, `/blocks/${b}/elements/${i}`])
    : [[o.accessory, `/blocks/${b}/accessory`]];
  return elements.flatMap(([e, pointer]) => {
    const id = (e as Record<string, unknown> | undefined)?.action_id;
    return typeof id === 'string' ? [{ actionId: id, pointer: `${pointer}/action_id` }] : [];
  });
}

/** The block_ids a message's author set (not those Slack fills in), with their pointers. */
export function authorBlockIds(blocks: readonly unknown[]): { blockId: string; pointer: string }[] {
  return blocks.flatMap((block, i) => {
    const id = (block as Record<string, unknown> | null)?.block_id;
    return typeof id === 'string' ? [{ blockId: id, pointer: `/blocks/${i}/block_id` }] : [];
  });
}
