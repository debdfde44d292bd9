/**
 * The reminder's Snooze button: no expiry warning for the env until the snooze ends. The expiry
 * and auto-destroy do not move (that is what Extend is for); the warning due when the snooze
 * ends comes again then, once.
 */
import { ConflictError, type Environment, type EnvironmentsRepository } from '../../state/types';
import { snoozedMarks } from './policy';

export type SnoozeOutcome = { ok: true; env: Environment; until: number } | { ok: false; reason: string };

const MAX_CONFLICT_RETRIES = 3;

export async function snoozeReminders(
  environments: EnvironmentsRepository,
  req: { name: string; now: number; durationMs: number },
): Promise<SnoozeOutcome> {
  for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
    const env = await environments.get(req.name);
    if (!env || env.status === 'destroyed')
      return { ok: false, reason: `there is no environment named ${req.name}` };
    if (env.status === 'destroying') return { ok: false, reason: `${req.name} is being destroyed` };
    const marks = snoozedMarks(env, req.now, req.durationMs);
    try {
      const updated = await environments.update(env.name, env.version, {
        meta: { ...env.meta, reminders: marks },
        updatedAt: req.now,
      });
      return { ok: true, env: updated, until: req.now + req.durationMs };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  return { ok: false, reason: `${req.name} is changing right now; try again` };
}
