/**
 * `/site failover <env> [web|db|all] [--force]`: the record's preconditions first (refusals
 * create nothing and post nothing), then the progress message, then the drill with it as
 * `notify`. The final report (sparkline, outage windows, pass/fail) lands in that message and
 * as a thread reply (SlackProgressSink).
 */
import { checkEnvRecord } from '../../workflows/failover/preconditions';
import { startFailover } from '../../workflows/failover/start';
import { checkOwnership } from '../authorization';
import type { FailoverCommand } from '../grammar';
import type { EnvCommandContext } from '../services';
import { renderRefusal } from '../views/error';
import { renderAsleepRefusal } from '../views/power';
import { ephemeral, section, type Reply } from '../views/reply';
import { describeBusy, runningLockHolder, type BotServiceDeps } from './deps';

export async function failoverService(
  deps: BotServiceDeps,
  cmd: FailoverCommand,
  ctx: EnvCommandContext,
): Promise<Reply> {
  const checked = checkEnvRecord(cmd.env, ctx.env, cmd.target, cmd.force);
  if (!checked.ok && checked.reason === 'asleep') return renderAsleepRefusal(cmd.env, checked.message);
  if (!checked.ok) return renderRefusal(`:no_entry: ${checked.message}`);
  const holder = await runningLockHolder(deps.store, cmd.env);
  if (holder) return renderRefusal(`:no_entry: ${describeBusy(holder, ctx.now())}`);
  const posted = await ctx.client.chat.postMessage({
    channel: ctx.channelId,
    text: `Failover drill on ${cmd.env}…`,
    blocks: [
      section(
        `:hourglass_flowing_sand: Failover drill (${cmd.target}) on *${cmd.env}* for <@${ctx.userId}>…`,
      ),
    ],
  });
  const started = await startFailover(deps.service, deps.store, {
    env: cmd.env,
    requestedBy: ctx.userId,
    channel: ctx.channelId,
    target: cmd.target,
    force: cmd.force,
    notify: { channel: ctx.channelId, ...(posted.ts ? { messageTs: posted.ts } : {}) },
    isAllowed: (env, userId) => checkOwnership(deps.config.slack, env, userId).allowed,
  });
  if (!started.ok) {
    if (posted.ts) {
      const text = `Failover drill on ${cmd.env} refused: ${started.message}`;
      await ctx.client.chat
        .update({ channel: ctx.channelId, ts: posted.ts, text, blocks: [section(`:no_entry: ${text}`)] })
        .catch(() => undefined);
    }
    return renderRefusal(`:no_entry: ${started.message}`);
  }
  return ephemeral(started.message, [section(started.message)]);
}
