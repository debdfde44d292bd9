/** Puts something said into words with one language's sayable areas (grammar, work). */
import { isSaid, type SaidArg, type Saying, type SayableAreas } from './said';

type Entry = (args?: Record<string, unknown>) => string;

export function renderSaid(areas: SayableAreas, s: Saying | undefined): string {
  if (s === undefined) return '';
  if (typeof s === 'string') return s;
  const dot = s.key.indexOf('.');
  const area = areas[s.key.slice(0, dot) as keyof SayableAreas] as unknown as
    Record<string, Entry> | undefined;
  const entry = dot > 0 ? area?.[s.key.slice(dot + 1)] : undefined;
  // A key this version does not know (a record written by another version): show the key.
  if (typeof entry !== 'function') return s.key;
  if (!s.args) return entry();
  const arg = (v: SaidArg): unknown =>
    isSaid(v) ? renderSaid(areas, v) : Array.isArray(v) ? (v as readonly SaidArg[]).map(arg) : v;
  return entry(Object.fromEntries(Object.entries(s.args).map(([k, v]) => [k, arg(v)])));
}
