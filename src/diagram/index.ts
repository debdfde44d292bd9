/**
 * Pictures of environments for the web console, the CLI (`sitebot diagram`) and the bot (the
 * PNG in a ready message's thread): the environment from its record and the resources found in
 * AWS, and the latest failover drill's probe timeline. Below the bot and the CLI: it knows the
 * state store and AWS, never Slack.
 */
import type { AwsClients } from '../aws/clients';
import { Ec2Adapter } from '../aws/ec2';
import { Elbv2Adapter } from '../aws/elbv2';
import { RdsAdapter } from '../aws/rds';
import type { Run, StateStore } from '../state/types';
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
}

export interface Diagrams {
  /** The environment's picture, or undefined when no environment has that name. */
  environment(name: string): Promise<{ model: DiagramModel; svg: string } | undefined>;
  /** The latest failover drill's timeline, or undefined when the environment was never drilled. */
  drill(name: string): Promise<{ timeline: DrillTimeline; svg: string } | undefined>;
  png(svg: string): Promise<Buffer>;
  /** The environment as a PNG with its one-sentence description (the bot's thread picture). */
  picture(name: string): Promise<{ png: Buffer; alt: string } | undefined>;
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
  const environment: Diagrams['environment'] = async (name) => {
    const env = await options.store.environments.get(name);
    if (!env) return undefined;
    const model = buildDiagramModel(await discoverResources(env, options.azs, options.aws));
    return { model, svg: environmentSvg(model) };
  };
  return {
    environment,
    async drill(name) {
      const run = await latestDrill(options.store, name);
      if (!run) return undefined;
      const timeline = drillTimeline(run, options.now());
      return { timeline, svg: drillSvg(timeline) };
    },
    png: (svg) => svgToPng(svg),
    async picture(name) {
      const env = await environment(name);
      return env && { png: await svgToPng(env.svg), alt: describeModel(env.model) };
    },
  };
}
