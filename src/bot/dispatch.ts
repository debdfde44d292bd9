/**
 * From command text to the reply: parse, check the channel, load and authorize the environment,
 * then either answer (help, list, status, a dry run, every refusal) or hand over to a service.
 * Nothing here writes to the store or calls Slack; only services do.
 *
 * Two callers: the receiver answers what it can within Slack's 3 s (`answerCommand`: a reply,
 * or "defer" when a service must act), and the job runner, after the ack, runs the whole command
 * with its service (`dispatchCommand`). Both go through the same `route`, so the checks a
 * receiver made are made again when the service runs (state may have changed in between).
 */
import type { StateStore } from '../state/types';
import type { Config } from '../config/config';
import { resolveCreateConfig, type CreateConfig } from '../workflows/create/deps';
import { planCreate } from '../workflows/operations/create';
import { checkChannel, checkOwnership } from './authorization';
import { environmentCost } from './env-cost';
import { WORKFLOW_STEPS } from './workflow-steps';
import { parseCommand, type Command, type GrammarLimits } from './grammar';
import type { BotServices, CommandContext } from './services';
import { renderDryRun } from './views/create-plan';
import { renderCommandError, renderNotAvailable, renderRefusal } from './views/error';
import { renderEnvNotFound, renderEnvStatus, renderList, renderStatusAll } from './views/environments';
import { renderHelp } from './views/help';
import type { Reply } from './views/reply';

export interface DispatchDeps {
  config: Config;
  store: StateStore;
  /** For `create --dry-run`; default: the config's region and AZs with the create defaults. */
  createConfig?: CreateConfig;
}

/** Who asked, where, and the domain clock: all a read-only answer needs. */
export interface RouteContext {
  userId: string;
  channelId: string;
  now(): number;
}

type ServiceCall = (services: BotServices, ctx: CommandContext) => Promise<Reply>;

type Routed = { kind: 'reply'; reply: Reply } | { kind: 'service'; call: ServiceCall };

export type CommandAnswer = { kind: 'reply'; reply: Reply } | { kind: 'defer' };

export function grammarLimits(config: Config): GrammarLimits {
  return { defaultTtlMs: config.ttl.defaultMs, maxTtlMs: config.ttl.maxMs };
}

/** The receiver's part: a reply now, or `defer` when a service has to act (after the ack). */
export async function answerCommand(
  text: string,
  ctx: RouteContext,
  deps: DispatchDeps,
): Promise<CommandAnswer> {
  const routed = await route(text, ctx, deps);
  return routed.kind === 'reply' ? routed : { kind: 'defer' };
}

/** The whole command, its service included. */
export async function dispatchCommand(
  text: string,
  ctx: CommandContext,
  deps: DispatchDeps & { services: BotServices },
): Promise<Reply> {
  const routed = await route(text, ctx, deps);
  return routed.kind === 'reply' ? routed.reply : routed.call(deps.services, ctx);
}

async function route(text: string, ctx: RouteContext, deps: DispatchDeps): Promise<Routed> {
  const parsed = parseCommand(text, grammarLimits(deps.config));
  if (parsed.kind === 'error') return reply(renderCommandError(parsed.error));
  const channel = checkChannel(deps.config.slack, parsed, ctx.channelId);
  if (!channel.allowed) return reply(renderRefusal(channel.reason));
  return routeCommand(parsed, ctx, deps);
}

const reply = (r: Reply): Routed => ({ kind: 'reply', reply: r });
const service = (call: ServiceCall): Routed => ({ kind: 'service', call });

async function routeCommand(cmd: Command, ctx: RouteContext, deps: DispatchDeps): Promise<Routed> {
  const { store } = deps;
  switch (cmd.kind) {
    case 'help':
      return reply(renderHelp(grammarLimits(deps.config)));
    case 'list': {
      const now = ctx.now();
      const envs = await store.environments.listActive();
      const costs = new Map(
        await Promise.all(envs.map(async (e) => [e.name, await environmentCost(store, e, now)] as const)),
      );
      return reply(renderList(envs, now, costs));
    }
    case 'status': {
      if (cmd.env === undefined)
        return reply(renderStatusAll(await store.environments.listActive(), ctx.now()));
      const env = await store.environments.get(cmd.env);
      if (!env) return reply(renderEnvNotFound(cmd.env));
      const run = env.currentRunId ? await store.runs.get(env.currentRunId) : undefined;
      const now = ctx.now();
      const estimate = env.status === 'destroyed' ? undefined : await environmentCost(store, env, now);
      const steps = run ? [...(WORKFLOW_STEPS[run.kind] ?? [])] : [];
      return reply(renderEnvStatus(env, run, now, steps, { estimate }));
    }
    case 'create': {
      if (cmd.dryRun) {
        const createConfig =
          deps.createConfig ?? resolveCreateConfig({ region: deps.config.region, azs: deps.config.azs });
        const { plan, estimate } = planCreate(cmd.env, cmd.multiAz, createConfig);
        return reply(renderDryRun(plan, estimate));
      }
      return service((s, c) => (s.startCreate ? s.startCreate(cmd, c) : notAvailable('/site create')));
    }
    case 'destroy':
    case 'failover':
    case 'extend': {
      const env = await store.environments.get(cmd.env);
      if (!env || env.status === 'destroyed') return reply(renderEnvNotFound(cmd.env));
      const owner = checkOwnership(deps.config.slack, env, ctx.userId);
      if (!owner.allowed) return reply(renderRefusal(owner.reason));
      if (cmd.kind === 'destroy') {
        return service((s, c) =>
          s.startDestroy ? s.startDestroy(cmd, { ...c, env }) : notAvailable('/site destroy'),
        );
      }
      if (cmd.kind === 'failover') {
        return service((s, c) =>
          s.startFailover ? s.startFailover(cmd, { ...c, env }) : notAvailable('/site failover'),
        );
      }
      return service((s, c) => (s.extend ? s.extend(cmd, { ...c, env }) : notAvailable('/site extend')));
    }
  }
}

const notAvailable = async (what: string): Promise<Reply> => renderNotAvailable(what);
