/**
 * What the grammar's unit tests share: the limits they parse under (24 h default TTL, 7 days at
 * most), `parse`, `errorOf` (an error's English line), and `refused` (an error result, exactly).
 */
import { parseCommand, type GrammarLimits, type Subcommand } from '../../../src/bot/grammar';
import { english } from '../../../src/i18n/english';
import type { Said } from '../../../src/i18n/said';

export const H = 3_600_000;
export const limits: GrammarLimits = { defaultTtlMs: 24 * H, maxTtlMs: 7 * 24 * H };
export const parse = (text: string) => parseCommand(text, limits);

/** The English line of an error result (and a clear failure when it parsed). */
export function errorOf(text: string): string {
  const r = parse(text);
  if (r.kind !== 'error') throw new Error(`expected an error for '${text}', got ${JSON.stringify(r)}`);
  return english(r.error);
}

/** The result of a text `sub` refuses, saying `error`. */
export const refused = (sub: Subcommand, error: Said) => ({ kind: 'error', error, sub });
