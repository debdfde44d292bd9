/**
 * Judges a message body bound for a channel (./message-check.ts), adds what needs the stand-in's
 * memory — a block_id that a message already used, in any earlier iteration — and records every
 * refusal and warning in the violation log. Slack's words on block_id reuse: "block_id should be
 * unique for each message and each iteration of a message. If a message is updated, use a new
 * block_id." (https://api.slack.com/reference/block-kit/blocks#section). Slack accepts reuse, so
 * it is a warning; ids Slack filled in itself are not the author's and are not tracked.
 */
import { authorBlockIds, checkMessage, type MessageInput, type MessageWarning } from './message-check';
import type { MessageFlag } from './messages';
import { fillSlackIds } from './slack-ids';
import { excerptOf, type NewViolation, type ViolationLog } from './violations';

/** Where a body is going: the method that carries it and the message it concerns. */
export interface Destination {
  method: string;
  channel: string;
  /** Set when the body replaces an existing message. */
  ts?: string;
  /** Who alone sees it (an ephemeral): its refusal is theirs to see, not the channel's. */
  to?: string;
}

export type Judged =
  | {
      ok: true;
      text: string;
      /** With Slack's ids filled in; undefined when the request had no `blocks`. */
      blocks: unknown[] | undefined;
      flags: MessageFlag[];
      /** Records the warnings and the block_ids used, naming the message they ended up on. */
      commit(ts: string): void;
    }
  | { ok: false; error: string; answer: Record<string, unknown>; flags: MessageFlag[] };

type Where = Pick<NewViolation, 'method' | 'channel' | 'ts' | 'excerpt' | 'to'>;

export class MessageJudge {
  /** Every block_id an author has set, and the message (`channel/ts`) that first used it. */
  private readonly usedBlockIds = new Map<string, string>();

  constructor(private readonly violations: ViolationLog) {}

  judge(input: MessageInput, to: Destination): Judged {
    const verdict = checkMessage(input);
    const where: Where = {
      method: to.method,
      channel: to.channel,
      ts: to.ts,
      excerpt: excerptOf(typeof input.text === 'string' ? input.text : ''),
      ...(to.to !== undefined ? { to: to.to } : {}),
    };
    if (!verdict.ok) {
      const problems = verdict.problems.length ? verdict.problems : [undefined];
      const flags: MessageFlag[] = problems.map((p) => ({
        level: 'refused',
        error: verdict.error,
        path: p?.pointer,
        detail: p?.message,
      }));
      for (const f of flags) this.violations.record({ ...where, ...f });
      this.recordWarnings(verdict.warnings, where);
      return { ok: false, error: verdict.error, answer: verdict.answer, flags };
    }
    const ids = verdict.blocks ? authorBlockIds(verdict.blocks) : [];
    const warnings = [...verdict.warnings, ...this.reusedBlockIds(ids, to)];
    return {
      ok: true,
      text: verdict.text,
      blocks: verdict.blocks ? fillSlackIds(verdict.blocks) : undefined,
      flags: warnings.map((w) => ({ level: 'warning', error: w.error, path: w.pointer, detail: w.detail })),
      commit: (ts) => {
        this.recordWarnings(warnings, { ...where, ts });
        for (const { blockId } of ids) {
          if (!this.usedBlockIds.has(blockId)) this.usedBlockIds.set(blockId, `${to.channel}/${ts}`);
        }
      },
    };
  }

  private recordWarnings(warnings: readonly MessageWarning[], where: Where): void {
    for (const w of warnings) {
      this.violations.record({
        ...where,
        level: 'warning',
        error: w.error,
        path: w.pointer,
        detail: w.detail,
      });
    }
  }

  private reusedBlockIds(ids: { blockId: string; pointer: string }[], to: Destination): MessageWarning[] {
    return ids.flatMap(({ blockId, pointer }) => {
      const owner = this.usedBlockIds.get(blockId);
      if (owner === undefined) return [];
      const detail =
        owner === `${to.channel}/${to.ts ?? ''}`
          ? `block_id ${JSON.stringify(blockId)} was already used by an earlier iteration of this message`
          : `block_id ${JSON.stringify(blockId)} was already used by message ${owner}`;
      return [{ error: 'reused_block_id' as const, pointer, detail }];
    });
  }
}
