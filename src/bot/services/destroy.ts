/**
 * `/site destroy <env>`: a confirmation message in the channel (what goes, age, cost so far)
 * with Destroy (behind Slack's confirm dialog) and Cancel — or Cancel and destroy while a create
 * still runs. Its ts is kept in `env.meta.destroyConfirmation`, so only a press on that very
 * message counts. The confirmed message then becomes the teardown's progress message.
 */
import { describeDestroyPlan } from '../../workflows/destroy/plan';
import { startDestroy } from '../../workflows/destroy/start';
import type { Environment } from '../../state/types';
import { environmentCost } from '../env-cost';
import type { DestroyCommand } from '../grammar';
import type { ButtonContext, ButtonPress, EnvCommandContext } from '../services';
import type { ChatClient } from '../slack-chat';
import { describeCannotPost } from '../views/channel-access';
import { renderDestroyConfirmation } from '../views/destroy-confirmation';
import { renderRefusal } from '../views/error';
import { ephemeral, section, type Reply } from '../views/reply';
import { describeBusy, patchEnv, runningLockHolder, type BotServiceDeps } from './deps';
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

/** Posts the confirmation for `env` in its channel and remembers it. Undefined when it may not. */
export async function postDestroyConfirmation(
  deps: BotServiceDeps,
  env: Environment,
  requestedBy: string,
  client: ChatClient,
  now: number,
): Promise<{ ok: true; ts: string } | { ok: false; message: string }> {
  const { store } = deps;
  const holder = await runningLockHolder(store, env.name);
  if (holder && holder.run.kind !== 'create') return { ok: false, message: describeBusy(holder, now) };
  const message = renderDestroyConfirmation({
    env: env.name,
    requestedBy,
    plan: describeDestroyPlan(env),
    ageMs: now - env.createdAt,
    cost: await environmentCost(store, env, now),
    createRunning: holder?.run.kind === 'create',
  });
  const posted = await postFirst(client, { channel: env.channel, ...message });
  if (!posted.ok) {
    const command = `/site destroy ${env.name}`;
    return { ok: false, message: describeCannotPost(posted.problem, command, deps.config.slack.botUserId) };
  }
  if (!posted.ts) return { ok: false, message: 'Slack did not accept the confirmation message' };
  const confirmation: DestroyConfirmation = { channel: env.channel, ts: posted.ts, requestedBy, at: now };
  await patchEnv(store, env.name, (e) => ({ meta: { ...e.meta, destroyConfirmation: confirmation } }));
  return { ok: true, ts: posted.ts };
}

export async function destroyService(
  deps: BotServiceDeps,
  cmd: DestroyCommand,
  ctx: EnvCommandContext,
): Promise<Reply> {
  if (ctx.env.channel !== ctx.channelId) {
    return renderRefusal(`:no_entry: ${cmd.env} reports to <#${ctx.env.channel}>: run /site destroy there.`);
  }
  const posted = await postDestroyConfirmation(deps, ctx.env, ctx.userId, ctx.client, ctx.now());
  if (!posted.ok) return renderRefusal(`:no_entry: ${posted.message}`);
  const line = `Confirm the teardown of ${cmd.env} with the Destroy button in the channel.`;
  return ephemeral(line, [section(line)]);
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
    await refuse(
      ctx,
      `<@${confirmation.confirmedBy}> already confirmed; the teardown starts once the create has stopped.`,
    );
    return;
  }
  const result = await startDestroy(deps.service, deps.store, {
    env: env.name,
    requestedBy: press.userId,
    channel: env.channel,
    cancelCreate,
    notify: { channel: env.channel, messageTs: press.messageTs },
    now: ctx.now(),
  });
  if (result.status === 'refused') {
    await refuse(ctx, result.message);
    return;
  }
  if (result.status === 'pending-cancel') {
    await patchEnv(deps.store, env.name, (e) => ({
      meta: { ...e.meta, destroyConfirmation: { ...confirmationOf(e), confirmedBy: press.userId } },
    }));
    const text = `<@${press.userId}> confirmed: stopping the create of *${env.name}*; the teardown starts as soon as it has stopped, with its progress here.`;
    await editPressedMessage(ctx, {
      channel: env.channel,
      ts: press.messageTs,
      text,
      blocks: [section(`:stop_sign: ${text}`)],
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
  const text = `<@${press.userId}> cancelled the teardown of *${env.name}*; nothing was deleted.`;
  await editPressedMessage(ctx, {
    channel: env.channel,
    ts: press.messageTs,
    text,
    blocks: [section(`:no_entry_sign: ${text}`)],
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
export async function refuse(ctx: ButtonContext, text: string): Promise<void> {
  await ctx
    .respond({ response_type: 'ephemeral', replace_original: false, text: `:no_entry: ${text}` })
    .catch(() => undefined);
}
