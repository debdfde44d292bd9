/**
 * Pictures of environments for the web console, the CLI (`sitebot diagram`) and the bot (the
 * PNG in a ready message's thread): the environment from its record and the resources found in
 * AWS, and the latest failover drill's probe timeline. Below the bot and the CLI: it knows the
 * state store and AWS, never Slack. A picture is drawn in the language asked for (the reader's),
 * else that of the run it shows (whoever started it), else the workspace's.
 */
import type { AwsClients } from '../aws/clients';
import { Ec2Adapter } from '../aws/ec2';
import { Elbv2Adapter } from '../aws/elbv2';
import { RdsAdapter } from '../aws/rds';
import { DEFAULT_LANGUAGE_SETTINGS, type Lang, type LanguageSettings } from '../i18n/locale';
import { textsIn, type Texts } from '../i18n/texts';
import { voiceOf } from '../i18n/voice';
import type { Environment, Run, StateStore } from '../state/types';
import { describeModel } from './describe';
import { discoverResources, type DiscoveryAdapters } from './discover';
import { drillSvg, drillTimeline, type DrillTimeline } from './drill';
import { environmentSvg } from './environment-svg';
import { buildDiagramModel, type DiagramModel } from './model';
import { svgToPng } from './png';

export { svgToPng } from './png';
export { describeModel } from './describe';
export type { DiagramModel } from './model';
export type { DrillTimeline } from './drill';

export interface DiagramsOptions {
  store: Pick<StateStore, 'environments' | 'runs'>;
  aws: DiscoveryAdapters;
  /** The two AZs environments use (config.azs). */
  azs: readonly [string, string];
  /** The domain clock (the sandbox's is virtual), for a drill still running. */
  now(): number;
  /** The workspace's language and time zones (SITEBOT_LANG …); English when not given. */
  language?: LanguageSettings;
}

export interface Diagrams {
  /** The environment's picture, or undefined when no environment has that name. */
  environment(name: string, lang?: Lang): Promise<{ model: DiagramModel; svg: string } | undefined>;
  /** The latest failover drill's timeline, or undefined when the environment was never drilled. */
  drill(name: string, lang?: Lang): Promise<{ timeline: DrillTimeline; svg: string } | undefined>;
  png(svg: string): Promise<Buffer>;
  /** The environment as a PNG with its one-sentence description (the bot's thread picture). */
  picture(name: string, lang?: Lang): Promise<{ png: Buffer; alt: string } | undefined>;
}

export function discoveryAdapters(clients: Pick<AwsClients, 'ec2' | 'elbv2' | 'rds'>): DiscoveryAdapters {
  return {
    ec2: new Ec2Adapter(clients.ec2),
    elbv2: new Elbv2Adapter(clients.elbv2),
    rds: new RdsAdapter(clients.rds),
  };
}

async function latestDrill(store: DiagramsOptions['store'], env: string): Promise<Run | undefined> {
  const runs = await store.runs.listByEnv(env, 50);
  return runs.filter((r) => r.kind === 'failover').sort((a, b) => b.createdAt - a.createdAt)[0];
}

export function createDiagrams(options: DiagramsOptions): Diagrams {
  const settings = options.language ?? DEFAULT_LANGUAGE_SETTINGS;
  /** The words a picture of `env` is drawn in: `lang`, else `run`'s starter's, else the workspace's. */
  const textsOf = (env: Pick<Environment, 'channel'>, lang: Lang | undefined, run: Run | undefined): Texts =>
    textsIn(settings, lang ?? (run ? voiceOf(run.params).lang : undefined), env.channel);
  const latestRun = async (env: Environment) => {
    const id = env.currentRunId ?? env.lastRunId;
    return id ? options.store.runs.get(id).catch(() => undefined) : undefined;
  };
  const draw = async (env: Environment, t: Texts) => {
    const model = buildDiagramModel(await discoverResources(env, options.azs, options.aws));
    return { model, svg: environmentSvg(model, t), t };
  };
  const environmentIn = async (name: string, lang: Lang | undefined) => {
    const env = await options.store.environments.get(name);
    if (!env) return undefined;
    return draw(env, textsOf(env, lang, lang ? undefined : await latestRun(env)));
  };
  return {
    async environment(name, lang) {
      const drawn = await environmentIn(name, lang);
      return drawn && { model: drawn.model, svg: drawn.svg };
    },
    async drill(name, lang) {
      const run = await latestDrill(options.store, name);
      if (!run) return undefined;
      const timeline = drillTimeline(run, options.now());
      const t = textsOf({ channel: run.notify?.channel ?? '' }, lang, run);
      return { timeline, svg: drillSvg(timeline, t) };
    },
    png: (svg) => svgToPng(svg),
    async picture(name, lang) {
      const drawn = await environmentIn(name, lang);
      return drawn && { png: await svgToPng(drawn.svg), alt: describeModel(drawn.model, drawn.t) };
    },
  };
}
