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
import type { Saying } from './said';

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
