/**
 * Tests that read what a workflow said in English: `inEnglish(result)` puts every `Said` found in
 * a value (a step result's note, a refusal's message, a report's reasons) into English words,
 * as an English reader sees them, and leaves everything else as it is.
 */
import { english } from '../../src/i18n/english';
import type { Said } from '../../src/i18n/said';

const SAID_KEY = /^(grammar|work|receipt|drill|preflight|costLine)\.[A-Za-z0-9]+$/;

function isSaidValue(value: unknown): value is Said {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { key, ...rest } = value as { key?: unknown };
  return typeof key === 'string' && SAID_KEY.test(key) && Object.keys(rest).every((k) => k === 'args');
}

/** `value` with every said text in English (deeply). */
export function inEnglish<T>(value: T): T {
  if (isSaidValue(value)) return english(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => inEnglish(v)) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inEnglish(v)])) as T;
  return value;
}
