/**
 * `/site destroy <env>`: a confirmation message in the channel (what exists now, age, cost so
 * far) with Destroy (behind Slack's confirm dialog) and Cancel — or Cancel and destroy while a
 * create still runs. Its ts is kept in `env.meta.destroyConfirmation`, so only a press on that
 * very message counts. The confirmed message then becomes the teardown's progress message.
 */
import { startDestroy } from '../../workflows/destroy/start';
import type { Environment } from '../../state/types';
import { environmentCost } from '../../workflows/operations/env-cost';
import { currentResources } from '../../workflows/operations/env-inventory';
import type { DestroyCommand } from '../grammar';
import type { ButtonContext, ButtonPress, EnvCommandContext } from '../services';
import type { ChatClient } from '../slack-chat';
import { describeCannotPost } from '../views/channel-access';
import {
  alreadyConfirmedText,
  renderCancelAndDestroyPressed,
  renderDestroyAsked,
  renderDestroyCancelled,
  renderDestroyConfirmation,
  renderDestroyElsewhere,
} from '../views/destroy-confirmation';
import { renderRefusalMd } from '../views/error';
import { mrkdwn, type Mrkdwn } from '../views/mrkdwn';
import { busyText } from '../views/refusals';
import type { Texts } from '../../i18n/texts';
import type { Reply } from '../views/reply';
import { patchEnv, runningLockHolder, type BotServiceDeps } from './deps';
import { editPressedMessage } from './edit-pressed';
import { postFirst } from './first-post';

/** What `env.meta.destroyConfirmation` holds. */
export interface DestroyConfirmation {
  channel: string;
  ts: string;
  requestedBy: string;
  at: number;
  /** Set once someone pressed Cancel and destroy: the teardown starts when the create stops. */
  confirmedBy?: string;
}

export function confirmationOf(env: Environment): DestroyConfirmation | undefined {
  const c = env.meta?.destroyConfirmation as Partial<DestroyConfirmation> | undefined;
  return c && typeof c.ts === 'string' && typeof c.channel === 'string'
    ? (c as DestroyConfirmation)
    : undefined;
}

/** Posts the confirmation for `env` in its channel and remembers it; or says why it may not. */
export async function postDestroyConfirmation(
  deps: BotServiceDeps,
  env: Environment,
  requestedBy: string,
  client: ChatClient,
  now: number,
  t: Texts,
): Promise<{ ok: true; ts: string; createRunning: boolean } | { ok: false; reason: Mrkdwn }> {
  const { store } = deps;
  const holder = await runningLockHolder(store, env.name);
  if (holder && holder.run.kind !== 'create')
    return { ok: false, reason: busyText(t, holder, now, deps.steps(t, holder.run.kind)) };
  const createRunning = holder?.run.kind === 'create';
  // What exists now: the record, what a running create has recorded, and what carries its tags.
  const findOwned = deps.findOwned;
  const resources = await currentResources(store, env, findOwned).catch(() => currentResources(store, env));
  // The confirmation stays in the channel: the language of whoever asked for it.
  const message = renderDestroyConfirmation(t, {
    env,
    requestedBy,
    resources,
    searchedByTag: findOwned !== undefined,
    ageMs: now - env.createdAt,
    cost: await environmentCost(store, env, now),
    createRunning,
  });
  const posted = await postFirst(client, { channel: env.channel, ...message });
  if (!posted.ok) {
    const command = `/site destroy ${env.name}`;
    return { ok: false, reason: describeCannotPost(t, posted.problem, command, deps.config.slack.botUserId) };
  }
  if (!posted.ts) return { ok: false, reason: t.refusals.slackRefused() };
  const confirmation: DestroyConfirmation = { channel: env.channel, ts: posted.ts, requestedBy, at: now };
  await patchEnv(store, env.name, (e) => ({ meta: { ...e.meta, destroyConfirmation: confirmation } }));
  return { ok: true, ts: posted.ts, createRunning };
}

export async function destroyService(
  deps: BotServiceDeps,
  cmd: DestroyCommand,
  ctx: EnvCommandContext,
): Promise<Reply> {
  if (ctx.env.channel !== ctx.channelId) return renderDestroyElsewhere(ctx.t, cmd.env, ctx.env.channel);
  const posted = await postDestroyConfirmation(deps, ctx.env, ctx.userId, ctx.client, ctx.now(), ctx.t);
  if (!posted.ok) return renderRefusalMd(mrkdwn`:no_entry: ${posted.reason}`);
  return renderDestroyAsked(ctx.t, cmd.env, posted.createRunning);
}

/** Destroy / Cancel and destroy pressed on the confirmation message (already checked by buttons.ts). */
export async function confirmDestroy(
  deps: BotServiceDeps,
  env: Environment,
  press: ButtonPress,
  ctx: ButtonContext,
  cancelCreate: boolean,
): Promise<void> {
  const confirmation = confirmationOf(env);
  if (confirmation?.confirmedBy) {
    await refuse(ctx, alreadyConfirmedText(ctx.t, confirmation.confirmedBy));
    return;
  }
  const result = await startDestroy(deps.service, deps.store, {
    env: env.name,
    requestedBy: press.userId,
    channel: env.channel,
    cancelCreate,
    notify: { channel: env.channel, messageTs: press.messageTs },
    ...(ctx.lang ? { voice: { lang: ctx.lang } } : {}),
    now: ctx.now(),
  });
  if (result.status === 'refused') {
    await refuse(ctx, mrkdwn`${ctx.t.said(result.message)}`);
    return;
  }
  if (result.status === 'pending-cancel') {
    await patchEnv(deps.store, env.name, (e) => ({
      meta: { ...e.meta, destroyConfirmation: { ...confirmationOf(e), confirmedBy: press.userId } },
    }));
    await editPressedMessage(ctx, {
      channel: env.channel,
      ts: press.messageTs,
      ...renderCancelAndDestroyPressed(ctx.t, env.name, press.userId),
    });
    return;
  }
  await forgetConfirmation(deps, env.name);
}

/** Cancel pressed: the message says so and nothing else changes. */
export async function cancelDestroy(
  deps: BotServiceDeps,
  env: Environment,
  press: ButtonPress,
  ctx: ButtonContext,
): Promise<void> {
  await forgetConfirmation(deps, env.name);
  await editPressedMessage(ctx, {
    channel: env.channel,
    ts: press.messageTs,
    ...renderDestroyCancelled(ctx.t, env.name, press.userId),
  });
}

/** The confirmation has been answered: a later press on it no longer counts. */
async function forgetConfirmation(deps: BotServiceDeps, name: string): Promise<void> {
  await patchEnv(deps.store, name, (e) => {
    const { destroyConfirmation: _c, ...meta } = e.meta ?? {};
    return { meta };
  });
}

/** Tells the presser only. A forged press's response_url may lead nowhere: that is no error of ours. */
export async function refuse(ctx: ButtonContext, text: Mrkdwn): Promise<void> {
  const reply = renderRefusalMd(mrkdwn`:no_entry: ${text}`);
  await ctx.respond({ ...reply, replace_original: false }).catch(() => undefined);
}
