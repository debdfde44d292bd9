/**
 * The teardown's vocabulary: the resource types sitebot creates, a found resource with the
 * tags read from it, the ownership rule, and how the env record's roles map to types.
 */
import { TAG_ENV, TAG_MANAGED } from '../../aws/tags';
import { say, type Said, type Saying } from '../../i18n/said';

export const RESOURCE_TYPES = [
  'listener',
  'load-balancer',
  'target-group',
  'instance',
  'db-instance',
  'db-subnet-group',
  'image',
  'snapshot',
  'secret',
  'instance-profile',
  'iam-role',
  'security-group',
  'route-table',
  'internet-gateway',
  'subnet',
  'vpc',
  'network-interface',
] as const;

export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** One resource as the teardown found it. */
export interface Candidate {
  type: ResourceType;
  id: string;
  /** Tags read from the resource itself (not from our records). */
  tags: Record<string, string>;
  /** Listed in the env record: an untagged one is reported, not silently ignored. */
  recorded: boolean;
  /** What the deleter needs to know (a state, the attached VPC, associations, …). */
  facts?: Record<string, unknown>;
}

export interface ResourceRef {
  type: ResourceType;
  id: string;
}

export interface ResourceNote extends ResourceRef {
  /** Why it is still there, or was left: AWS's answer as AWS wrote it, or said in words. */
  reason: Saying;
}

/** The ownership guard: only resources tagged `sitebot:env=<env>` and `sitebot:managed=true` are deleted. */
export function isOwned(tags: Readonly<Record<string, string>>, env: string): boolean {
  return tags[TAG_ENV] === env && tags[TAG_MANAGED] === 'true';
}

export const notTaggedReason = (env: string): Said => say('work.notTagged', { env });

/** Env record role (see create/finish.ts) → resource type. */
export function typeOfRole(role: string): ResourceType | undefined {
  if (role.startsWith('subnet-')) return 'subnet';
  if (role.startsWith('web-ami-snapshot-')) return 'snapshot';
  const byRole: Record<string, ResourceType> = {
    vpc: 'vpc',
    igw: 'internet-gateway',
    'public-route-table': 'route-table',
    'elb-sg': 'security-group',
    'web-sg': 'security-group',
    'db-sg': 'security-group',
    credentials: 'secret',
    'web-role': 'iam-role',
    'web-instance-profile': 'instance-profile',
    'db-subnet-group': 'db-subnet-group',
    db: 'db-instance',
    'web-1': 'instance',
    'web-2': 'instance',
    'web-ami': 'image',
    'target-group': 'target-group',
    'load-balancer': 'load-balancer',
    listener: 'listener',
  };
  // Own keys only: a role named like an Object method (`constructor`) is no resource type.
  return Object.hasOwn(byRole, role) ? byRole[role] : undefined;
}

/** The recorded ids of one type, from the env record's `resources`. */
export function recordedIds(recorded: Readonly<Record<string, string>>, type: ResourceType): string[] {
  return Object.entries(recorded)
    .filter(([role, id]) => typeof id === 'string' && id !== '' && typeOfRole(role) === type)
    .map(([, id]) => id);
}

/** Merges lists of refs, keeping the first of each type+id. */
export function uniqueRefs<T extends ResourceRef>(lists: readonly (readonly T[])[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const list of lists)
    for (const r of list) {
      const key = `${r.type}|${r.id}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(r);
      }
    }
  return out;
}

/** Recorded step outputs read back as resource lists (absent or malformed: empty). */
export const refsOf = (v: unknown): ResourceRef[] => (Array.isArray(v) ? (v as ResourceRef[]) : []);
export const notesOf = (v: unknown): ResourceNote[] => (Array.isArray(v) ? (v as ResourceNote[]) : []);
