/**
 * How resources are counted in words: `1 VPC, 4 subnets, 3 security groups`, in the order they are
 * built (src/workflows/inventory.ts counts them; the dry run, status, the destroy confirmation and
 * the receipt all say them with these words).
 */
import type { Formatter } from '../../domain/format';

/** The order people read an inventory in: the order things are built. */
export const READING_ORDER = [
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
] as const;

export type ResourceWord = (typeof READING_ORDER)[number];

/** [one, other] */
const LABELS: Record<ResourceWord, readonly [string, string]> = {
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

export const inventory = (f: Formatter) => {
  const label = (type: string, n: number): string => {
    const forms = LABELS[type as ResourceWord] ?? [type, type];
    return f.plural(n) === 'one' ? forms[0] : forms[1];
  };
  const count = (a: { type: string; n: number }) => `${a.n} ${label(a.type, a.n)}`;
  return {
    /** `security groups` (for `n` of them). */
    label: (a: { type: string; n: number }) => label(a.type, a.n),
    count,
    /** `22 resources` */
    total: (a: { n: number }) => `${a.n} ${f.plural(a.n) === 'one' ? 'resource' : 'resources'}`,
    /** `1 VPC, 4 subnets, …` in build order; `nothing` when empty. */
    describe(counts: Readonly<Record<string, number>>): string {
      const parts = READING_ORDER.filter((t) => counts[t]).map((t) => count({ type: t, n: counts[t] ?? 0 }));
      return parts.length > 0 ? f.list(parts) : 'nothing';
    },
  };
};

export type InventoryTexts = ReturnType<typeof inventory>;
