/**
 * Moving an environment's expiry: `/site extend <env> <dur>` and the reminder's Extend button.
 * The caller has checked owner/admin; the maximum TTL and the cost cap
 * (SITEBOT_EXTEND_COST_CAP_USD, against what the estimator says keeping it until then costs) are
 * checked here. The answer says what the added time costs, from the same estimator and usage.
 */
import type { Environment } from '../../state/types';
import { environmentCostBetween } from '../../workflows/operations/env-cost';
import { extendEnvironment } from '../../workflows/remind/extend';
import type { ExtendCommand } from '../grammar';
import type { EnvCommandContext } from '../services';
import { renderRefusal } from '../views/error';
import { renderExtended } from '../views/reminders';
import type { Message, Reply } from '../views/reply';
import type { BotServiceDeps } from './deps';

export type ExtendResult = { ok: true; message: Message } | { ok: false; reason: string };

/** `input.env` is the record the caller loaded and checked (it exists, the user may extend it). */
export async function extendBy(
  deps: BotServiceDeps,
  input: { env: Environment; byMs: number; userId: string; now: number },
): Promise<ExtendResult> {
  const { store, config } = deps;
  const name = input.env.name;
  const outcome = await extendEnvironment(store.environments, {
    name,
    durationMs: input.byMs,
    by: input.userId,
    now: input.now,
    maxTtlMs: config.ttl.maxMs,
    ...(config.extendCostCapUsd !== undefined
      ? {
          costCapUsd: config.extendCostCapUsd,
          spendUntil: (expiresAt: number) => environmentCostBetween(store, input.env, input.now, expiresAt),
        }
      : {}),
  });
  if (!outcome.ok) return { ok: false, reason: `Not extended: ${outcome.reason}.` };
  await store.audit.record({
    env: name,
    at: input.now,
    actor: input.userId,
    action: 'env.extended',
    detail: { byMs: input.byMs, from: outcome.previousExpiresAt, to: outcome.env.expiresAt },
  });
  // The added time: from the old expiry (or now, if it had passed) to the new one.
  const addedFrom = Math.max(input.now, outcome.previousExpiresAt);
  const addedCost = await environmentCostBetween(store, outcome.env, addedFrom, outcome.env.expiresAt);
  return {
    ok: true,
    message: renderExtended({
      env: name,
      by: input.userId,
      byMs: input.byMs,
      expiresAt: outcome.env.expiresAt,
      now: input.now,
      addedCost,
    }),
  };
}

export async function extendService(
  deps: BotServiceDeps,
  cmd: ExtendCommand,
  ctx: EnvCommandContext,
): Promise<Reply> {
  const result = await extendBy(deps, { env: ctx.env, byMs: cmd.byMs, userId: ctx.userId, now: ctx.now() });
  if (!result.ok) return renderRefusal(result.reason);
  return { response_type: 'in_channel', ...result.message };
}
