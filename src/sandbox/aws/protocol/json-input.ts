/** Typed reads of a JSON-protocol request body, failing with the service's validation error. */
import { AwsError } from './errors';

export type JsonInput = Record<string, unknown>;

export function jStr(input: JsonInput, name: string, errorCode = 'ValidationException'): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AwsError(errorCode, `${name} must be a string`);
  return v;
}

export function jReq(input: JsonInput, name: string, errorCode = 'ValidationException'): string {
  const v = jStr(input, name, errorCode);
  if (v === undefined || v === '') {
    throw new AwsError(
      errorCode,
      `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
}

export function jBool(input: JsonInput, name: string): boolean | undefined {
  const v = input[name];
  return typeof v === 'boolean' ? v : undefined;
}

export function jNum(input: JsonInput, name: string): number | undefined {
  const v = input[name];
  return typeof v === 'number' ? v : undefined;
}

export function jTags(input: JsonInput, name = 'Tags'): Record<string, string> {
  const v = input[name];
  const tags: Record<string, string> = {};
  if (!Array.isArray(v)) return tags;
  for (const t of v) {
    if (t && typeof t === 'object' && typeof (t as JsonInput).Key === 'string') {
      tags[(t as JsonInput).Key as string] = String((t as JsonInput).Value ?? '');
    }
  }
  return tags;
}

export function jStrList(input: JsonInput, name: string): string[] {
  const v = input[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
