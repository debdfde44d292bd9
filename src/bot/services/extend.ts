/**
 * Moving an environment's expiry: `/site extend <env> <dur>` and the reminder's Extend 24 h /
 * Snooze 1 h buttons. The caller has checked owner/admin; the maximum TTL and the cost cap
 * (SITEBOT_EXTEND_COST_CAP_USD, against the env's current cost per hour) are checked here.
 */
import { formatUsd } from '../../cost/format';
import type { Environment } from '../../state/types';
import { extendEnvironment } from '../../workflows/remind/extend';
import { environmentCost } from '../env-cost';
import { formatDuration } from '../format';
import type { ExtendCommand } from '../grammar';
import type { EnvCommandContext } from '../services';
import { renderRefusal } from '../views/error';
import { section, type Reply } from '../views/reply';
import type { BotServiceDeps } from './deps';

export type ExtendResult = { ok: true; text: string } | { ok: false; text: string };

/** `input.env` is the record the caller loaded and checked (it exists, the user may extend it). */
export async function extendBy(
  deps: BotServiceDeps,
  input: { env: Environment; byMs: number; userId: string; now: number },
): Promise<ExtendResult> {
  const { store, config } = deps;
  const name = input.env.name;
  const cost = await environmentCost(store, input.env, input.now);
  const outcome = await extendEnvironment(store.environments, {
    name,
    durationMs: input.byMs,
    by: input.userId,
    now: input.now,
    maxTtlMs: config.ttl.maxMs,
    ...(config.extendCostCapUsd !== undefined ? { costCapUsd: config.extendCostCapUsd } : {}),
    ...(cost ? { costPerHourUsd: cost.perHour } : {}),
  });
  if (!outcome.ok) return { ok: false, text: `Not extended: ${outcome.reason}.` };
  await store.audit.record({
    env: name,
    at: input.now,
    actor: input.userId,
    action: 'env.extended',
    detail: { byMs: input.byMs, from: outcome.previousExpiresAt, to: outcome.env.expiresAt },
  });
  const until = new Date(outcome.env.expiresAt).toISOString().replace(/\.\d+Z$/, 'Z');
  const spend = cost
    ? ` (about ${formatUsd((cost.perHour * (outcome.env.expiresAt - input.now)) / 3_600_000)} more at today's rate)`
    : '';
  return {
    ok: true,
    text: `<@${input.userId}> extended *${name}* by ${formatDuration(input.byMs)}: it now expires at ${until}, in ${formatDuration(outcome.env.expiresAt - input.now)}${spend}.`,
  };
}

export async function extendService(
  deps: BotServiceDeps,
  cmd: ExtendCommand,
  ctx: EnvCommandContext,
): Promise<Reply> {
  const result = await extendBy(deps, { env: ctx.env, byMs: cmd.byMs, userId: ctx.userId, now: ctx.now() });
  if (!result.ok) return renderRefusal(`:no_entry: ${result.text}`);
  return { response_type: 'in_channel', text: result.text, blocks: [section(`:calendar: ${result.text}`)] };
}
