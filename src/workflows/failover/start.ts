/**
 * What the bot and the CLI call to start a drill: checks the env record (exists, not
 * destroyed, ready, fully built; a DB drill on a single-AZ DB only with `force`), asks the
 * caller's authorization predicate, then starts the run under the env lock.
 *
 * Authorization (owner or admin) is the bot's rule (src/bot/authorization.ts); pass it as
 * `isAllowed` so the CLI and the bot refuse alike. Without it, everyone is allowed.
 */
import { say, type Said, type Saying } from '../../i18n/said';
import { voiceParams, type RunVoice } from '../../i18n/voice';
import type { Environment, Run, RunNotify, StateStore } from '../../state/types';
import type { RunStarter, StartRunInput } from '../engine/service';
import { checkEnvRecord, type RefusalReason } from './preconditions';
import { phasesOf, type DrillTarget } from './report';

export interface StartFailoverInput {
  env: string;
  requestedBy: string;
  channel: string;
  /** Default `all`: web, then db. */
  target?: DrillTarget;
  /** Reboot a single-AZ DB anyway (an outage, not a failover). */
  force?: boolean;
  notify?: RunNotify;
  /** Shows the run once it is certain to start (see StartRunInput.announce). */
  announce?: StartRunInput['announce'];
  /** The starter's language and `--explain`. */
  voice?: RunVoice;
  /** Owner/admin check; called with the env record and `requestedBy`. */
  isAllowed?(env: Environment, userId: string): boolean | Promise<boolean>;
}

export type StartFailoverResult =
  | { ok: true; run: Run; message: Said }
  /** `not-shown`: the caller's `announce` could not show the drill, so it did not start. */
  | { ok: false; reason: RefusalReason | 'unavailable' | 'not-shown'; message: Saying };

export async function startFailover(
  service: RunStarter,
  store: Pick<StateStore, 'environments'>,
  input: StartFailoverInput,
): Promise<StartFailoverResult> {
  const target = input.target ?? 'all';
  const force = input.force === true;
  const env = await store.environments.get(input.env);
  const checked = checkEnvRecord(input.env, env, target, force);
  if (!checked.ok) return checked;
  if (env && input.isAllowed && !(await input.isAllowed(env, input.requestedBy))) {
    return {
      ok: false,
      reason: 'not-allowed',
      message: say('work.drillNotAllowed', { env: input.env }),
    };
  }
  const started = await service.startRun({
    kind: 'failover',
    env: input.env,
    requestedBy: input.requestedBy,
    channel: input.channel,
    params: { target, force, ...voiceParams(input.voice) },
    ...(input.notify ? { notify: input.notify } : {}),
    ...(input.announce ? { announce: input.announce } : {}),
  });
  if (!started.ok) {
    return {
      ok: false,
      reason: started.reason === 'locked' || started.reason === 'not-shown' ? started.reason : 'unavailable',
      message: started.message,
    };
  }
  return {
    ok: true,
    run: started.run,
    message: say('work.drillStarted', {
      env: input.env,
      phases: phasesOf(target),
      url: checked.subjects.siteUrl,
    }),
  };
}
