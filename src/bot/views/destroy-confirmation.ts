/**
 * What `/site destroy` posts and answers: what goes (what exists now, counted like status), how
 * old it is, what it cost, and the buttons. The button's words are the ones every text uses.
 */
import type { CostEstimate } from '../../cost/estimator';
import type { Environment } from '../../state/types';
import type { ResourceRef } from '../../workflows/destroy/resources';
import { describeInventory, inventoryOf, totalText } from '../../workflows/inventory';
import { formatDuration } from '../../domain/format';
import { ACTION, actions } from './buttons';
import { costText } from './environments';
import { bold, channelLink, code, joinMd, mrkdwn, mention, type Mrkdwn } from './mrkdwn';
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
export function destroyButtonLabel(createRunning: boolean): string {
  return createRunning ? 'Cancel and destroy' : 'Destroy';
}

export function renderDestroyConfirmation(input: DestroyConfirmationInput): Message {
  const name = input.env.name;
  const label = destroyButtonLabel(input.createRunning);
  const inventory = inventoryOf(input.resources);
  const has =
    inventory.total > 0
      ? mrkdwn`It has ${totalText(inventory)} now: ${describeInventory(inventory)}.`
      : mrkdwn`No resources of it exist yet.`;
  const rest = input.searchedByTag
    ? mrkdwn`Anything else tagged for ${name} that appears meanwhile is found and deleted too.`
    : mrkdwn`Anything else tagged for ${name} is found by tag and deleted too.`;
  const lines: Mrkdwn[] = [
    mrkdwn`:warning: ${mention(input.requestedBy)} asked to destroy ${bold(name)}.`,
    mrkdwn`${has} ${rest}`,
    mrkdwn`Age ${formatDuration(input.ageMs)} · ${costText(input.env, input.cost)}`,
  ];
  if (input.createRunning)
    lines.push(
      mrkdwn`A create of ${name} is still running: ${bold(label)} stops it first, then tears down what it made.`,
    );
  const dialog = input.createRunning
    ? {
        title: `Cancel the create and destroy ${name}?`,
        text: `The create of ${name} stops, then every resource of ${name} is deleted. This cannot be undone.`,
        confirm: label,
        deny: 'Keep it',
      }
    : {
        title: `Destroy ${name}?`,
        text: `Every resource of ${name} will be deleted. This cannot be undone.`,
        confirm: label,
        deny: 'Keep it',
      };
  const buttons = actions([
    {
      actionId: input.createRunning ? ACTION.cancelAndDestroy : ACTION.destroyConfirm,
      label,
      value: name,
      style: 'danger',
      confirm: dialog,
    },
    { actionId: ACTION.destroyCancel, label: 'Cancel', value: name },
  ]);
  return message(mrkdwn`Destroy ${name}? ${totalText(inventory)}; ${costText(input.env, input.cost)}`, [
    section(joinMd(lines, '\n')),
    buttons,
    context(mrkdwn`Only the owner or an admin can press ${bold(label)}.`),
  ]);
}

/** The private answer to `/site destroy`: where the confirmation is, and which button to press. */
export function renderDestroyAsked(env: string, createRunning: boolean): Reply {
  const text = mrkdwn`Confirm the teardown of ${bold(env)} with the ${bold(destroyButtonLabel(createRunning))} button on the message in the channel.`;
  return ephemeral(text, [section(text)]);
}

/** `/site destroy` from another channel than the env's. */
export function renderDestroyElsewhere(env: string, channel: string): Reply {
  const text = mrkdwn`:no_entry: ${env} reports to ${channelLink(channel)}: run ${code(`/site destroy ${env}`)} there.`;
  return ephemeral(text, [section(text)]);
}

/** Cancel and destroy pressed: the create stops, then the teardown shows its progress here. */
export function renderCancelAndDestroyPressed(env: string, by: string): Message {
  const text = mrkdwn`:stop_sign: ${mention(by)} pressed ${bold(destroyButtonLabel(true))}: stopping the create of ${bold(env)}; its teardown starts as soon as it has stopped, with its progress here.`;
  return message(text, [section(text)]);
}

/** Cancel pressed: the message says so and nothing else changes. */
export function renderDestroyCancelled(env: string, by: string): Message {
  const text = mrkdwn`:no_entry_sign: ${mention(by)} cancelled the teardown of ${bold(env)}; nothing was deleted.`;
  return message(text, [section(text)]);
}

/** Someone already pressed Cancel and destroy; the teardown follows the create's stop. */
export function alreadyConfirmedText(by: string): Mrkdwn {
  return mrkdwn`${mention(by)} already pressed ${bold(destroyButtonLabel(true))}; the teardown starts once the create has stopped.`;
}
