/**
 * Judges a message body bound for a channel (./message-check.ts), adds what needs the stand-in's
 * memory — a block_id another message (or an earlier iteration of this one) already used — and
 * records every refusal and warning in the violation log. Slack's words on block_id reuse:
 * "block_id should be unique for each message and each iteration of a message. If a message is
 * updated, use a new block_id." (https://api.slack.com/reference/block-kit/blocks#section)
 */
import { checkMessage, authorBlockIds, type MessageInput, type MessageWarning } from './message-check';
import type { MessageFlag, MessageLog } from './messages';
import { fillSlackIds } from './slack-ids';
import { excerptOf, type ViolationLog } from './violations';

/** Where a body is going: the method that carries it and the message it concerns. */
export interface Destination {
  method: string;
  channel: string;
  /** Set when the body replaces an existing message. */
  ts?: string;
}

export type Judged =
  | {
      ok: true;
      text: string;
      /** With Slack's ids filled in; undefined when the request had no `blocks`. */
      blocks: unknown[] | undefined;
      authorBlockIds: string[];
      flags: MessageFlag[];
      /** Records the warnings, naming the message they ended up on. */
      commit(ts: string): void;
    }
  | { ok: false; error: string; answer: Record<string, unknown>; flags: MessageFlag[] };

export class MessageJudge {
  constructor(
    private readonly log: MessageLog,
    private readonly violations: ViolationLog,
  ) {}

  judge(input: MessageInput, to: Destination): Judged {
    const verdict = checkMessage(input);
    const excerpt = excerptOf(typeof input.text === 'string' ? input.text : '');
    const base = { method: to.method, channel: to.channel, ts: to.ts, excerpt };
    if (!verdict.ok) {
      const problems = verdict.problems.length
        ? verdict.problems
        : [{ pointer: undefined, message: undefined }];
      const flags: MessageFlag[] = problems.map((p) => ({
        level: 'refused',
        error: verdict.error,
        path: p.pointer,
        detail: p.message,
      }));
      for (const f of flags)
        this.violations.record({ ...base, level: 'refused', error: f.error, path: f.path, detail: f.detail });
      this.recordWarnings(verdict.warnings, base);
      return { ok: false, error: verdict.error, answer: verdict.answer, flags };
    }
    const ids = verdict.blocks ? authorBlockIds(verdict.blocks) : [];
    const warnings = [...verdict.warnings, ...this.reusedBlockIds(ids, to)];
    return {
      commit: (ts) => this.recordWarnings(warnings, { ...base, ts }),
      ok: true,
      text: verdict.text,
      blocks: verdict.blocks ? fillSlackIds(verdict.blocks) : undefined,
      authorBlockIds: ids.map((i) => i.blockId),
      flags: warnings.map((w) => ({ level: 'warning', error: w.error, path: w.pointer, detail: w.detail })),
    };
  }

  private recordWarnings(
    warnings: readonly MessageWarning[],
    base: Omit<Destination, 'method'> & { method: string; excerpt: string },
  ) {
    for (const w of warnings) {
      this.violations.record({
        ...base,
        level: 'warning',
        error: w.error,
        path: w.pointer,
        detail: w.detail,
      });
    }
  }

  /** Author-set block_ids already used by a stored message (any channel, any earlier iteration). */
  private reusedBlockIds(ids: { blockId: string; pointer: string }[], to: Destination): MessageWarning[] {
    if (ids.length === 0) return [];
    const owners = new Map<string, string>();
    for (const channel of this.log.channelIds()) {
      for (const m of this.log.list(channel)) {
        for (const id of m.authorBlockIds) if (!owners.has(id)) owners.set(id, `${m.channel}/${m.ts}`);
      }
    }
    return ids.flatMap(({ blockId, pointer }) => {
      const owner = owners.get(blockId);
      if (owner === undefined) return [];
      const same = owner === `${to.channel}/${to.ts ?? ''}`;
      return [
        {
          error: 'reused_block_id' as const,
          pointer,
          detail: same
            ? `block_id ${JSON.stringify(blockId)} was already used by this message before the update`
            : `block_id ${JSON.stringify(blockId)} is already used by message ${owner}`,
        },
      ];
    });
  }
}
