/** Why an environment cannot be used right now, with whoever holds it named as Slack shows people. */
import { formatDuration, formatInstant } from '../../domain/format';
import type { EnvLock, Environment, Run } from '../../state/types';
import { bold, mrkdwn, mention, plain, type Mrkdwn } from './mrkdwn';
import { renderRefusalMd } from './error';
import type { Reply } from './reply';
import type { StepTitle } from './run-progress';

/** `Create MySQL database (db: creating)`: the steps the holding run is working on. */
function currentWork(run: Run | undefined, steps: readonly StepTitle[]): string[] {
  if (!run) return [];
  return Object.entries(run.steps)
    .filter(([, s]) => s.status === 'running' || s.status === 'waiting')
    .map(([id, s]) => {
      const title = steps.find((t) => t.id === id)?.title ?? id;
      return s.note ? `${title} (${s.note})` : title;
    });
}

/** `demo is busy: a create started by @U1 5m ago is still running; now at: …` */
export function busyText(
  holder: { lock: EnvLock; run?: Run },
  now: number,
  steps: readonly StepTitle[],
): Mrkdwn {
  const { lock, run } = holder;
  const ago =
    now - lock.acquiredAt < 60_000
      ? 'less than a minute ago'
      : `${formatDuration(now - lock.acquiredAt)} ago`;
  const work = currentWork(run, steps);
  const doing = work.length > 0 ? mrkdwn`; now at: ${plain(work.join(', '))}` : mrkdwn``;
  return mrkdwn`${bold(lock.env)} is busy: a ${lock.kind} started by ${mention(lock.holder)} ${ago} is still running${doing}. Try again once it has finished.`;
}

export function renderBusy(
  holder: { lock: EnvLock; run?: Run },
  now: number,
  steps: readonly StepTitle[],
): Reply {
  return renderRefusalMd(mrkdwn`:no_entry: ${busyText(holder, now, steps)}`);
}

/** A create of a name that is taken. */
export function renderInUse(env: Environment): Reply {
  return renderRefusalMd(
    mrkdwn`:no_entry: ${bold(env.name)} already exists (${env.status}, owner ${mention(env.owner)}, created ${formatInstant(env.createdAt)}): pick another name, or destroy it first.`,
  );
}

/** Only the owner or an admin may do that. */
export function notOwnerText(env: Pick<Environment, 'name' | 'owner'>): Mrkdwn {
  return mrkdwn`only ${mention(env.owner)} (the owner of ${env.name}) or an admin can do that`;
}
