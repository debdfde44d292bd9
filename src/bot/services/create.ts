/**
 * `/site create`: a dry run answers the plan and its cost; otherwise the checks that refuse
 * without creating anything (name in use, env locked), then the progress message is posted in
 * the channel and the run starts with it as `notify`, so the progress sink edits that message.
 * A failed create of the same name resumes (its run keeps its original progress message).
 */
import { channelTimeZone } from '../../config/config';
import { officeHoursOf } from '../../state/power';
import type { Environment } from '../../state/types';
import { describeHours } from '../../workflows/remind/office-hours';
import { planCreate, startCreate } from '../../workflows/operations/create';
import type { CreateCommand } from '../grammar';
import type { CommandContext } from '../services';
import { renderDryRun } from '../views/create-plan';
import { renderRefusal } from '../views/error';
import { ephemeral, section, type Reply } from '../views/reply';
import { describeBusy, runningLockHolder, type BotServiceDeps } from './deps';

/** A name in use (unless it is a failed create to resume) or a lock held by a running run. */
async function refusal(
  deps: BotServiceDeps,
  name: string,
  existing: Environment | undefined,
  resume: boolean,
  now: number,
): Promise<string | undefined> {
  if (existing && existing.status !== 'destroyed') {
    // A `creating` record without a run is a crashed start that startCreate adopts.
    const adoptable = existing.status === 'creating' && !existing.currentRunId;
    if (!adoptable && !resume) {
      const since = new Date(existing.createdAt).toISOString().replace(/\.\d+Z$/, 'Z');
      return `${name} already exists (${existing.status}, owner <@${existing.owner}>, created ${since}); pick another name or destroy it first`;
    }
  }
  const holder = await runningLockHolder(deps.store, name);
  return holder ? describeBusy(holder, now) : undefined;
}

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
  if (cmd.dryRun) {
    const { plan, estimate } = planCreate(cmd.env, cmd.multiAz, deps.createConfig);
    return renderDryRun(plan, estimate);
  }
  // Read once: the refusal and the resume decision both look at the current record.
  const existing = await deps.store.environments.get(cmd.env);
  const resume = await resumable(deps, existing);
  const refused = await refusal(deps, cmd.env, existing, resume, now);
  if (refused) return renderRefusal(`:no_entry: ${refused}`);

  let messageTs: string | undefined;
  if (!resume) {
    const posted = await ctx.client.chat.postMessage({
      channel: ctx.channelId,
      text: `Creating ${cmd.env}…`,
      blocks: [section(`:hourglass_flowing_sand: Creating *${cmd.env}* for <@${ctx.userId}>…`)],
    });
    messageTs = posted.ts;
  }
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
      notify: { channel: ctx.channelId, ...(messageTs ? { messageTs } : {}) },
      ...(cmd.hours
        ? { hours: { ...cmd.hours, timeZone: channelTimeZone(deps.config, ctx.channelId), setAt: now } }
        : {}),
    },
  );
  if (!started.ok) {
    if (messageTs) {
      await ctx.client.chat
        .update({
          channel: ctx.channelId,
          ts: messageTs,
          text: `Create of ${cmd.env} refused.`,
          blocks: [section(`:no_entry: Create of *${cmd.env}* refused: ${started.message}`)],
        })
        .catch(() => undefined);
    }
    return renderRefusal(`:no_entry: ${started.message}`);
  }
  const hours = officeHoursOf(started.env);
  const line = started.resumed
    ? `Resuming the failed create of ${cmd.env} where it stopped (run ${started.run.runId}); progress in its message above.`
    : `Creating ${cmd.env} (run ${started.run.runId}); progress in the channel.${hours ? ` Office hours: ${describeHours(hours)}.` : ''}`;
  return ephemeral(line, [section(line)]);
}
