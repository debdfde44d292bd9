/** Why an environment cannot be used right now, with whoever holds it named as Slack shows people. */
import type { Texts } from '../../i18n/texts';
import type { EnvLock, Environment, Run } from '../../state/types';
import { mrkdwn, type Mrkdwn } from './mrkdwn';
import { renderRefusalMd } from './error';
import type { Reply } from './reply';
import type { StepTitle } from './run-progress';

/** `Create MySQL database (DB: creating)`: the steps the holding run is working on. */
function currentWork(t: Texts, run: Run | undefined, steps: readonly StepTitle[]): string[] {
  if (!run) return [];
  return Object.entries(run.steps)
    .filter(([, s]) => s.status === 'running' || s.status === 'waiting')
    .map(([id, s]) => {
      const title = steps.find((st) => st.id === id)?.title ?? id;
      return s.note ? `${title} (${t.said(s.note)})` : title;
    });
}

/** `demo is busy: a create started by @U1 5m ago is still running; now at: …` */
export function busyText(
  t: Texts,
  holder: { lock: EnvLock; run?: Run },
  now: number,
  steps: readonly StepTitle[],
): Mrkdwn {
  const { lock, run } = holder;
  return t.refusals.busy({
    env: lock.env,
    kind: lock.kind,
    holder: lock.holder,
    agoMs: now - lock.acquiredAt,
    work: currentWork(t, run, steps),
  });
}

export function renderBusy(
  t: Texts,
  holder: { lock: EnvLock; run?: Run },
  now: number,
  steps: readonly StepTitle[],
): Reply {
  return renderRefusalMd(mrkdwn`:no_entry: ${busyText(t, holder, now, steps)}`);
}

/** A create of a name that is taken. */
export function renderInUse(t: Texts, env: Environment): Reply {
  return renderRefusalMd(
    mrkdwn`:no_entry: ${t.refusals.inUse({
      env: env.name,
      status: t.common.envStatus(env.status),
      owner: env.owner,
      createdAt: env.createdAt,
    })}`,
  );
}

/** Only the owner or an admin may do that. */
export function notOwnerText(t: Texts, env: Pick<Environment, 'name' | 'owner'>): Mrkdwn {
  return t.refusals.notOwner({ env: env.name, owner: env.owner });
}
