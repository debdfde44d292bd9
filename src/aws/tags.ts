/**
 * sitebot's tags: every resource carries `sitebot:env`, `sitebot:role`, `sitebot:run` and
 * `sitebot:managed=true` (DESIGN.md). Steps find a resource created by a crashed attempt by
 * env + role; teardown deletes only what carries the env's tags.
 */
import type { Filter, ResourceType, TagSpecification } from '@aws-sdk/client-ec2';

export const TAG_ENV = 'sitebot:env';
export const TAG_ROLE = 'sitebot:role';
export const TAG_RUN = 'sitebot:run';
export const TAG_MANAGED = 'sitebot:managed';

export interface Tag {
  Key: string;
  Value: string;
}

export interface TagContext {
  env: string;
  runId: string;
}

/** The tags for one resource; `Name` makes it readable in the console. */
export function sitebotTags(ctx: TagContext, role: string, name?: string): Tag[] {
  const tags: Tag[] = [
    { Key: TAG_ENV, Value: ctx.env },
    { Key: TAG_ROLE, Value: role },
    { Key: TAG_RUN, Value: ctx.runId },
    { Key: TAG_MANAGED, Value: 'true' },
  ];
  if (name) tags.push({ Key: 'Name', Value: name });
  return tags;
}

/** EC2 `TagSpecifications`: tags applied atomically with the create call, so no untagged window exists. */
export function tagSpecifications(resourceType: ResourceType, tags: Tag[]): TagSpecification[] {
  return [{ ResourceType: resourceType, Tags: tags }];
}

/** EC2 Describe* filters selecting sitebot-managed resources of an env (and role). */
export function envFilters(env: string, role?: string): Filter[] {
  const filters: Filter[] = [
    { Name: `tag:${TAG_ENV}`, Values: [env] },
    { Name: `tag:${TAG_MANAGED}`, Values: ['true'] },
  ];
  if (role !== undefined) filters.push({ Name: `tag:${TAG_ROLE}`, Values: [role] });
  return filters;
}

/** `[{Key, Value}]` (any SDK's tag shape) → a plain record. */
export function tagRecord(
  tags: readonly { Key?: string; Value?: string }[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

/** True when `tags` mark a resource of `env` (and `role`, when given). */
export function hasEnvTags(
  tags: readonly { Key?: string; Value?: string }[] | undefined,
  env: string,
  role?: string,
): boolean {
  const r = tagRecord(tags);
  return r[TAG_ENV] === env && r[TAG_MANAGED] === 'true' && (role === undefined || r[TAG_ROLE] === role);
}
