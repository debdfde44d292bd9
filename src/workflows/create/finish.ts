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

/**
 * The `siteCheck` output when the create did not ask the site (no probe, or `siteCheck: false`).
 * Outputs hold values, not words: their labels and this value are put into words where they are
 * shown (`t.common.output`, `t.common.outputValue`), and an older record's English sentence
 * reads the same way.
 */
export const SITE_CHECK_OFF = 'off';

export function createOutputs(outputsOf: OutputsOf): Record<string, string> {
  const site = outputsOf('site');
  const out: Record<string, string> = {};
  if (typeof site.siteUrl === 'string') out.siteUrl = site.siteUrl;
  const endpoint = site.dbEndpoint ?? outputsOf('database').dbEndpoint;
  if (typeof endpoint === 'string') out.dbEndpoint = endpoint;
  if (Array.isArray(site.azs)) out.azs = site.azs.join(', ');
  if (typeof site.multiAz === 'boolean') out.multiAz = String(site.multiAz);
  if (site.siteChecked === false) out.siteCheck = SITE_CHECK_OFF;
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
