/**
 * Moving an environment's expiry (`/site extend`, the Extend and Snooze buttons). The new
 * expiry is the later of now and the current expiry, plus the duration; it must stay within
 * the maximum TTL from now and, when a cost cap is set, within the money that cap allows.
 */
import { formatDuration, formatUsd } from '../../domain/format';
import { ConflictError, type Environment, type EnvironmentsRepository } from '../../state/types';

export interface ExtendRequest {
  name: string;
  durationMs: number;
  /** Who asked; must be the owner or an admin (checked by the caller's authorization). */
  by: string;
  now: number;
  maxTtlMs: number;
  /** Largest spend allowed from now until the new expiry, in USD; undefined = no cap. */
  costCapUsd?: number;
  /** What keeping the env from now until `expiresAt` costs, in USD (the estimator's figure). */
  spendUntil?(expiresAt: number): Promise<number | undefined>;
}

export type ExtendOutcome =
  { ok: true; env: Environment; previousExpiresAt: number } | { ok: false; reason: string };

const MAX_CONFLICT_RETRIES = 3;

export async function extendEnvironment(
  environments: EnvironmentsRepository,
  req: ExtendRequest,
): Promise<ExtendOutcome> {
  for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
    const env = await environments.get(req.name);
    if (!env || env.status === 'destroyed')
      return { ok: false, reason: `there is no environment named ${req.name}` };
    if (env.status === 'destroying') return { ok: false, reason: `${req.name} is being destroyed` };

    const expiresAt = Math.max(req.now, env.expiresAt) + req.durationMs;
    if (expiresAt - req.now > req.maxTtlMs) {
      return {
        ok: false,
        reason: `that would keep ${req.name} for ${formatDuration(expiresAt - req.now)} from now; an environment may be kept at most ${formatDuration(req.maxTtlMs)} ahead`,
      };
    }
    const spend = req.costCapUsd === undefined ? undefined : await req.spendUntil?.(expiresAt);
    if (req.costCapUsd !== undefined && spend !== undefined && spend > req.costCapUsd) {
      return {
        ok: false,
        reason: `keeping ${req.name} until then would cost about ${formatUsd(spend)}, over the ${formatUsd(req.costCapUsd)} cap for an extension`,
      };
    }
    try {
      // When the expiry was chosen: warnings already due by then are not sent (see policy.ts).
      const meta = { ...env.meta, expirySetAt: req.now };
      const updated = await environments.update(env.name, env.version, {
        expiresAt,
        updatedAt: req.now,
        meta,
      });
      return { ok: true, env: updated, previousExpiresAt: env.expiresAt };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Someone else changed the env (a reminder claim, a status change): read again and retry.
    }
  }
  return { ok: false, reason: `${req.name} is changing right now; try again` };
}
