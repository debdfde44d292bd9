/**
 * `/site destroy` (src/bot/views/destroy-confirmation.ts): the confirmation in the channel with
 * its buttons and dialog, the private answers, and what the message says once a button is pressed.
 */
import { bold, mention, mrkdwn, type Mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';

export const destroy = (f: Formatter) => ({
  /** The confirming button's words: the same in the button, the dialog and every text about it. */
  button: (a: { cancelCreate: boolean }): string => (a.cancelCreate ? 'Cancel and destroy' : 'Destroy'),
  cancel: () => 'Cancel',
  keep: () => 'Keep it',
  asked: (a: { by: string; env: string }): Mrkdwn =>
    mrkdwn`:warning: ${mention(a.by)} asked to destroy ${bold(a.env)}.`,
  has: (a: { total: string; what: string }): Mrkdwn => mrkdwn`It has ${a.total} now: ${a.what}.`,
  hasNothing: (): Mrkdwn => mrkdwn`No resources of it exist yet.`,
  byTagToo: (a: { env: string; searched: boolean }): Mrkdwn =>
    a.searched
      ? mrkdwn`Anything else tagged for ${a.env} that appears meanwhile is found and deleted too.`
      : mrkdwn`Anything else tagged for ${a.env} is found by tag and deleted too.`,
  ageAndCost: (a: { ageMs: number; cost: string }): Mrkdwn => mrkdwn`Age ${f.duration(a.ageMs)} · ${a.cost}`,
  createStillRunning: (a: { env: string; button: string }): Mrkdwn =>
    mrkdwn`A create of ${a.env} is still running: ${bold(a.button)} stops it first, then tears down what it made.`,
  dialogTitle: (a: { env: string; cancelCreate: boolean }) =>
    a.cancelCreate ? `Cancel the create and destroy ${a.env}?` : `Destroy ${a.env}?`,
  dialogText: (a: { env: string; cancelCreate: boolean }) =>
    a.cancelCreate
      ? `The create of ${a.env} stops, then every resource of ${a.env} is deleted. This cannot be undone.`
      : `Every resource of ${a.env} will be deleted. This cannot be undone.`,
  fallback: (a: { env: string; total: string; cost: string }): Mrkdwn =>
    mrkdwn`Destroy ${a.env}? ${a.total}; ${a.cost}`,
  whoMayPress: (a: { button: string }): Mrkdwn =>
    mrkdwn`Only the owner or an admin can press ${bold(a.button)}.`,
  confirmThere: (a: { env: string; button: string }): Mrkdwn =>
    mrkdwn`Confirm the teardown of ${bold(a.env)} with the ${bold(a.button)} button on the message in the channel.`,
  cancelAndDestroyPressed: (a: { by: string; env: string; button: string }): Mrkdwn =>
    mrkdwn`:stop_sign: ${mention(a.by)} pressed ${bold(a.button)}: stopping the create of ${bold(a.env)}; its teardown starts as soon as it has stopped, with its progress here.`,
  cancelled: (a: { by: string; env: string }): Mrkdwn =>
    mrkdwn`:no_entry_sign: ${mention(a.by)} cancelled the teardown of ${bold(a.env)}; nothing was deleted.`,
  alreadyConfirmed: (a: { by: string; button: string }): Mrkdwn =>
    mrkdwn`${mention(a.by)} already pressed ${bold(a.button)}; the teardown starts once the create has stopped.`,
});

export type DestroyTexts = ReturnType<typeof destroy>;
