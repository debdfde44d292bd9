/**
 * One inventory of an environment's resources, whatever it is read from: the create plan (what
 * a dry run would build), the env record and a create run's recorded ids (what status and the
 * destroy confirmation count), ids found by tag, and a teardown's receipt (what was deleted).
 * The same types and the same counting everywhere, so a dry run, a status and a receipt of one
 * environment agree; the catalogues' `inventory` area says them in words (`1 VPC, 4 subnets`).
 */
import { RESOURCE_TYPES, typeOfRole, type ResourceRef, type ResourceType } from './destroy/resources';

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
