/**
 * EC2 Describe* filters: each resource kind lists the filter names it supports; `tag:<key>`,
 * `tag-key` and `tag-value` work everywhere. Values may use `*` and `?` wildcards. An unknown
 * filter name is rejected as AWS does (`InvalidParameterValue`), so a typo fails loudly.
 */
import { AwsError } from '../protocol/errors';
import type { QueryFilter } from '../protocol/query';

export type FilterFields<T> = Record<string, (item: T) => string | number | boolean | undefined | string[]>;

function wildcard(pattern: string): RegExp {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's');
}

export function applyFilters<T>(
  items: T[],
  filters: QueryFilter[],
  fields: FilterFields<T>,
  tagsOf: (item: T) => Record<string, string>,
): T[] {
  const tests = filters.map((f) => {
    const patterns = f.values.map(wildcard);
    const matchAny = (vals: string[]) => vals.some((v) => patterns.some((p) => p.test(v)));
    if (f.name.startsWith('tag:')) {
      const key = f.name.slice(4);
      return (item: T) => {
        const tags = tagsOf(item);
        return key in tags && matchAny([tags[key]]);
      };
    }
    if (f.name === 'tag-key') return (item: T) => matchAny(Object.keys(tagsOf(item)));
    if (f.name === 'tag-value') return (item: T) => matchAny(Object.values(tagsOf(item)));
    const field = Object.prototype.hasOwnProperty.call(fields, f.name) ? fields[f.name] : undefined;
    if (!field) throw new AwsError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    return (item: T) => {
      const v = field(item);
      if (v === undefined) return false;
      return matchAny(Array.isArray(v) ? v : [String(v)]);
    };
  });
  return items.filter((item) => tests.every((t) => t(item)));
}
