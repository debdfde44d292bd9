/**
 * Texts said by code that does not know its reader: the grammar, the workflows' step notes and
 * failures, refusals. They are kept as a key of the catalogue and its arguments (`Said`), stored
 * as such in run records, and put into words only when someone reads them, in that reader's
 * language (`Texts.said`). Importing this module loads no catalogue.
 *
 * @example
 *   say('work.dbStatus', { status: 'creating' })   // { key: 'work.dbStatus', args: { status: 'creating' } }
 *   t.said(note)                                     // "db: creating" / "DB: 作成中"
 */
import type { DrillTexts } from './en/drill';
import type { GrammarTexts } from './en/grammar';
import type { PreflightTexts } from './en/preflight';
import type { CostLineTexts } from './en/cost-line';
import type { ReceiptTexts } from './en/receipt';
import type { WorkTexts } from './en/work';

/** The catalogue areas whose texts can be said: each entry takes one object of plain arguments. */
export interface SayableAreas {
  grammar: GrammarTexts;
  work: WorkTexts;
  receipt: ReceiptTexts;
  drill: DrillTexts;
  preflight: PreflightTexts;
  costLine: CostLineTexts;
}

/** An argument: plain, or something said itself (put into words first). */
export type SaidArg =
  | string
  | number
  | boolean
  | Said
  | readonly SaidArg[]
  /** Counts by name (an inventory). */
  | Readonly<Record<string, number>>;

export interface Said {
  readonly key: string;
  readonly args?: Readonly<Record<string, SaidArg>>;
}

type Entries = {
  [A in keyof SayableAreas]: {
    [K in keyof SayableAreas[A] & string]: [`${A}.${K}`, SayableAreas[A][K]];
  }[keyof SayableAreas[A] & string];
}[keyof SayableAreas];

/** Every key that can be said: `grammar.unknownSubcommand`, `work.dbStatus`, … */
export type SaidKey = Entries[0];

type EntryOf<K extends SaidKey> = Extract<Entries, [K, unknown]>[1];

/** A string argument may be given as something said (it is put into words first). */
type Loose<T> = T extends string ? string | Said : T extends readonly (infer U)[] ? readonly Loose<U>[] : T;
type ArgsOf<F> = F extends () => string
  ? []
  : F extends (args: infer P) => string
    ? [args: { [K in keyof P]: Loose<P[K]> }]
    : never;

/** Something to say, by the catalogue key and its arguments. */
export function say<K extends SaidKey>(key: K, ...args: ArgsOf<EntryOf<K>>): Said {
  const [first] = args as unknown[];
  return first === undefined ? { key } : { key, args: first as Record<string, SaidArg> };
}

export function isSaid(value: unknown): value is Said {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string' &&
    !Array.isArray(value)
  );
}

/** A note or message as stored: something said, or plain text (an AWS message, an older record). */
export type Saying = Said | string;
