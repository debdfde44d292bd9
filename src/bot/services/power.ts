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
import { DEFAULT_LANGUAGE_SETTINGS, type LanguageSettings } from '../../i18n/locale';
import type { Saying } from '../../i18n/said';
import { textsIn, type Texts } from '../../i18n/texts';
import type { Lang } from '../../i18n/locale';
import { officeHoursOf, powerOf, type OfficeHours, type PowerRecord } from '../../state/power';
import type { Environment } from '../../state/types';
import { startPower, type PowerKind, type PowerReason } from '../../workflows/power/start';
import { checkPowerRecord } from '../../workflows/power/preconditions';
import type { PowerPassDeps } from '../../workflows/remind/power-pass';
import { nextEdge, awakeMs } from '../../workflows/remind/office-hours';
import { checkOwnership } from '../authorization';
import { environmentCost } from '../../workflows/operations/env-cost';
import type { HoursCommand, PowerCommand } from '../grammar';
import type { ButtonContext, ButtonPress, EnvCommandContext } from '../services';
import type { NewOutboxMessage } from '../../state/outbox-repository';
import type { ChatClient } from '../slack-chat';
import { renderRefusal } from '../views/error';
import { mrkdwn, plain, type Mrkdwn } from '../views/mrkdwn';
import { hoursText, powerAnnouncement } from '../views/power';
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
  /** The starter's texts and own language (the channel message is written in it). */
  t: Texts;
  lang?: Lang;
}

/** Posts the run's message in the env's channel, then starts the run with it as `notify`. */
export async function startPowerWithMessage(
  deps: Pick<BotServiceDeps, 'service' | 'store'>,
  client: ChatClient,
  req: StartPowerRequest,
): Promise<{ ok: true; message: Saying } | { ok: false; busy: boolean; message: Saying }> {
  const { env, kind, reason, t } = req;
  const hours = officeHoursOf(env);
  const text = powerAnnouncement(t, env, kind, reason, hours && hoursText(t, hours));
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
    ...(req.lang ? { voice: { lang: req.lang } } : {}),
    ...(req.isAllowed ? { isAllowed: req.isAllowed } : {}),
  });
  if (started.ok) return { ok: true, message: started.message };
  if (posted.ts) {
    const refused = refusedText(t, env, kind, started.message);
    await client.chat
      .update({ channel: env.channel, ts: posted.ts, ...message(refused, [section(refused)]) })
      .catch(() => undefined);
  }
  return { ok: false, busy: started.reason === 'locked', message: started.message };
}

const ownerOrAdmin = (deps: BotServiceDeps, t: Texts) => (env: Environment, user: string) =>
  checkOwnership(deps.config.slack, env, user, t).allowed;

/**
 * What the reminder pass calls to start a sleep or wake (its `power.start`). Busy: nothing is
 * said (the pass gives its claim back and the same key comes again later).
 */
export function reminderPowerStarter(
  deps: Pick<BotServiceDeps, 'service' | 'store'>,
  outbox: { send(message: NewOutboxMessage): Promise<boolean> },
  actor: string,
  /** The pass's own runs speak the workspace's language, dates in the channel's zone. */
  language: LanguageSettings = DEFAULT_LANGUAGE_SETTINGS,
): PowerPassDeps['start'] {
  return async (env, kind, reason, key) => {
    const t = textsIn(language, undefined, env.channel);
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
      ? powerAnnouncement(t, env, kind, reason, hours && hoursText(t, hours))
      : refusedText(t, env, kind, started.message);
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

const refusedText = (t: Texts, env: Environment, kind: PowerKind, why: Saying): Mrkdwn =>
  t.power.notStarted({ env: env.name, kind, why: t.said(why) });

/** `/site sleep <env>` and `/site wake <env>` (the caller checked owner/admin). */
export async function powerService(
  deps: BotServiceDeps,
  cmd: PowerCommand,
  ctx: EnvCommandContext,
): Promise<Reply> {
  const { t } = ctx;
  const checked = checkPowerRecord(cmd.env, ctx.env, cmd.kind);
  if (!checked.ok) return renderRefusal(t, checked.message);
  const holder = await runningLockHolder(deps.store, cmd.env);
  if (holder) return busyReply(deps, holder, ctx.now(), t);
  const started = await startPowerWithMessage(deps, ctx.client, {
    env: ctx.env,
    kind: cmd.kind,
    reason: 'requested',
    requestedBy: ctx.userId,
    isAllowed: ownerOrAdmin(deps, t),
    t,
    ...(ctx.lang ? { lang: ctx.lang } : {}),
  });
  if (!started.ok) return renderRefusal(t, started.message);
  const text = plain(t.said(started.message));
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
  const { t } = ctx;
  if (cmd.hours === 'off') {
    await patchEnv(deps.store, cmd.env, (e) => {
      const { hours: _h, ...meta } = e.meta ?? {};
      return { meta, updatedAt: now };
    });
    const text = t.power.hoursOff({ by: ctx.userId, env: cmd.env });
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
  const text = t.power.hoursSet({
    by: ctx.userId,
    env: cmd.env,
    hours: hoursText(t, hours),
    ...(next ? { next: { kind: next.kind, inMs: next.at - now } } : {}),
    ...(saving !== undefined ? { savingPerDay: saving } : {}),
  });
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
  const { t } = ctx;
  const busy = await runningLockHolder(deps.store, env.name);
  if (busy && busy.run.kind !== 'sleep' && busy.run.kind !== 'wake') {
    // A drill or a teardown holds it: refused, and the press changes nothing (not even Keep awake).
    await refuse(ctx, busyText(t, busy, now, deps.steps(t, busy.lock.kind)));
    return;
  }
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
  const held = keepAwake ? { heldMs: KEEP_AWAKE_MS } : {};
  if (busy?.run.kind === 'sleep') {
    // Going to sleep right now: the reminder pass wakes it once the sleep is over.
    await patchPower(deps, env.name, () => ({ wakeRequested: true }), now);
    await say(ctx, env, t.power.wakeAfterSleep({ by: press.userId, env: env.name, ...held }));
    return;
  }
  if (busy) {
    await refuse(ctx, t.power.wakingAlready({ env: env.name, ...held }));
    return;
  }
  if (!asleep || !current) {
    await say(ctx, env, t.power.isAwake({ by: press.userId, env: env.name, ...held }));
    return;
  }
  const started = await startPowerWithMessage(deps, ctx.client, {
    env: current,
    kind: 'wake',
    reason: keepAwake ? 'keep-awake' : 'requested',
    requestedBy: press.userId,
    isAllowed: ownerOrAdmin(deps, t),
    t,
    ...(ctx.lang ? { lang: ctx.lang } : {}),
  });
  if (!started.ok) await refuse(ctx, plain(t.said(started.message)));
}

async function say(ctx: ButtonContext, env: Environment, text: Mrkdwn): Promise<void> {
  await ctx.client.chat.postMessage({
    channel: env.channel,
    ...message(text, [section(mrkdwn`:sunrise: ${text}`)]),
  });
}
