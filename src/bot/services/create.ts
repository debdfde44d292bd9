/**
 * `/site create`: a dry run answers the plan, its cost and (where this process can) the
 * preflight; otherwise the checks that refuse without creating anything (name in use, env
 * locked, the preflight: quotas and offerings), then the run starts and — only once it is
 * certain to start — its progress message is posted in the channel (`announce`). A refusal is
 * private and posts nothing in the channel; so is a create whose message the bot cannot post
 * (not invited, archived channel: the person is told how to fix it), which leaves nothing
 * behind. A failed create of the same name resumes (its run keeps its original progress message).
 */
import { channelTimeZone } from '../../config/config';
import { officeHoursOf } from '../../state/power';
import type { Environment } from '../../state/types';
import { planCreate, startCreate } from '../../workflows/operations/create';
import type { CreateCommand } from '../grammar';
import type { CommandContext } from '../services';
import { renderCannotPost } from '../views/channel-access';
import { renderDryRun } from '../views/create-plan';
import { hoursText } from '../views/power';
import { renderRefusal, renderRefusalMd } from '../views/error';
import { mrkdwn, plain } from '../views/mrkdwn';
import { renderInUse } from '../views/refusals';
import type { Reply } from '../views/reply';
import { renderRunStarted } from '../views/run-started';
import { announceIn } from './announce';
import { busyReply, runningLockHolder, type BotServiceDeps } from './deps';

/** Whether a new create of this env resumes its failed create run. */
async function resumable(deps: BotServiceDeps, env: Environment | undefined): Promise<boolean> {
  if (env?.status !== 'failed' || !env.lastRunId) return false;
  const last = await deps.store.runs.get(env.lastRunId);
  return last?.kind === 'create' && last.status === 'failed';
}

export async function startCreateService(
  deps: BotServiceDeps,
  cmd: CreateCommand,
  ctx: CommandContext,
): Promise<Reply> {
  const now = ctx.now();
  // At once, beside the reads below: it takes as long as its slowest AWS call.
  const preflight = deps.preflight?.(cmd.multiAz);
  // Refused before it is awaited (name in use, busy): its outcome no longer matters.
  preflight?.catch(() => undefined);
  if (cmd.dryRun) {
    const { plan, estimate } = planCreate(cmd.env, cmd.multiAz, deps.createConfig);
    return renderDryRun(ctx.t, plan, estimate, await preflight);
  }
  // Read once: the refusal and the resume decision both look at the current record.
  const existing = await deps.store.environments.get(cmd.env);
  const resume = await resumable(deps, existing);
  // A `creating` record without a run is a crashed start that startCreate adopts.
  const adoptable = existing?.status === 'creating' && !existing.currentRunId;
  if (existing && existing.status !== 'destroyed' && !adoptable && !resume)
    return renderInUse(ctx.t, existing);
  const holder = await runningLockHolder(deps.store, cmd.env);
  if (holder) return busyReply(deps, holder, now, ctx.t);
  // A resumed create passed its preflight when it first ran.
  const report = resume ? undefined : await preflight;
  if (report && !report.ok)
    return renderRefusalMd(
      mrkdwn`:no_entry: ${ctx.t.plan.notCreated({ env: cmd.env, refusal: ctx.t.said(report.refusal) })}`,
    );

  const announcer = announceIn(deps, ctx.client, ctx.channelId);
  const started = await startCreate(
    {
      store: deps.store,
      service: deps.service,
      createConfig: deps.createConfig,
      channelBudgetUsd: deps.config.channelBudgetUsd,
      now: ctx.now,
    },
    {
      env: cmd.env,
      requestedBy: ctx.userId,
      channel: ctx.channelId,
      ttlMs: cmd.ttlMs,
      multiAz: cmd.multiAz,
      notify: { channel: ctx.channelId },
      announce: announcer.announce,
      voice: { ...(ctx.lang ? { lang: ctx.lang } : {}), explain: cmd.explain },
      ...(report ? { preflight: { report, checkedAt: now } } : {}),
      siteCheck: deps.config.siteCheck,
      ...(cmd.hours
        ? { hours: { ...cmd.hours, timeZone: channelTimeZone(deps.config, ctx.channelId), setAt: now } }
        : {}),
    },
  );
  if (!started.ok) {
    const problem = announcer.refused();
    if (problem)
      return renderCannotPost(ctx.t, problem, `/site create ${cmd.env}`, deps.config.slack.botUserId);
    await announcer.withdraw(plain(ctx.t.said(started.message)));
    if (started.existing) return renderInUse(ctx.t, started.existing);
    if (started.busy) return busyReply(deps, started.busy, now, ctx.t);
    return renderRefusal(ctx.t, started.message);
  }
  const hours = officeHoursOf(started.env);
  return renderRunStarted(ctx.t, started.run, {
    resumed: started.resumed,
    explain: cmd.explain,
    ...(hours ? { hours: hoursText(ctx.t, hours) } : {}),
  });
}
