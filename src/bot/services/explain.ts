/**
 * `/site explain`: without a subject, the explained steps (create and failover) with their titles;
 * `/site explain <step>`, that step privately (the default settings stand in for a run's facts);
 * `/site explain <env>`, the explanations of that env's last create, posted in the thread of its
 * progress message with that run's numbers. They go through the outbox under the same id per
 * step as `--explain`, so a step explained once is never posted again, whoever asks.
 */
import {
  DEFAULT_FAILOVER_EXPLAIN,
  explainStepById,
  explanationMessageId,
  startedStepExplanations,
  type ExplainSettings,
} from '../explanations';
import type { ExplainCommand } from '../grammar';
import type { CommandContext } from '../services';
import { renderEnvNotFound } from '../views/environments';
import { renderNotAvailable } from '../views/error';
import {
  renderEnvExplained,
  renderExplainedSteps,
  renderExplanation,
  renderStepExplanations,
  type EnvExplainOutcome,
} from '../views/explanation';
import type { Reply } from '../views/reply';
import type { BotServiceDeps } from './deps';

/** What the explanations cite: this bot's create settings, the drill's default pace and objectives. */
const settingsOf = (deps: BotServiceDeps): ExplainSettings => ({
  create: deps.createConfig,
  failover: DEFAULT_FAILOVER_EXPLAIN,
});

export async function explainService(
  deps: BotServiceDeps,
  cmd: ExplainCommand,
  ctx: CommandContext,
): Promise<Reply> {
  if (cmd.step !== undefined)
    return renderStepExplanations(ctx.t, explainStepById(ctx.t, cmd.step, settingsOf(deps)));
  if (cmd.env === undefined) return renderExplainedSteps(ctx.t);
  if (!deps.outbox) return renderNotAvailable(ctx.t, `/site explain ${cmd.env}`);
  const env = await deps.store.environments.get(cmd.env);
  if (!env) return renderEnvNotFound(ctx.t, cmd.env);
  return renderEnvExplained(ctx.t, await explainEnv(deps, deps.outbox, cmd.env, ctx));
}

async function explainEnv(
  deps: BotServiceDeps,
  outbox: NonNullable<BotServiceDeps['outbox']>,
  name: string,
  ctx: CommandContext,
): Promise<EnvExplainOutcome> {
  // Newest first: the create that made the env as it is now.
  const run = (await deps.store.runs.listByEnv(name)).find((r) => r.kind === 'create');
  if (!run) return { kind: 'no-create', env: name };
  const channel = run.notify?.channel;
  if (!channel) return { kind: 'no-thread', env: name };
  if (channel !== ctx.channelId) return { kind: 'elsewhere', env: name, channel };
  // A progress message replaced since the run began is the one its thread is under now.
  const pointer = await deps.runMessages?.runMessage(run.runId).catch(() => undefined);
  const ts = (pointer?.channel === channel ? pointer.ts : undefined) ?? run.notify?.messageTs;
  if (!ts) return { kind: 'no-thread', env: name };
  let posted = 0;
  for (const step of startedStepExplanations(ctx.t, run, settingsOf(deps))) {
    const reply = renderExplanation(ctx.t, step.title, step.explanation, step.state);
    const sent = await outbox.send({
      id: explanationMessageId(run, step.id, ctx.t.lang, deps.config.i18n.lang),
      about: { purpose: 'run.explain', env: name, runId: run.runId },
      steps: [{ op: 'post', channel, ...reply, threadTs: ts }],
    });
    if (sent) posted++;
  }
  return posted > 0 ? { kind: 'posted', env: name, n: posted } : { kind: 'already', env: name };
}
