/**
 * What `/site destroy` posts and answers: what goes (what exists now, counted like status), how
 * old it is, what it cost, and the buttons. The button's words are the ones every text uses.
 */
import type { CostEstimate } from '../../cost/estimator';
import type { Texts } from '../../i18n/texts';
import type { Environment } from '../../state/types';
import type { ResourceRef } from '../../workflows/destroy/resources';
import { inventoryOf } from '../../workflows/inventory';
import { ACTION, actions } from './buttons';
import { costText } from './environments';
import { joinMd, type Mrkdwn } from './mrkdwn';
import { context, ephemeral, message, section, type Message, type Reply } from './reply';

export interface DestroyConfirmationInput {
  env: Environment;
  requestedBy: string;
  /** Everything the env has now: recorded, from a running create, and found by tag. */
  resources: readonly ResourceRef[];
  /** Whether `resources` includes what AWS holds by tag (else: recorded ids only). */
  searchedByTag: boolean;
  ageMs: number;
  cost: CostEstimate | undefined;
  /** A create still holds the env: offer Cancel and destroy instead of Destroy. */
  createRunning: boolean;
}

/** The confirming button's words: the same in the button, the dialog and every text about it. */
export function destroyButtonLabel(t: Texts, createRunning: boolean): string {
  return t.destroy.button({ cancelCreate: createRunning });
}

export function renderDestroyConfirmation(t: Texts, input: DestroyConfirmationInput): Message {
  const name = input.env.name;
  const cancelCreate = input.createRunning;
  const label = destroyButtonLabel(t, cancelCreate);
  const inventory = inventoryOf(input.resources);
  const total = t.inventory.total({ n: inventory.total });
  const cost = costText(t, input.env, input.cost);
  const has =
    inventory.total > 0
      ? t.destroy.has({ total, what: t.inventory.describe(inventory.counts) })
      : t.destroy.hasNothing();
  const lines: Mrkdwn[] = [
    t.destroy.asked({ by: input.requestedBy, env: name }),
    t.common.sentences([has, t.destroy.byTagToo({ env: name, searched: input.searchedByTag })]),
    t.destroy.ageAndCost({ ageMs: input.ageMs, cost }),
  ];
  if (cancelCreate) lines.push(t.destroy.createStillRunning({ env: name, button: label }));
  const dialog = {
    title: t.destroy.dialogTitle({ env: name, cancelCreate }),
    text: t.destroy.dialogText({ env: name, cancelCreate }),
    confirm: label,
    deny: t.destroy.keep(),
  };
  const buttons = actions([
    {
      actionId: cancelCreate ? ACTION.cancelAndDestroy : ACTION.destroyConfirm,
      label,
      value: name,
      style: 'danger',
      confirm: dialog,
    },
    { actionId: ACTION.destroyCancel, label: t.destroy.cancel(), value: name },
  ]);
  return message(t.destroy.fallback({ env: name, total, cost }), [
    section(joinMd(lines, '\n')),
    buttons,
    context(t.destroy.whoMayPress({ button: label })),
  ]);
}

/** The private answer to `/site destroy`: where the confirmation is, and which button to press. */
export function renderDestroyAsked(t: Texts, env: string, createRunning: boolean): Reply {
  const text = t.destroy.confirmThere({ env, button: destroyButtonLabel(t, createRunning) });
  return ephemeral(text, [section(text)]);
}

/** `/site destroy` from another channel than the env's. */
export function renderDestroyElsewhere(t: Texts, env: string, channel: string): Reply {
  const text = t.refusals.destroyElsewhere({ env, channel });
  return ephemeral(text, [section(text)]);
}

/** Cancel and destroy pressed: the create stops, then the teardown shows its progress here. */
export function renderCancelAndDestroyPressed(t: Texts, env: string, by: string): Message {
  const text = t.destroy.cancelAndDestroyPressed({ by, env, button: destroyButtonLabel(t, true) });
  return message(text, [section(text)]);
}

/** Cancel pressed: the message says so and nothing else changes. */
export function renderDestroyCancelled(t: Texts, env: string, by: string): Message {
  const text = t.destroy.cancelled({ by, env });
  return message(text, [section(text)]);
}

/** Someone already pressed Cancel and destroy; the teardown follows the create's stop. */
export function alreadyConfirmedText(t: Texts, by: string): Mrkdwn {
  return t.destroy.alreadyConfirmed({ by, button: destroyButtonLabel(t, true) });
}
