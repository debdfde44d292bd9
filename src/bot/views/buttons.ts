/** Block Kit buttons the bot puts on its messages; action ids start with `site_` (app.ts routes them). */
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

interface ButtonSpec {
  actionId: ActionId;
  label: string;
  /** The environment's name. */
  value: string;
  style?: 'primary' | 'danger';
  /** Slack's confirm dialog before the press counts. */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export function actions(blockId: string, buttons: ButtonSpec[]): Block {
  return {
    type: 'actions',
    block_id: blockId,
    elements: buttons.map((b) => ({
      type: 'button' as const,
      action_id: b.actionId,
      text: { type: 'plain_text' as const, text: b.label },
      value: b.value,
      ...(b.style ? { style: b.style } : {}),
      ...(b.confirm
        ? {
            confirm: {
              title: { type: 'plain_text' as const, text: b.confirm.title },
              text: { type: 'mrkdwn' as const, text: b.confirm.text },
              confirm: { type: 'plain_text' as const, text: b.confirm.confirm },
              deny: { type: 'plain_text' as const, text: b.confirm.deny },
              ...(b.style === 'danger' ? { style: 'danger' as const } : {}),
            },
          }
        : {}),
    })),
  };
}
