/**
 * What a finished create run leaves in the environment record: the physical ids by role and
 * the outputs people need. Only ids and endpoints: never a secret value.
 */
import type { Run } from '../../state/types';
import type { FinishContext } from '../engine/types';
import type { CreateDeps } from './deps';

type OutputsOf = (stepId: string) => Readonly<Record<string, unknown>>;

/** Step output → environment `resources` key. */
const RESOURCE_KEYS: [stepId: string, output: string, role: string][] = [
  ['vpc', 'vpcId', 'vpc'],
  ['subnets', 'publicSubnetA', 'subnet-public-a'],
  ['subnets', 'publicSubnetC', 'subnet-public-c'],
  ['subnets', 'privateSubnetA', 'subnet-private-a'],
  ['subnets', 'privateSubnetC', 'subnet-private-c'],
  ['internet-gateway', 'igwId', 'igw'],
  ['public-routes', 'routeTableId', 'public-route-table'],
  ['security-groups', 'elbSgId', 'elb-sg'],
  ['security-groups', 'webSgId', 'web-sg'],
  ['security-groups', 'dbSgId', 'db-sg'],
  ['credentials', 'secretArn', 'credentials'],
  ['web-role', 'roleName', 'web-role'],
  ['web-role', 'instanceProfileName', 'web-instance-profile'],
  ['db-subnet-group', 'dbSubnetGroupName', 'db-subnet-group'],
  ['database', 'dbInstanceId', 'db'],
  ['web-1', 'instanceId', 'web-1'],
  ['web-ami', 'imageId', 'web-ami'],
  ['web-2', 'instanceId', 'web-2'],
  ['target-group', 'targetGroupArn', 'target-group'],
  ['load-balancer', 'loadBalancerArn', 'load-balancer'],
  ['listener', 'listenerArn', 'listener'],
];

export function createResources(outputsOf: OutputsOf): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [stepId, key, role] of RESOURCE_KEYS) {
    const v = outputsOf(stepId)[key];
    if (typeof v === 'string' && v) out[role] = v;
  }
  const snapshots = outputsOf('web-ami').snapshotIds;
  if (Array.isArray(snapshots))
    snapshots.forEach((id, i) => typeof id === 'string' && (out[`web-ami-snapshot-${i + 1}`] = id));
  return out;
}

/** What people call each output (the bot and the CLI show these words, never the keys). */
export const OUTPUT_LABELS: Readonly<Record<string, string>> = {
  siteUrl: 'Site',
  dbEndpoint: 'DB endpoint',
  azs: 'AZs',
  multiAz: 'DB Multi-AZ',
  siteCheck: 'Site check',
};

/** An output's label; a key without one is named by its words (`fooBar` → `Foo bar`). */
export function outputLabel(key: string): string {
  const known = OUTPUT_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
/** What the outputs say when the create did not ask the site (no probe, or `siteCheck: false`). */
export const SITE_NOT_CHECKED =
  'not checked: the site check was off, so nothing asked the site through the ALB';

export function createOutputs(outputsOf: OutputsOf): Record<string, string> {
  const site = outputsOf('site');
  const out: Record<string, string> = {};
  if (typeof site.siteUrl === 'string') out.siteUrl = site.siteUrl;
  const endpoint = site.dbEndpoint ?? outputsOf('database').dbEndpoint;
  if (typeof endpoint === 'string') out.dbEndpoint = endpoint;
  if (Array.isArray(site.azs)) out.azs = site.azs.join(', ');
  if (typeof site.multiAz === 'boolean') out.multiAz = String(site.multiAz);
  if (site.siteChecked === false) out.siteCheck = SITE_NOT_CHECKED;
  return out;
}

/** Marks the environment ready (or failed) with what was created; a no-op without a repository. */
export async function createOnFinish(run: Run, ctx: FinishContext<CreateDeps>): Promise<void> {
  const repo = ctx.deps.environments;
  if (!repo) return;
  const env = await repo.get(run.env);
  if (!env) return;
  await repo.update(run.env, env.version, {
    status: run.status === 'succeeded' ? 'ready' : 'failed',
    resources: { ...env.resources, ...createResources(ctx.outputsOf) },
    outputs: { ...env.outputs, ...createOutputs(ctx.outputsOf) },
    updatedAt: ctx.now(),
  });
}
