/**
 * `/site create`: a dry run answers the plan and its cost; otherwise the checks that refuse
 * without creating anything (name in use, env locked), then the progress message is posted in
 * the channel and the run starts with it as `notify`, so the progress sink edits that message.
 * A failed create of the same name resumes (its run keeps its original progress message).
 */
import { describeLock } from '../../workflows/engine/lock-message';
import { planCreate, startCreate } from '../../workflows/operations/create';
import type { CreateCommand } from '../grammar';
import type { CommandContext } from '../services';
import { renderDryRun } from '../views/create-plan';
import { renderRefusal } from '../views/error';
import { ephemeral, section, type Reply } from '../views/reply';
import type { BotServiceDeps } from './deps';

/** A name in use (unless it is a failed create to resume) or a lock held by a running run. */
async function refusal(deps: BotServiceDeps, name: string, now: number): Promise<string | undefined> {
  const { store } = deps;
  const existing = await store.environments.get(name);
  if (existing && existing.status !== 'destroyed') {
    // A `creating` record without a run is a crashed start that startCreate adopts.
    const adoptable = existing.status === 'creating' && !existing.currentRunId;
    if (!adoptable && !(await resumable(deps, name))) {
      const since = new Date(existing.createdAt).toISOString().replace(/\.\d+Z$/, 'Z');
      return `${name} already exists (${existing.status}, owner <@${existing.owner}>, created ${since}); pick another name or destroy it first`;
    }
  }
  const lock = await store.locks.get(name);
  if (lock) {
    const run = await store.runs.get(lock.runId);
    if (run?.status === 'running') {
      return describeLock(lock, run, now).replace(/started by (\S+)/, 'started by <@$1>');
    }
  }
  return undefined;
}

/** The failed create run a new create of this name would resume, if any. */
async function resumable(deps: BotServiceDeps, name: string): Promise<boolean> {
  const env = await deps.store.environments.get(name);
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
  const refused = await refusal(deps, cmd.env, now);
  if (refused) return renderRefusal(`:no_entry: ${refused}`);

  const resume = await resumable(deps, cmd.env);
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
    { store: deps.store, service: deps.service, createConfig: deps.createConfig, now: ctx.now },
    {
      env: cmd.env,
      requestedBy: ctx.userId,
      channel: ctx.channelId,
      ttlMs: cmd.ttlMs,
      multiAz: cmd.multiAz,
      notify: { channel: ctx.channelId, ...(messageTs ? { messageTs } : {}) },
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
  const line = started.resumed
    ? `Resuming the failed create of ${cmd.env} where it stopped (run ${started.run.runId}); progress in its message above.`
    : `Creating ${cmd.env} (run ${started.run.runId}); progress in the channel.`;
  return ephemeral(line, [section(line)]);
}
