/**
 * What the emulator holds, counted by `service:type`; what SPEC's environment should leave there;
 * and the duplicates among it — every kind of resource, read from the emulator's inventory.
 */
import type { SandboxResource, World } from '../../src/sandbox/aws/world';

const live = (r: SandboxResource) => r.state !== 'terminated' && r.state !== 'deleted';

/** Live resources by `service:type` (terminated instances and deleted things excluded), keys sorted. */
export function countResources(world: World): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of world.listResources()) {
    if (!live(r)) continue;
    counts[`${r.service}:${r.type}`] = (counts[`${r.service}:${r.type}`] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * SPEC §1–§8 on AWS, after one create: with the VPC's main route table and default SG, and the
 * ENIs of 2 instances, 2 ALB nodes and the DB's primary and standby.
 */
export const SPEC_INVENTORY: Readonly<Record<string, number>> = {
  'ec2:vpc': 1,
  'ec2:subnet': 4,
  'ec2:internet-gateway': 1,
  'ec2:route-table': 2,
  'ec2:security-group': 4,
  'ec2:instance': 2,
  'ec2:image': 1,
  'ec2:snapshot': 1,
  'ec2:network-interface': 6,
  'secretsmanager:secret': 1,
  'iam:role': 1,
  'iam:instance-profile': 1,
  'elbv2:load-balancer': 1,
  'elbv2:target-group': 1,
  'elbv2:listener': 1,
  'rds:db-subnet-group': 1,
  'rds:db-instance': 1,
};

/**
 * Resources made more than once: live resources of one kind carrying the same `sitebot:env` and
 * `sitebot:role` (every resource sitebot creates is tagged with both), as
 * `"<service>:<type> <env>/<role>" → how many`. Empty when nothing was made twice.
 */
export function duplicates(world: World): Record<string, number> {
  const counts = new Map<string, number>();
  for (const r of world.listResources()) {
    const env = r.tags['sitebot:env'];
    if (!live(r) || env === undefined) continue;
    const key = `${r.service}:${r.type} ${env}/${r.tags['sitebot:role'] ?? '?'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].filter(([, n]) => n > 1).sort(([a], [b]) => a.localeCompare(b)));
}
