/**
 * The one shape of every sleep and wake step: read what AWS says, send the stop or start to
 * whatever is in a state it applies to (recording when, before sending), wait while anything
 * is on its way, finish once all is in the target state — or fail after the step's deadline.
 * A repeated call (a poll, a resumed run, a second sleep) sends only what is still needed.
 *
 * Recorded outputs: `sentAt` (when the first stop/start was sent; unset when nothing needed
 * it), and when done `reachedAt` (when all was seen in the target state) and `already`.
 */
import { errorCode } from '../../aws/errors';
import { say } from '../../i18n/said';
import type { StepResult } from '../engine/types';
import { gone, num, waitOrGiveUp, type Ctx } from './kit';

export interface Transition {
  /** What the ids are, for notes: "web server", "DB instance". */
  what: string;
  /** The state the step drives them to: `stopped`, `running`, `available`. */
  target: string;
  /** States the call applies to; anything else but the target is waited out. */
  from: readonly string[];
  /** States nothing comes back from. */
  gone: ReadonlySet<string>;
  /** Sends the stop or start for these ids. */
  send(ids: string[]): Promise<void>;
  /** "stopping", "starting". */
  doing: 'stopping' | 'starting';
  pollMs: number;
  timeoutMs: number;
}

/** RDS refused because the state moved on under us: read it again at the next poll. */
export function isStateRace(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'InvalidDBInstanceState' || code === 'InvalidDBInstanceStateFault';
}

/** One pass toward `t.target`, given the current state of each id. */
export async function toward(
  ctx: Ctx,
  states: ReadonlyMap<string, string>,
  t: Transition,
): Promise<StepResult> {
  const ids = [...states.keys()];
  const lost = ids.find((id) => t.gone.has(states.get(id) ?? 'missing'));
  if (lost) return gone(t.what, lost, states.get(lost) ?? 'missing');
  const seen = ids.map((id) => say('work.powerState', { id, state: states.get(id) ?? 'missing' }));
  if (ids.every((id) => states.get(id) === t.target)) {
    const already = num(ctx.own.sentAt) === undefined;
    return {
      status: 'done',
      note: say('work.powerReached', { already, target: t.target, seen }),
      outputs: { reachedAt: num(ctx.own.reachedAt) ?? ctx.now(), already },
    };
  }
  const due = ids.filter((id) => t.from.includes(states.get(id) ?? ''));
  if (due.length > 0) {
    if (num(ctx.own.sentAt) === undefined) await ctx.record({ sentAt: ctx.now() });
    try {
      await t.send(due);
    } catch (err) {
      if (!isStateRace(err)) throw err;
    }
    return waitOrGiveUp(ctx, t.pollMs, say('work.powerSending', { doing: t.doing, ids: due }), t.timeoutMs);
  }
  return waitOrGiveUp(ctx, t.pollMs, say('work.powerSeen', { seen }), t.timeoutMs);
}
