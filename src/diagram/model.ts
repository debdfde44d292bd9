/**
 * What the picture of one environment shows, as plain data: the region, the VPC and its
 * internet gateway, two AZ columns each with a public and a private subnet, the web servers in
 * their subnets with their state and target health, the ALB across both public subnets, and
 * the DB primary and standby in their AZs. Built from the env record and what AWS says about
 * the resources found by the env's tags and deterministic names (./discover.ts), so it shows a
 * create as it goes and a failover's AZ swap. Pure: AWS shapes in, model out.
 */
import type { Instance, InternetGateway, Subnet, Vpc } from '@aws-sdk/client-ec2';
import type {
  LoadBalancer,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { DBInstance } from '@aws-sdk/client-rds';
import { TAG_ROLE, tagRecord } from '../aws/tags';
import type { Environment } from '../state/types';

/** How a state reads at a glance: fine, under way, switched off, wrong, or not there (yet). */
export type Tone = 'ok' | 'busy' | 'off' | 'bad' | 'absent';

export interface ResourceNode {
  /** The physical id (or the name where AWS has no id), empty when the resource is absent. */
  id: string;
  /** The state AWS reports (`running`, `available`, `active`, …) or `absent`. */
  state: string;
  tone: Tone;
}

export interface SubnetNode extends ResourceNode {
  tier: 'public' | 'private';
  cidr?: string;
}

export interface WebNode extends ResourceNode {
  /** `web-1` or `web-2`. */
  role: string;
  /** The instance's target health in the target group (`healthy`, `initial`, …), when registered. */
  health?: string;
  healthTone?: Tone;
}

export interface DbNode extends ResourceNode {
  multiAz: boolean;
  primaryAz?: string;
  /** The standby's AZ (a Multi-AZ instance only). */
  standbyAz?: string;
  endpoint?: string;
}

export interface AzColumn {
  name: string;
  publicSubnet: SubnetNode;
  privateSubnet: SubnetNode;
  web: WebNode[];
  /** Which part of the database runs here. */
  db?: 'primary' | 'standby';
}

export interface DiagramModel {
  env: string;
  region: string;
  /** The environment's own status (creating, ready, …). */
  status: string;
  siteUrl?: string;
  vpc: ResourceNode & { cidr?: string };
  igw: ResourceNode & { attached: boolean };
  alb: ResourceNode & { name: string; dns?: string };
  targetGroup: { name: string; healthy: number; registered: number; present: boolean };
  db: DbNode;
  azs: [AzColumn, AzColumn];
}

/** What discovery found; every part may be missing (not created yet, or gone). */
export interface FoundResources {
  env: Pick<Environment, 'name' | 'region' | 'status' | 'outputs'>;
  /** The two AZs the environment uses (config), in column order. */
  azs: readonly [string, string];
  vpc?: Vpc;
  subnets: readonly Subnet[];
  igw?: InternetGateway;
  instances: readonly Instance[];
  loadBalancer?: LoadBalancer;
  targetGroup?: TargetGroup;
  targetHealth: readonly TargetHealthDescription[];
  db?: DBInstance;
}

const BUSY = new Set([
  'pending',
  'creating',
  'provisioning',
  'modifying',
  'rebooting',
  'backing-up',
  'starting',
  'initial',
  'configuring-enhanced-monitoring',
  'configuring-log-exports',
  'maintenance',
  'upgrading',
  'renaming',
  'resetting-master-credentials',
  'storage-optimization',
  'attaching',
  'detaching',
]);
const OK = new Set(['running', 'available', 'active', 'healthy', 'attached']);
const OFF = new Set(['stopped', 'stopping', 'unused', 'draining', 'detached']);

export function toneOf(state: string | undefined): Tone {
  if (!state || state === 'absent') return 'absent';
  if (OK.has(state)) return 'ok';
  if (BUSY.has(state)) return 'busy';
  if (OFF.has(state)) return 'off';
  return 'bad';
}

const absent = (): ResourceNode => ({ id: '', state: 'absent', tone: 'absent' });
const node = (id: string | undefined, state: string | undefined): ResourceNode =>
  id ? { id, state: state ?? 'unknown', tone: toneOf(state ?? 'unknown') } : absent();

const roleOf = (tags: Parameters<typeof tagRecord>[0]) => tagRecord(tags)[TAG_ROLE];

/** `subnet-public-a` (the create workflow's role tag) → its tier and the AZ column it belongs in. */
function subnetSlot(
  subnet: Subnet,
  azs: readonly [string, string],
): { tier: 'public' | 'private'; col: 0 | 1 } | undefined {
  const role = roleOf(subnet.Tags) ?? '';
  const tier = role.includes('public') ? 'public' : role.includes('private') ? 'private' : undefined;
  const col = subnet.AvailabilityZone === azs[0] ? 0 : subnet.AvailabilityZone === azs[1] ? 1 : undefined;
  return tier && col !== undefined ? { tier, col } : undefined;
}

function subnetNode(subnet: Subnet | undefined, tier: 'public' | 'private'): SubnetNode {
  if (!subnet) return { ...absent(), tier };
  return {
    ...node(subnet.SubnetId, subnet.State),
    tier,
    ...(subnet.CidrBlock ? { cidr: subnet.CidrBlock } : {}),
  };
}

const LIVE_INSTANCE = new Set(['pending', 'running', 'stopping', 'stopped']);

function webNodes(found: FoundResources, subnetCol: Map<string, 0 | 1>): WebNode[][] {
  const cols: WebNode[][] = [[], []];
  const health = new Map(found.targetHealth.map((d) => [d.Target?.Id ?? '', d.TargetHealth?.State]));
  const seen = new Set<string>();
  const live = found.instances.filter((i) => LIVE_INSTANCE.has(i.State?.Name ?? ''));
  for (const instance of live) {
    const role = roleOf(instance.Tags) ?? instance.InstanceId ?? '';
    const az = instance.Placement?.AvailabilityZone;
    const col = subnetCol.get(instance.SubnetId ?? '') ?? (az === found.azs[1] ? 1 : 0);
    const h = health.get(instance.InstanceId ?? '');
    cols[col].push({
      ...node(instance.InstanceId, instance.State?.Name),
      role,
      ...(h ? { health: h, healthTone: toneOf(h) } : {}),
    });
    seen.add(role);
  }
  // The two servers the create builds, drawn as "not there" until they exist: web-1 in the first AZ, web-2 in the second.
  (['web-1', 'web-2'] as const).forEach((role, col) => {
    if (!seen.has(role)) cols[col].push({ ...absent(), role });
  });
  for (const col of cols) col.sort((a, b) => a.role.localeCompare(b.role));
  return cols;
}

function dbNode(db: DBInstance | undefined): DbNode {
  if (!db) return { ...absent(), multiAz: false };
  const multiAz = db.MultiAZ === true;
  return {
    ...node(db.DBInstanceIdentifier, db.DBInstanceStatus),
    multiAz,
    ...(db.AvailabilityZone ? { primaryAz: db.AvailabilityZone } : {}),
    ...(multiAz && db.SecondaryAvailabilityZone ? { standbyAz: db.SecondaryAvailabilityZone } : {}),
    ...(db.Endpoint?.Address ? { endpoint: db.Endpoint.Address } : {}),
  };
}

export function buildDiagramModel(found: FoundResources): DiagramModel {
  const { azs } = found;
  const bySlot = new Map<string, Subnet>();
  const subnetCol = new Map<string, 0 | 1>();
  for (const subnet of found.subnets) {
    const slot = subnetSlot(subnet, azs);
    if (!slot || bySlot.has(`${slot.tier}-${slot.col}`)) continue;
    bySlot.set(`${slot.tier}-${slot.col}`, subnet);
    if (subnet.SubnetId) subnetCol.set(subnet.SubnetId, slot.col);
  }
  const web = webNodes(found, subnetCol);
  const db = dbNode(found.db);
  const igwAttached = (found.igw?.Attachments ?? []).some(
    (a) => a.VpcId === found.vpc?.VpcId && ['available', 'attached'].includes(a.State ?? ''),
  );
  const tgName = found.targetGroup?.TargetGroupName ?? `${found.env.name}-tg`;
  const column = (col: 0 | 1): AzColumn => ({
    name: azs[col],
    publicSubnet: subnetNode(bySlot.get(`public-${col}`), 'public'),
    privateSubnet: subnetNode(bySlot.get(`private-${col}`), 'private'),
    web: web[col],
    ...(db.primaryAz === azs[col]
      ? { db: 'primary' as const }
      : db.standbyAz === azs[col]
        ? { db: 'standby' as const }
        : {}),
  });
  return {
    env: found.env.name,
    region: found.env.region,
    status: found.env.status,
    ...(found.env.outputs.siteUrl ? { siteUrl: found.env.outputs.siteUrl } : {}),
    vpc: {
      ...node(found.vpc?.VpcId, found.vpc?.State),
      ...(found.vpc?.CidrBlock ? { cidr: found.vpc.CidrBlock } : {}),
    },
    igw: {
      ...node(found.igw?.InternetGatewayId, found.igw ? (igwAttached ? 'attached' : 'detached') : undefined),
      attached: igwAttached,
    },
    alb: {
      ...node(found.loadBalancer?.LoadBalancerArn, found.loadBalancer?.State?.Code),
      name: found.loadBalancer?.LoadBalancerName ?? `${found.env.name}-alb`,
      ...(found.loadBalancer?.DNSName ? { dns: found.loadBalancer.DNSName } : {}),
    },
    targetGroup: {
      name: tgName,
      present: found.targetGroup !== undefined,
      registered: found.targetHealth.length,
      healthy: found.targetHealth.filter((d) => d.TargetHealth?.State === 'healthy').length,
    },
    db,
    azs: [column(0), column(1)],
  };
}
