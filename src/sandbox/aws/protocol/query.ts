/**
 * AWS Query / EC2 Query request parameters: a form-encoded body flattened to dotted keys.
 * Lists appear as `Name.N` (EC2), `Name.member.N` (Query) or `Name.<MemberName>.N` (RDS's
 * per-shape names, e.g. `VpcSecurityGroupIds.VpcSecurityGroupId.1`); structures in lists
 * carry their fields after the index (`Tags.member.1.Key`, `TagSpecification.1.Tag.1.Key`).
 */
import { AwsError } from './errors';

export type QueryParams = Record<string, string>;

export function parseQuery(body: string): QueryParams {
  const out: QueryParams = {};
  for (const [k, v] of new URLSearchParams(body)) out[k] = v;
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits keys under `name` into list elements: index → (rest of the key → value). */
function elements(params: QueryParams, name: string): Map<number, QueryParams> {
  const re = new RegExp(`^${escapeRe(name)}\\.(?:[A-Za-z][A-Za-z0-9]*\\.)?(\\d+)(?:\\.(.+))?$`);
  const byIndex = new Map<number, QueryParams>();
  for (const [key, value] of Object.entries(params)) {
    const m = re.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    const sub = byIndex.get(index) ?? {};
    sub[m[2] ?? ''] = value;
    byIndex.set(index, sub);
  }
  return new Map([...byIndex.entries()].sort((a, b) => a[0] - b[0]));
}

/** A list of scalars: `Name.N`, `Name.member.N` or `Name.<AnyMemberName>.N`, in index order. */
export function qList(params: QueryParams, name: string): string[] {
  const out: string[] = [];
  for (const sub of elements(params, name).values()) if ('' in sub) out.push(sub['']);
  return out;
}

/** A list of structures, each element's sub-parameters with the `Name.[Member.]N.` prefix stripped. */
export function qStructList(params: QueryParams, name: string): QueryParams[] {
  const out: QueryParams[] = [];
  for (const sub of elements(params, name).values()) {
    const fields = { ...sub };
    delete fields[''];
    if (Object.keys(fields).length > 0) out.push(fields);
  }
  return out;
}

/** The sub-parameters of a structure member: `Name.X` → `X`. */
export function qStruct(params: QueryParams, name: string): QueryParams | undefined {
  const prefix = `${name}.`;
  const out: QueryParams = {};
  let found = false;
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith(prefix)) {
      out[key.slice(prefix.length)] = value;
      found = true;
    }
  }
  return found ? out : undefined;
}

export interface QueryFilter {
  name: string;
  values: string[];
}

/** EC2 `Filter.N.Name` / `Filter.N.Value.M` and RDS `Filters.Filter.N.Name` / `.Values.Value.M`. */
export function qFilters(params: QueryParams): QueryFilter[] {
  const raw = [...qStructList(params, 'Filter'), ...qStructList(params, 'Filters')];
  return raw
    .filter((f) => f.Name !== undefined)
    .map((f) => ({ name: f.Name, values: [...qList(f, 'Value'), ...qList(f, 'Values')] }));
}

/** `Tags.member.N.Key/Value`, `Tag.N.Key/Value`, … as a record. */
export function qTags(params: QueryParams, name: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const t of qStructList(params, name)) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  return tags;
}

/** `Tags.member.N.Key/Value` as the Query services' `[{Key, Value}]` tag list (keys kept in order, repeats too). */
export function qTagList(params: QueryParams, name: string): { Key: string; Value: string }[] {
  return qStructList(params, name)
    .filter((t) => t.Key !== undefined)
    .map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
}

export function qRequired(params: QueryParams, name: string): string {
  const v = params[name];
  if (v === undefined || v === '') {
    throw new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
  }
  return v;
}

export function qBool(params: QueryParams, name: string): boolean | undefined {
  const v = params[name];
  return v === undefined ? undefined : v.toLowerCase() === 'true';
}

export function qInt(params: QueryParams, name: string): number | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new AwsError('InvalidParameterValue', `Invalid value '${v}' for ${name}`);
  return n;
}
