/**
 * One inventory of an environment's resources, whatever it is read from: the create plan (what
 * a dry run would build), the env record and a create run's recorded ids (what status and the
 * destroy confirmation count), ids found by tag, and a teardown's receipt (what was deleted).
 * The same types, the same counting and the same words everywhere, so a dry run, a status and a
 * receipt of one environment agree.
 */
import { count } from '../domain/format';
import { RESOURCE_TYPES, typeOfRole, type ResourceRef, type ResourceType } from './destroy/resources';

/** How people call each type: [one, other]. */
const LABELS: Record<ResourceType, readonly [string, string]> = {
  vpc: ['VPC', 'VPCs'],
  subnet: ['subnet', 'subnets'],
  'internet-gateway': ['internet gateway', 'internet gateways'],
  'route-table': ['route table', 'route tables'],
  'security-group': ['security group', 'security groups'],
  secret: ['secret', 'secrets'],
  'iam-role': ['IAM role', 'IAM roles'],
  'instance-profile': ['instance profile', 'instance profiles'],
  'db-subnet-group': ['DB subnet group', 'DB subnet groups'],
  'db-instance': ['database', 'databases'],
  instance: ['web server', 'web servers'],
  image: ['AMI', 'AMIs'],
  snapshot: ['snapshot', 'snapshots'],
  'target-group': ['target group', 'target groups'],
  'load-balancer': ['load balancer', 'load balancers'],
  listener: ['listener', 'listeners'],
  'network-interface': ['network interface', 'network interfaces'],
};

/** The order people read an inventory in: the order things are built. */
const READING_ORDER: readonly ResourceType[] = [
  'vpc',
  'subnet',
  'internet-gateway',
  'route-table',
  'security-group',
  'secret',
  'iam-role',
  'instance-profile',
  'db-subnet-group',
  'db-instance',
  'instance',
  'image',
  'snapshot',
  'target-group',
  'load-balancer',
  'listener',
  'network-interface',
];

export interface Inventory {
  readonly counts: Readonly<Partial<Record<ResourceType, number>>>;
  readonly total: number;
}

function isResourceType(type: string): type is ResourceType {
  return (RESOURCE_TYPES as readonly string[]).includes(type);
}

/** Counts resources, each given once (by type and id). */
export function inventoryOf(refs: Iterable<ResourceRef>): Inventory {
  const seen = new Set<string>();
  const counts: Partial<Record<ResourceType, number>> = {};
  let total = 0;
  for (const ref of refs) {
    const key = `${ref.type}|${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[ref.type] = (counts[ref.type] ?? 0) + 1;
    total += 1;
  }
  return { counts, total };
}

/** An env record's `resources` (role → id) as references. */
export function refsOfRoles(resources: Readonly<Record<string, string>>): ResourceRef[] {
  const refs: ResourceRef[] = [];
  for (const [role, id] of Object.entries(resources)) {
    const type = typeOfRole(role);
    if (type && typeof id === 'string' && id !== '') refs.push({ type, id });
  }
  return refs;
}

/** Planned resources (a dry run's), counting only real resources (not a registration or a setting). */
export function refsOfPlan(planned: readonly { type: string; name: string }[]): ResourceRef[] {
  return planned
    .filter((r) => isResourceType(r.type))
    .map((r) => ({ type: r.type as ResourceType, id: r.name }));
}

/** `22 resources` */
export function totalText(inventory: Inventory): string {
  return count(inventory.total, 'resource');
}

/** `1 VPC, 4 subnets, 3 security groups, …`, in build order; `nothing` when empty. */
export function describeInventory(inventory: Inventory): string {
  const parts = READING_ORDER.filter((t) => inventory.counts[t]).map((t) =>
    count(inventory.counts[t] ?? 0, LABELS[t][0], LABELS[t][1]),
  );
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

/** A type's label for `n` of it: `security groups`. */
export function labelOf(type: ResourceType, n = 1): string {
  return count(n, LABELS[type][0], LABELS[type][1]).replace(/^\d+ /, '');
}
