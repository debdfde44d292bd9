/**
 * From command text to the reply the bot acks with: parse, check the channel, load and
 * authorize the environment, then answer (help/list/status) or hand over to a service.
 * Nothing here writes to the store; only services do.
 */
import type { StateStore } from '../state/types';
import type { Config } from '../config/config';
import { checkChannel, checkOwnership } from './authorization';
import type { Environment, Run } from '../state/types';
import { environmentCost } from '../workflows/operations/env-cost';
import { currentResources } from '../workflows/operations/env-inventory';
import { WORKFLOW_STEPS } from './workflow-steps';
import { parseCommand, type Command, type GrammarLimits } from './grammar';
import type { BotServices, CommandContext } from './services';
import { renderCommandError, renderNotAvailable, renderRefusalMd } from './views/error';
import {
  renderEnvNotFound,
  renderEnvStatus,
  renderList,
  renderStatusAll,
  type CostsByEnv,
} from './views/environments';
import { mrkdwn } from './views/mrkdwn';
import { renderHelp } from './views/help';
import type { Reply } from './views/reply';

export interface DispatchDeps {
  config: Config;
  store: StateStore;
  services: BotServices;
}

export function grammarLimits(config: Config): GrammarLimits {
  return { defaultTtlMs: config.ttl.defaultMs, maxTtlMs: config.ttl.maxMs };
}

export async function dispatchCommand(text: string, ctx: CommandContext, deps: DispatchDeps): Promise<Reply> {
  const parsed = parseCommand(text, grammarLimits(deps.config));
  if (parsed.kind === 'error') return renderCommandError(parsed.error, parsed.sub);
  const channel = checkChannel(deps.config.slack, parsed, ctx.channelId);
  if (!channel.allowed) return renderRefusalMd(mrkdwn`:no_entry: ${channel.reason}`);
  return answer(parsed, ctx, deps);
}

async function answer(cmd: Command, ctx: CommandContext, deps: DispatchDeps): Promise<Reply> {
  const { store, services } = deps;
  switch (cmd.kind) {
    case 'help':
      return renderHelp(grammarLimits(deps.config));
    case 'list': {
      const now = ctx.now();
      const envs = await store.environments.listActive();
      return renderList(envs, now, await costsOf(store, envs, now), cmd.page);
    }
    case 'status': {
      const now = ctx.now();
      if (cmd.env === undefined) {
        const envs = await store.environments.listActive();
        const runs = new Map<string, Run>();
        for (const e of envs) {
          const run = e.currentRunId ? await store.runs.get(e.currentRunId) : undefined;
          if (run) runs.set(run.runId, run);
        }
        return renderStatusAll(envs, now, runs, cmd.page, await costsOf(store, envs, now));
      }
      const env = await store.environments.get(cmd.env);
      if (!env) return renderEnvNotFound(cmd.env);
      const run = env.currentRunId ? await store.runs.get(env.currentRunId) : undefined;
      return renderEnvStatus({
        env,
        ...(run ? { run, steps: WORKFLOW_STEPS[run.kind] ?? [] } : {}),
        now,
        estimate: await environmentCost(store, env, now),
        resources: await currentResources(store, env),
      });
    }
    case 'create':
      return services.startCreate ? services.startCreate(cmd, ctx) : renderNotAvailable('/site create');
    case 'destroy':
    case 'failover':
    case 'extend':
    case 'sleep':
    case 'wake':
    case 'hours': {
      const env = await store.environments.get(cmd.env);
      if (!env || env.status === 'destroyed') return renderEnvNotFound(cmd.env);
      const owner = checkOwnership(deps.config.slack, env, ctx.userId);
      if (!owner.allowed) return renderRefusalMd(mrkdwn`:no_entry: ${owner.reason}`);
      const envCtx = { ...ctx, env };
      if (cmd.kind === 'destroy') {
        return services.startDestroy
          ? services.startDestroy(cmd, envCtx)
          : renderNotAvailable('/site destroy');
      }
      if (cmd.kind === 'failover') {
        return services.startFailover
          ? services.startFailover(cmd, envCtx)
          : renderNotAvailable('/site failover');
      }
      if (cmd.kind === 'sleep' || cmd.kind === 'wake') {
        return services.power ? services.power(cmd, envCtx) : renderNotAvailable(`/site ${cmd.kind}`);
      }
      if (cmd.kind === 'hours') {
        return services.hours ? services.hours(cmd, envCtx) : renderNotAvailable('/site hours');
      }
      return services.extend ? services.extend(cmd, envCtx) : renderNotAvailable('/site extend');
    }
  }
}

async function costsOf(store: StateStore, envs: readonly Environment[], now: number): Promise<CostsByEnv> {
  return new Map(
    await Promise.all(envs.map(async (e) => [e.name, await environmentCost(store, e, now)] as const)),
  );
}
