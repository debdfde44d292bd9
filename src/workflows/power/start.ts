/**
 * What the bot, the CLI and the reminder pass call to put an environment to sleep or wake it:
 * checks the record, asks the caller's authorization predicate (owner or admin, the bot's
 * rule), then starts the run under the env lock. Without `isAllowed` everyone is allowed.
 */
import type { Environment, Run, RunNotify, StateStore } from '../../state/types';
import type { StartRunInput, StartRunResult } from '../engine/service';
import { checkPowerRecord, type PowerRefusalReason } from './preconditions';

export type PowerKind = 'sleep' | 'wake';

/** Why a run was started, kept in its params: a person, office hours, or RDS's own start. */
export type PowerReason = 'requested' | 'office-hours' | 'keep-awake' | 'db-auto-start';

export interface StartPowerInput {
  kind: PowerKind;
  env: string;
  requestedBy: string;
  channel: string;
  reason?: PowerReason;
  notify?: RunNotify;
  isAllowed?(env: Environment, userId: string): boolean | Promise<boolean>;
}

export type StartPowerResult =
  | { ok: true; run: Run; message: string }
  | { ok: false; reason: PowerRefusalReason | 'not-allowed' | 'locked' | 'unavailable'; message: string };

export interface RunStarter {
  startRun(input: StartRunInput): Promise<StartRunResult>;
}

const WHAT: Record<PowerKind, string> = {
  sleep: 'stop both web servers and the DB instance',
  wake: 'start the DB instance and both web servers, then check the site answers',
};

export async function startPower(
  service: RunStarter,
  store: Pick<StateStore, 'environments'>,
  input: StartPowerInput,
): Promise<StartPowerResult> {
  const env = await store.environments.get(input.env);
  const checked = checkPowerRecord(input.env, env, input.kind);
  if (!checked.ok) return checked;
  if (env && input.isAllowed && !(await input.isAllowed(env, input.requestedBy))) {
    return {
      ok: false,
      reason: 'not-allowed',
      message: `Only ${input.env}'s owner or an admin can ${input.kind} it.`,
    };
  }
  const started = await service.startRun({
    kind: input.kind,
    env: input.env,
    requestedBy: input.requestedBy,
    channel: input.channel,
    params: { reason: input.reason ?? 'requested' },
    ...(input.notify ? { notify: input.notify } : {}),
  });
  if (!started.ok) {
    return {
      ok: false,
      reason: started.reason === 'locked' ? 'locked' : 'unavailable',
      message: started.message,
    };
  }
  const verb = input.kind === 'sleep' ? 'Putting' : 'Waking';
  const tail = input.kind === 'sleep' ? ' to sleep' : '';
  return { ok: true, run: started.run, message: `${verb} ${input.env}${tail}: I will ${WHAT[input.kind]}.` };
}
