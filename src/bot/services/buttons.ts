/**
 * Every button press is re-checked from scratch, since a payload can be forged even when its
 * signature is good (any member can craft one): the env exists and reports to the channel the
 * press came from, the presser is its owner or an admin, and the message is one the bot posted
 * for that purpose (its ts is recorded on the env). Anything else is refused and changes nothing.
 */
import type { Environment } from '../../state/types';
import { snoozeReminders } from '../../workflows/remind/snooze';
import { checkChannelEnabled, checkOwnership } from '../authorization';
import type { ButtonContext, ButtonPress } from '../services';
import { ACTION } from '../views/buttons';
import type { Texts } from '../../i18n/texts';
import type { Mrkdwn } from '../views/mrkdwn';
import { REMINDER_EXTEND_MS, REMINDER_SNOOZE_MS, renderSnoozed } from '../views/reminders';
import type { Message } from '../views/reply';
import { patchEnv, type BotServiceDeps } from './deps';
import { cancelDestroy, confirmationOf, confirmDestroy, postDestroyConfirmation, refuse } from './destroy';
import { editPressedMessage } from './edit-pressed';
import { extendBy } from './extend';
import { powerButton } from './power';

/** Reminder messages the bot posted for an env (warnings, overdue notes with buttons). */
export function reminderMessagesOf(env: Environment): string[] {
  const list = env.meta?.reminderMessages;
  return Array.isArray(list) ? list.filter((ts): ts is string => typeof ts === 'string') : [];
}

const DESTROY_ACTIONS: readonly string[] = [
  ACTION.destroyConfirm,
  ACTION.destroyCancel,
  ACTION.cancelAndDestroy,
];
const REMINDER_ACTIONS: readonly string[] = [ACTION.remindExtend, ACTION.remindSnooze, ACTION.remindDestroy];
/**
 * Wake now / Keep awake 2 h do only what `/site wake` lets the same person do, so a press
 * counts from any message the bot posted them on (sleep outcomes, a drill's refusal).
 */
const POWER_ACTIONS: readonly string[] = [ACTION.powerWake, ACTION.powerKeepAwake];

/** Why the press must be refused, or undefined when it may proceed. */
function checkPress(
  deps: BotServiceDeps,
  env: Environment | undefined,
  press: ButtonPress,
  t: Texts,
): Mrkdwn | undefined {
  const channel = checkChannelEnabled(deps.config.slack, press.channelId, t);
  if (!channel.allowed) return channel.reason;
  if (!env || env.status === 'destroyed') return t.refusals.noSuchEnv({ env: press.value });
  if (env.channel !== press.channelId) return t.refusals.notForChannel({ env: env.name });
  const owner = checkOwnership(deps.config.slack, env, press.userId, t);
  if (!owner.allowed) return owner.reason;
  if (DESTROY_ACTIONS.includes(press.actionId)) {
    const confirmation = confirmationOf(env);
    if (!confirmation || confirmation.ts !== press.messageTs || confirmation.channel !== press.channelId)
      return t.refusals.notCurrentConfirmation({ env: env.name });
    return undefined;
  }
  if (POWER_ACTIONS.includes(press.actionId)) return undefined;
  if (REMINDER_ACTIONS.includes(press.actionId)) {
    if (!reminderMessagesOf(env).includes(press.messageTs))
      return t.refusals.notMyReminder({ env: env.name });
    return undefined;
  }
  return t.refusals.unknownButton();
}

export async function handleButton(
  deps: BotServiceDeps,
  press: ButtonPress,
  ctx: ButtonContext,
): Promise<void> {
  const env = press.value ? await deps.store.environments.get(press.value) : undefined;
  const problem = checkPress(deps, env, press, ctx.t);
  if (problem || !env) {
    await refuse(ctx, ctx.t.errors.nothingChanged({ problem: problem ?? ctx.t.refusals.refused() }));
    return;
  }
  switch (press.actionId) {
    case ACTION.destroyConfirm:
      return confirmDestroy(deps, env, press, ctx, false);
    case ACTION.cancelAndDestroy:
      return confirmDestroy(deps, env, press, ctx, true);
    case ACTION.destroyCancel:
      return cancelDestroy(deps, env, press, ctx);
    case ACTION.remindExtend: {
      const result = await extendBy(
        deps,
        {
          env,
          byMs: REMINDER_EXTEND_MS,
          userId: press.userId,
          now: ctx.now(),
        },
        ctx.t,
      );
      if (!result.ok) return refuse(ctx, result.reason);
      return answerReminder(deps, env, press, ctx, result.message);
    }
    case ACTION.remindSnooze: {
      const now = ctx.now();
      const snoozed = await snoozeReminders(deps.store.environments, {
        name: env.name,
        now,
        durationMs: REMINDER_SNOOZE_MS,
      });
      if (!snoozed.ok) return refuse(ctx, ctx.t.refusals.notSnoozed({ reason: ctx.t.said(snoozed.reason) }));
      return answerReminder(
        deps,
        snoozed.env,
        press,
        ctx,
        renderSnoozed(ctx.t, snoozed.env, press.userId, snoozed.until, now),
      );
    }
    case ACTION.powerWake:
    case ACTION.powerKeepAwake:
      return powerButton(deps, env, press, ctx, press.actionId === ACTION.powerKeepAwake);
    case ACTION.remindDestroy: {
      const posted = await postDestroyConfirmation(deps, env, press.userId, ctx.client, ctx.now(), ctx.t);
      if (!posted.ok) await refuse(ctx, posted.reason);
      return;
    }
  }
}

/** The reminder has done its job: it says what happened, its buttons go, and its ts no longer counts. */
async function answerReminder(
  deps: BotServiceDeps,
  env: Environment,
  press: ButtonPress,
  ctx: ButtonContext,
  answer: Message,
): Promise<void> {
  await patchEnv(deps.store, env.name, (e) => ({
    meta: { ...e.meta, reminderMessages: reminderMessagesOf(e).filter((ts) => ts !== press.messageTs) },
  }));
  await editPressedMessage(ctx, { channel: env.channel, ts: press.messageTs, ...answer });
}
