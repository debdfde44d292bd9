/**
 * `/site failover <env> [web|db|all] [--force]`: the record's preconditions first (refusals
 * create nothing and post nothing: they are private), then the drill, whose progress message is
 * posted once it is certain to start (a channel the bot cannot post in starts nothing and is
 * answered privately with how to fix it). The final report (sparkline, outage windows, pass/fail)
 * lands in that message and as a thread reply (SlackProgressSink).
 */
import { checkEnvRecord } from '../../workflows/failover/preconditions';
import { startFailover } from '../../workflows/failover/start';
import { checkOwnership } from '../authorization';
import type { FailoverCommand } from '../grammar';
import type { EnvCommandContext } from '../services';
import { renderCannotPost } from '../views/channel-access';
import { renderRefusal } from '../views/error';
import { renderAsleepRefusal } from '../views/power';
import type { Reply } from '../views/reply';
import { renderDrillStarted } from '../views/run-started';
import { announceIn } from './announce';
import { busyReply, runningLockHolder, type BotServiceDeps } from './deps';

export async function failoverService(
  deps: BotServiceDeps,
  cmd: FailoverCommand,
  ctx: EnvCommandContext,
): Promise<Reply> {
  const checked = checkEnvRecord(cmd.env, ctx.env, cmd.target, cmd.force);
  if (!checked.ok && checked.reason === 'asleep')
    return renderAsleepRefusal(ctx.t, cmd.env, ctx.t.said(checked.message));
  if (!checked.ok) return renderRefusal(ctx.t, checked.message);
  const holder = await runningLockHolder(deps.store, cmd.env);
  if (holder) return busyReply(deps, holder, ctx.now(), ctx.t);
  const announcer = announceIn(deps, ctx.client, ctx.channelId);
  const started = await startFailover(deps.service, deps.store, {
    env: cmd.env,
    requestedBy: ctx.userId,
    channel: ctx.channelId,
    target: cmd.target,
    force: cmd.force,
    notify: { channel: ctx.channelId },
    announce: announcer.announce,
    voice: { ...(ctx.lang ? { lang: ctx.lang } : {}), explain: cmd.explain },
    isAllowed: (env, userId) => checkOwnership(deps.config.slack, env, userId, ctx.t).allowed,
  });
  if (!started.ok) {
    const problem = announcer.refused();
    if (problem) {
      const command = `/site failover ${cmd.env} ${cmd.target}`;
      return renderCannotPost(ctx.t, problem, command, deps.config.slack.botUserId);
    }
    return renderRefusal(ctx.t, started.message);
  }
  return renderDrillStarted(ctx.t, started.message, cmd.explain);
}
