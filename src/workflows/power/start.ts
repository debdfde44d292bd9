/**
 * What the bot, the CLI and the reminder pass call to put an environment to sleep or wake it:
 * checks the record, asks the caller's authorization predicate (owner or admin, the bot's
 * rule), then starts the run under the env lock. Without `isAllowed` everyone is allowed.
 */
import { say, type Said, type Saying } from '../../i18n/said';
import { voiceParams, type RunVoice } from '../../i18n/voice';
import type { Environment, Run, RunNotify, StateStore } from '../../state/types';
import type { RunStarter } from '../engine/service';
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
  /** The starter's language (none for the reminder pass: the workspace's). */
  voice?: RunVoice;
  isAllowed?(env: Environment, userId: string): boolean | Promise<boolean>;
}

export type StartPowerResult =
  | { ok: true; run: Run; message: Said }
  | { ok: false; reason: PowerRefusalReason | 'not-allowed' | 'locked' | 'unavailable'; message: Saying };

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
      message: say('work.powerNotAllowed', { env: input.env, kind: input.kind }),
    };
  }
  const started = await service.startRun({
    kind: input.kind,
    env: input.env,
    requestedBy: input.requestedBy,
    channel: input.channel,
    params: { reason: input.reason ?? 'requested', ...voiceParams(input.voice) },
    ...(input.notify ? { notify: input.notify } : {}),
  });
  if (!started.ok) {
    return {
      ok: false,
      reason: started.reason === 'locked' ? 'locked' : 'unavailable',
      message: started.message,
    };
  }
  return {
    ok: true,
    run: started.run,
    message: say('work.powerStarted', { env: input.env, kind: input.kind }),
  };
}
