/**
 * Sleep and wake in Slack: `/site sleep|wake <env>`, `/site hours <env> …|off`, the Wake now
 * and Keep awake 2 h buttons, and the runs the reminder pass starts (office hours, the re-stop
 * after RDS's own start). A run a person starts gets one message in the env's channel, posted
 * first and then edited in place by the progress sink; when the post fails the run starts anyway
 * (the sink posts its own message), since nothing here may depend on a Slack post succeeding.
 * A run the reminder pass starts needs no Slack at all: its sink shows its progress, and why it
 * started (office hours, RDS's own start) goes through the outbox under the pass's key, once.
 */
import { channelTimeZone } from '../../config/config';
import { formatPerDay } from '../../domain/format';
import { officeHoursOf, powerOf, type OfficeHours, type PowerRecord } from '../../state/power';
import type { Environment } from '../../state/types';
import { startPower, type PowerKind, type PowerReason } from '../../workflows/power/start';
import { checkPowerRecord } from '../../workflows/power/preconditions';
import type { PowerPassDeps } from '../../workflows/remind/power-pass';
import { describeHours, nextEdge, awakeMs } from '../../workflows/remind/office-hours';
import { checkOwnership } from '../authorization';
import { environmentCost } from '../../workflows/operations/env-cost';
import { formatDuration } from '../../domain/format';
import type { HoursCommand, PowerCommand } from '../grammar';
import type { ButtonContext, ButtonPress, EnvCommandContext } from '../services';
import type { NewOutboxMessage } from '../../state/outbox-repository';
import type { ChatClient } from '../slack-chat';
import { renderRefusal } from '../views/error';
import { bold, code, mention, mrkdwn, plain, type Mrkdwn } from '../views/mrkdwn';
import { powerAnnouncement } from '../views/power';
import { busyText } from '../views/refusals';
import { ephemeral, inChannel, message, section, type Reply } from '../views/reply';
import { busyReply, patchEnv, runningLockHolder, type BotServiceDeps } from './deps';
import { refuse } from './destroy';

const HOUR = 3_600_000;
/** How long "Keep awake 2 h" keeps an env from office hours' sleep. */
export const KEEP_AWAKE_MS = 2 * HOUR;

export interface StartPowerRequest {
  env: Environment;
  kind: PowerKind;
  reason: PowerReason;
  requestedBy: string;
  /** Owner/admin check for people; none for the reminder pass. */
  isAllowed?(env: Environment, userId: string): boolean;
}

/** Posts the run's message in the env's channel, then starts the run with it as `notify`. */
export async function startPowerWithMessage(
  deps: Pick<BotServiceDeps, 'service' | 'store'>,
  client: ChatClient,
  req: StartPowerRequest,
): Promise<{ ok: true; message: string } | { ok: false; busy: boolean; message: string }> {
  const { env, kind, reason } = req;
  const hours = officeHoursOf(env);
  const text = powerAnnouncement(env, kind, reason, hours && describeHours(hours));
  const posted = await client.chat
    .postMessage({ channel: env.channel, ...message(text, [section(text)]) })
    .catch(() => ({ ts: undefined }));
  const started = await startPower(deps.service, deps.store, {
    kind,
    env: env.name,
    requestedBy: req.requestedBy,
    channel: env.channel,
    reason,
    notify: { channel: env.channel, ...(posted.ts ? { messageTs: posted.ts } : {}) },
    ...(req.isAllowed ? { isAllowed: req.isAllowed } : {}),
  });
  if (started.ok) return { ok: true, message: started.message };
  if (posted.ts) {
    const refused = refusedText(env, kind, started.message);
    await client.chat
      .update({ channel: env.channel, ts: posted.ts, ...message(refused, [section(refused)]) })
      .catch(() => undefined);
  }
  return { ok: false, busy: started.reason === 'locked', message: started.message };
}

const ownerOrAdmin = (deps: BotServiceDeps) => (env: Environment, user: string) =>
  checkOwnership(deps.config.slack, env, user).allowed;

/**
 * What the reminder pass calls to start a sleep or wake (its `power.start`). Busy: nothing is
 * said (the pass gives its claim back and the same key comes again later).
 */
export function reminderPowerStarter(
  deps: Pick<BotServiceDeps, 'service' | 'store'>,
  outbox: { send(message: NewOutboxMessage): Promise<boolean> },
  actor: string,
): PowerPassDeps['start'] {
  return async (env, kind, reason, key) => {
    const started = await startPower(deps.service, deps.store, {
      kind,
      env: env.name,
      requestedBy: actor,
      channel: env.channel,
      reason,
      notify: { channel: env.channel },
    });
    if (!started.ok && started.reason === 'locked')
      return { started: false, busy: true, reason: started.message };
    const hours = officeHoursOf(env);
    const text = started.ok
      ? powerAnnouncement(env, kind, reason, hours && describeHours(hours))
      : refusedText(env, kind, started.message);
    await outbox.send({
      id: key,
      about: {
        purpose: `power.${reason}`,
        env: env.name,
        ...(started.ok ? { runId: started.run.runId } : {}),
      },
      steps: [{ op: 'post', channel: env.channel, ...message(text, [section(text)]) }],
    });
    return started.ok ? { started: true } : { started: false, reason: started.message };
  };
}

const refusedText = (env: Environment, kind: PowerKind, why: string): Mrkdwn =>
  mrkdwn`:no_entry: ${kind === 'sleep' ? 'Sleep' : 'Wake'} of ${bold(env.name)} did not start: ${why}`;

/** `/site sleep <env>` and `/site wake <env>` (the caller checked owner/admin). */
export async function powerService(
  deps: BotServiceDeps,
  cmd: PowerCommand,
  ctx: EnvCommandContext,
): Promise<Reply> {
  const checked = checkPowerRecord(cmd.env, ctx.env, cmd.kind);
  if (!checked.ok) return renderRefusal(checked.message);
  const holder = await runningLockHolder(deps.store, cmd.env);
  if (holder) return busyReply(deps, holder, ctx.now());
  const started = await startPowerWithMessage(deps, ctx.client, {
    env: ctx.env,
    kind: cmd.kind,
    reason: 'requested',
    requestedBy: ctx.userId,
    isAllowed: ownerOrAdmin(deps),
  });
  if (!started.ok) return renderRefusal(started.message);
  const text = plain(started.message);
  return ephemeral(text, [section(text)]);
}

/** What office hours save per day on average over a week, against always on. */
async function weeklySaving(deps: BotServiceDeps, env: Environment, hours: OfficeHours, now: number) {
  const cost = await environmentCost(deps.store, env, now);
  const rates = cost?.sleepRates;
  if (!rates) return undefined;
  const week = 7 * 24 * HOUR;
  const awakeShare = awakeMs(hours, now, now + week) / week;
  return rates.savedPerDay * (1 - awakeShare);
}

/** `/site hours <env> 09:00-19:00 [days]` and `/site hours <env> off`. */
export async function hoursService(
  deps: BotServiceDeps,
  cmd: HoursCommand,
  ctx: EnvCommandContext,
): Promise<Reply> {
  const now = ctx.now();
  if (cmd.hours === 'off') {
    await patchEnv(deps.store, cmd.env, (e) => {
      const { hours: _h, ...meta } = e.meta ?? {};
      return { meta, updatedAt: now };
    });
    const text = mrkdwn`${mention(ctx.userId)} turned office hours off for ${bold(cmd.env)}: it stays as it is now (awake or asleep) until someone runs ${code('/site sleep')} or ${code('/site wake')}.`;
    return inChannel(text, [section(mrkdwn`:calendar: ${text}`)]);
  }
  const hours: OfficeHours = {
    ...cmd.hours,
    timeZone: channelTimeZone(deps.config, ctx.env.channel),
    setAt: now,
  };
  const updated = await patchEnv(deps.store, cmd.env, (e) => ({
    meta: { ...e.meta, hours },
    updatedAt: now,
  }));
  const next = nextEdge(hours, now);
  const saving = updated && (await weeklySaving(deps, updated, hours, now));
  const nextText = next
    ? `; next it ${next.kind === 'sleep' ? 'goes to sleep' : 'wakes'} in ${formatDuration(next.at - now)}`
    : '';
  const savingText = saving !== undefined ? `; that saves about ${formatPerDay(saving)} on average` : '';
  const text = mrkdwn`${mention(ctx.userId)} set office hours for ${bold(cmd.env)}: ${describeHours(hours)}${nextText}${savingText}.`;
  return inChannel(text, [section(mrkdwn`:calendar: ${text}`)]);
}

/** Changes `env.meta.power` (a never-slept env starts from awake). */
function patchPower(
  deps: BotServiceDeps,
  name: string,
  change: (p: PowerRecord) => Partial<PowerRecord>,
  now: number,
) {
  return patchEnv(deps.store, name, (e) => {
    const p = powerOf(e) ?? { state: 'awake', since: now, webOff: [], dbOff: [] };
    return { meta: { ...e.meta, power: { ...p, ...change(p) } }, updatedAt: now };
  });
}

/**
 * Wake now / Keep awake 2 h (checked by buttons.ts: channel, owner or admin). Keep awake moves
 * the office-hours sleep 2 h later; both wake the env when it sleeps — or, while a run holds
 * it (the sleep still going), ask the reminder pass to wake it once that run is over.
 */
export async function powerButton(
  deps: BotServiceDeps,
  env: Environment,
  press: ButtonPress,
  ctx: ButtonContext,
  keepAwake: boolean,
): Promise<void> {
  const now = ctx.now();
  if (keepAwake) {
    await patchPower(
      deps,
      env.name,
      (p) => ({ keepAwakeUntil: Math.max(now, p.keepAwakeUntil ?? 0) + KEEP_AWAKE_MS }),
      now,
    );
  }
  const current = await deps.store.environments.get(env.name);
  const asleep = current && powerOf(current)?.state === 'asleep';
  const busy = await runningLockHolder(deps.store, env.name);
  const held = keepAwake ? ` and keeps it awake for ${formatDuration(KEEP_AWAKE_MS)}` : '';
  if (busy?.run.kind === 'sleep') {
    // Going to sleep right now: the reminder pass wakes it once the sleep is over.
    await patchPower(deps, env.name, () => ({ wakeRequested: true }), now);
    await say(
      ctx,
      env,
      mrkdwn`${mention(press.userId)} asked to wake ${bold(env.name)}${held}: it wakes as soon as its sleep is over.`,
    );
    return;
  }
  if (busy) {
    await refuse(
      ctx,
      busy.run.kind === 'wake'
        ? mrkdwn`${bold(env.name)} is waking already${held}.`
        : busyText(busy, now, deps.steps[busy.lock.kind] ?? []),
    );
    return;
  }
  if (!asleep || !current) {
    await say(ctx, env, mrkdwn`${mention(press.userId)}: ${bold(env.name)} is awake${held}.`);
    return;
  }
  const started = await startPowerWithMessage(deps, ctx.client, {
    env: current,
    kind: 'wake',
    reason: keepAwake ? 'keep-awake' : 'requested',
    requestedBy: press.userId,
    isAllowed: ownerOrAdmin(deps),
  });
  if (!started.ok) await refuse(ctx, plain(started.message));
}

async function say(ctx: ButtonContext, env: Environment, text: Mrkdwn): Promise<void> {
  await ctx.client.chat.postMessage({
    channel: env.channel,
    ...message(text, [section(mrkdwn`:sunrise: ${text}`)]),
  });
}
