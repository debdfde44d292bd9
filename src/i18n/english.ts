/**
 * English words for what workflows say, for the places that keep plain text beside the key: a
 * step error's `message` (logs, the audit trail, JSON output). Loads the sayable areas only.
 */
import { createFormatter } from '../domain/format';
import { drill } from './en/drill';
import { grammar } from './en/grammar';
import { inventory } from './en/inventory';
import { preflight } from './en/preflight';
import { costLine } from './en/cost-line';
import { receipt } from './en/receipt';
import { work } from './en/work';
import { renderSaid } from './render-said';
import type { Said, Saying } from './said';

const f = createFormatter({ lang: 'en', timeZone: 'UTC' });
const inv = inventory(f);
const AREAS = {
  grammar: grammar(f),
  work: work(f, inv),
  receipt: receipt(f, inv),
  drill: drill(f),
  preflight: preflight(f),
  costLine: costLine(),
};

export function english(s: Saying | undefined): string {
  return renderSaid(AREAS, s);
}

const SAID_KEY = new RegExp(`^(${Object.keys(AREAS).join('|')})\\.[A-Za-z0-9]+$`);

/** A said text of a sayable area: `{ key, args? }` and nothing else (not any object with a `key`). */
function isSayable(value: unknown): value is Said {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { key, ...rest } = value as { key?: unknown };
  return typeof key === 'string' && SAID_KEY.test(key) && Object.keys(rest).every((k) => k === 'args');
}

/** `T` with every said text in it as English words. */
export type InEnglish<T> = T extends Said
  ? string
  : T extends readonly (infer U)[]
    ? InEnglish<U>[]
    : T extends object
      ? { [K in keyof T]: InEnglish<T[K]> }
      : T;

/** `value` with every said text in English, deeply: machine output (`--json`) and logs. */
export function inEnglish<T>(value: T): InEnglish<T> {
  if (isSayable(value)) return english(value) as InEnglish<T>;
  if (Array.isArray(value)) return value.map((v: unknown) => inEnglish(v)) as InEnglish<T>;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inEnglish(v)])) as InEnglish<T>;
  return value as InEnglish<T>;
}
