/**
 * Block Kit buttons the bot puts on its messages; action ids start with `site_` (app.ts routes
 * them). Actions blocks carry no block_id: Slack gives each message's blocks fresh ones, and a
 * press is recognised by its action_id, the env in its value and the message's ts, never by a
 * block_id (a reused one would mix messages up).
 */
import { cut, SLACK_LIMITS } from './limits';
import type { Block } from './reply';

export const ACTION = {
  destroyConfirm: 'site_destroy_confirm',
  destroyCancel: 'site_destroy_cancel',
  cancelAndDestroy: 'site_destroy_cancel_create',
  remindExtend: 'site_remind_extend',
  remindSnooze: 'site_remind_snooze',
  remindDestroy: 'site_remind_destroy',
  powerWake: 'site_power_wake',
  powerKeepAwake: 'site_power_keep_awake',
} as const;

export type ActionId = (typeof ACTION)[keyof typeof ACTION];

/** Slack's confirm dialog before a press counts: every field is plain text. */
export interface ConfirmDialog {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

export interface ButtonSpec {
  actionId: ActionId;
  /** The button's words; the same words name it in the message's text. */
  label: string;
  /** The environment's name. */
  value: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmDialog;
}

const plainText = (text: string, max: number) => ({ type: 'plain_text' as const, text: cut(text, max) });

export function actions(buttons: ButtonSpec[]): Block {
  return {
    type: 'actions',
    elements: buttons.slice(0, SLACK_LIMITS.actionsElements).map((b) => ({
      type: 'button' as const,
      action_id: b.actionId,
      text: plainText(b.label, SLACK_LIMITS.buttonText),
      value: b.value,
      ...(b.style ? { style: b.style } : {}),
      ...(b.confirm
        ? {
            confirm: {
              title: plainText(b.confirm.title, SLACK_LIMITS.confirmTitle),
              text: plainText(b.confirm.text, SLACK_LIMITS.confirmText),
              confirm: plainText(b.confirm.confirm, SLACK_LIMITS.confirmButton),
              deny: plainText(b.confirm.deny, SLACK_LIMITS.confirmButton),
              ...(b.style === 'danger' ? { style: 'danger' as const } : {}),
            },
          }
        : {}),
    })),
  };
}
