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
import type { Lang } from '../i18n/locale';
import type { Texts } from '../i18n/texts';
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
import { mrkdwn, unescapeSlackText } from './views/mrkdwn';
import { renderHelp } from './views/help';
import type { Reply } from './views/reply';

export interface DispatchDeps {
  config: Config;
  store: StateStore;
}

/** Who asked, where, in which language, and the domain clock: all a read-only answer needs. */
export interface RouteContext {
  userId: string;
  channelId: string;
  now(): number;
  /** The reader's texts (their language, else the workspace's; this channel's time zone). */
  t: Texts;
  /** The reader's own choice (`/site lang`), recorded on runs they start. */
  lang?: Lang;
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
  // Slack sends the typed text escaped; the grammar and every echo work on what was typed.
  const parsed = parseCommand(unescapeSlackText(text), grammarLimits(deps.config));
  if (parsed.kind === 'error') return reply(renderCommandError(ctx.t, parsed.error, parsed.sub));
  const channel = checkChannel(deps.config.slack, parsed, ctx.channelId, ctx.t);
  if (!channel.allowed) return reply(renderRefusalMd(mrkdwn`:no_entry: ${channel.reason}`));
  return routeCommand(parsed, ctx, deps);
}

const reply = (r: Reply): Routed => ({ kind: 'reply', reply: r });
const service = (call: ServiceCall): Routed => ({ kind: 'service', call });

async function routeCommand(cmd: Command, ctx: RouteContext, deps: DispatchDeps): Promise<Routed> {
  const { store } = deps;
  const { t } = ctx;
  const notAvailable = async (what: string): Promise<Reply> => renderNotAvailable(t, what);
  switch (cmd.kind) {
    case 'help':
      return reply(renderHelp(t, grammarLimits(deps.config)));
    case 'list': {
      const now = ctx.now();
      const envs = await store.environments.listActive();
      return reply(renderList(t, envs, now, await costsOf(store, envs, now), cmd.page));
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
        return reply(renderStatusAll(t, envs, now, runs, cmd.page, await costsOf(store, envs, now)));
      }
      const env = await store.environments.get(cmd.env);
      if (!env) return reply(renderEnvNotFound(t, cmd.env));
      const run = env.currentRunId ? await store.runs.get(env.currentRunId) : undefined;
      return reply(
        renderEnvStatus(t, {
          env,
          ...(run ? { run, steps: WORKFLOW_STEPS(t, run.kind) } : {}),
          now,
          estimate: await environmentCost(store, env, now),
          resources: await currentResources(store, env),
        }),
      );
    }
    // A dry run included: its preflight asks AWS, which is not for the receiver's 3 s.
    case 'create':
      return service((s, c) => (s.startCreate ? s.startCreate(cmd, c) : notAvailable('/site create')));
    // `/site explain <env>` posts in the env's thread; `/site lang` writes the choice.
    case 'explain':
      return service((s, c) => (s.explain ? s.explain(cmd, c) : notAvailable('/site explain')));
    case 'lang':
      return service((s, c) => (s.setLang ? s.setLang(cmd, c) : notAvailable('/site lang')));
    case 'destroy':
    case 'failover':
    case 'extend':
    case 'sleep':
    case 'wake':
    case 'hours': {
      const env = await store.environments.get(cmd.env);
      if (!env || env.status === 'destroyed') return reply(renderEnvNotFound(t, cmd.env));
      const owner = checkOwnership(deps.config.slack, env, ctx.userId, t);
      if (!owner.allowed) return reply(renderRefusalMd(mrkdwn`:no_entry: ${owner.reason}`));
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
      if (cmd.kind === 'sleep' || cmd.kind === 'wake') {
        return service((s, c) => (s.power ? s.power(cmd, { ...c, env }) : notAvailable(`/site ${cmd.kind}`)));
      }
      if (cmd.kind === 'hours') {
        return service((s, c) => (s.hours ? s.hours(cmd, { ...c, env }) : notAvailable('/site hours')));
      }
      return service((s, c) => (s.extend ? s.extend(cmd, { ...c, env }) : notAvailable('/site extend')));
    }
  }
}

async function costsOf(store: StateStore, envs: readonly Environment[], now: number): Promise<CostsByEnv> {
  return new Map(
    await Promise.all(envs.map(async (e) => [e.name, await environmentCost(store, e, now)] as const)),
  );
}
