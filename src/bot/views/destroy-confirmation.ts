/** The message `/site destroy` posts: what goes, how old it is, what it cost, and the buttons. */
import type { CostEstimate } from '../../cost/estimator';
import type { DestroyPlan } from '../../workflows/destroy/plan';
import { costText } from '../env-cost';
import { formatDuration } from '../format';
import { ACTION, actions } from './buttons';
import { context, section, type Block } from './reply';

export interface DestroyConfirmationInput {
  env: string;
  requestedBy: string;
  plan: DestroyPlan;
  ageMs: number;
  cost: CostEstimate | undefined;
  /** A create still holds the env: offer Cancel and destroy instead of Destroy. */
  createRunning: boolean;
}

export function renderDestroyConfirmation(input: DestroyConfirmationInput): {
  text: string;
  blocks: Block[];
} {
  const { env, plan } = input;
  const counts = Object.entries(plan.counts)
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
  const lines = [
    `:warning: <@${input.requestedBy}> asked to destroy *${env}*.`,
    `Will delete ${plan.total} recorded resource(s)${counts ? `: ${counts}` : ''}; anything else tagged for ${env} is found by tag and deleted too.`,
    `Age ${formatDuration(input.ageMs)} · ${costText(input.cost)}`,
  ];
  if (input.createRunning) lines.push(`A create of ${env} is still running: it must stop first.`);
  const dialog = {
    title: `Destroy ${env}?`,
    text: `Every resource of *${env}* will be deleted. This cannot be undone.`,
    confirm: 'Destroy',
    deny: 'Keep it',
  };
  const buttons = actions(`destroy:${env}`, [
    input.createRunning
      ? {
          actionId: ACTION.cancelAndDestroy,
          label: 'Cancel and destroy',
          value: env,
          style: 'danger',
          confirm: dialog,
        }
      : { actionId: ACTION.destroyConfirm, label: 'Destroy', value: env, style: 'danger', confirm: dialog },
    { actionId: ACTION.destroyCancel, label: 'Cancel', value: env },
  ]);
  return {
    text: `Destroy ${env}? ${plan.total} resources; ${costText(input.cost)}`,
    blocks: [section(lines.join('\n')), buttons, context('Only the owner or an admin can confirm.')],
  };
}
