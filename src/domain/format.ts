/**
 * The one voice for figures: durations, money, counts and instants, as the bot, the CLI and the
 * reports (drill, receipt) print them, in each reader's language and time zone. Below everything
 * else in the project (it imports only the locale type), so every layer can use it. Rounding is
 * stated per function and never mixed: durations are truncated (an age never overstates), money is
 * rounded half-up on the decimal value.
 *
 * A `Formatter` is built for a locale with that language's words for units (the catalogues hold
 * them: src/i18n/<lang>/format.ts); the plain functions below are the English formatter in UTC,
 * for logs, JSON and tests.
 *
 * @example
 *   formatDuration(199_000)                     // "3m 19s"
 *   formatUsd(3.348)                            // "$3.35"
 *   count(4, 'subnet')                          // "4 subnets"
 *   createFormatter(ja, JA_WORDS).duration(199_000) // "3分19秒"
 */
import { INTL_TAG, type Lang, type Locale } from '../i18n/locale';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A language's words for figures (units, rates, what is too small to show). */
export interface FormatWords {
  /** Unit suffixes, the largest first, and what goes between two parts (`3m 19s`, `3分19秒`). */
  duration: { d: string; h: string; m: string; s: string; gap: string; zero: string; underSecond: string };
  /** Rate suffixes: `/h`, `/day`, `/month`. */
  rate: { hour: string; day: string; month: string };
  /** A positive amount under half a cent, given the smallest amount shown (`$0.01`). */
  underCent(smallest: string): string;
  /** Between the items of a list. */
  listSeparator: string;
  /** How an instant is laid out from its parts (all zero-padded strings). */
  instant(parts: {
    year: string;
    month: string;
    day: string;
    hour: string;
    minute: string;
    zone: string;
  }): string;
}

/** English: the same units the duration grammar reads (90m, 8h, 3d). */
export const EN_FORMAT_WORDS: FormatWords = {
  duration: { d: 'd', h: 'h', m: 'm', s: 's', gap: ' ', zero: '0s', underSecond: '<1s' },
  rate: { hour: '/h', day: '/day', month: '/month' },
  underCent: (smallest) => `<${smallest}`,
  listSeparator: ', ',
  instant: (p) => `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.zone}`,
};

export interface Formatter {
  readonly locale: Locale;
  /**
   * A duration in at most two units, the largest first, truncated: `45s`, `3m 19s`, `2h 5m`,
   * `1d 1h`, `3d`. Under a second (but not zero) it is `<1s`; negative durations are `0s`.
   */
  duration(ms: number): string;
  /** An amount: `$1.23`, `$1,234.50`; a positive amount under half a cent is `<$0.01`. */
  usd(value: number): string;
  /** An hourly rate: 4 decimals under $1/h (`$0.0052/h`), else cents (`$1.25/h`). */
  perHour(value: number): string;
  /** A daily rate: `$3.10/day`. */
  perDay(value: number): string;
  /** A monthly rate: `$94.90/month`. */
  perMonth(value: number): string;
  /** An instant, to the minute, in the locale's time zone: `2026-12-01 20:52 UTC`, `2026/12/02 05:52 JST`. */
  instant(ms: number): string;
  /** A whole number, grouped: `1,234`. */
  number(n: number): string;
  /** The plural category of `n` in this language (`one`, `other`; Japanese has only `other`). */
  plural(n: number): Intl.LDMLPluralRule;
  /** Items joined with the language's separator. */
  list(items: readonly string[]): string;
}

/** Rounds half-up to `decimals` places on the decimal value (1.005 → 1.01, not the float's 1.00). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}

const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function dollars(lang: Lang, value: number, decimals: number): string {
  const format = cached(
    `usd|${lang}|${decimals}`,
    () =>
      new Intl.NumberFormat(INTL_TAG[lang], {
        style: 'currency',
        currency: 'USD',
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      }),
  );
  // Rounded first (half-up on the decimal value); Intl then only groups and places the sign.
  const rounded = roundTo(value, decimals);
  return format.format(rounded === 0 ? 0 : rounded);
}

/** [unit length, key of its suffix], largest first. */
const UNITS = [
  [DAY, 'd'],
  [HOUR, 'h'],
  [MINUTE, 'm'],
  [SECOND, 's'],
] as const;

function instantParts(locale: Locale, ms: number) {
  const format = cached(
    `instant|${locale.lang}|${locale.timeZone}`,
    () =>
      new Intl.DateTimeFormat(INTL_TAG[locale.lang], {
        timeZone: locale.timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      }),
  );
  const parts = format.formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    zone: get('timeZoneName'),
  };
}

export function createFormatter(locale: Locale, words: FormatWords = EN_FORMAT_WORDS): Formatter {
  const { lang } = locale;
  const plurals = cached(`plural|${lang}`, () => new Intl.PluralRules(INTL_TAG[lang]));
  const numbers = cached(`number|${lang}`, () => new Intl.NumberFormat(INTL_TAG[lang]));
  const usd = (value: number) => {
    if (value > 0 && value < 0.005) return words.underCent(dollars(lang, 0.01, 2));
    return dollars(lang, value, 2);
  };
  return {
    locale,
    duration(ms) {
      const total = Math.max(0, Math.floor(Number.isFinite(ms) ? ms : 0));
      if (total === 0) return words.duration.zero;
      if (total < SECOND) return words.duration.underSecond;
      const first = UNITS.findIndex(([size]) => total >= size);
      const parts: string[] = [];
      let rest = total;
      for (const [size, unit] of UNITS.slice(first, first + 2)) {
        const n = Math.floor(rest / size);
        rest -= n * size;
        if (n > 0) parts.push(`${n}${words.duration[unit]}`);
      }
      return parts.join(words.duration.gap);
    },
    usd,
    perHour(value) {
      const small = value !== 0 && Math.abs(value) < 1;
      return `${dollars(lang, value, small ? 4 : 2)}${words.rate.hour}`;
    },
    perDay: (value) => `${dollars(lang, value, 2)}${words.rate.day}`,
    perMonth: (value) => `${dollars(lang, value, 2)}${words.rate.month}`,
    instant: (ms) => words.instant(instantParts(locale, ms)),
    number: (n) => numbers.format(n),
    plural: (n) => plurals.select(n),
    list: (items) => items.join(words.listSeparator),
  };
}

/** English in UTC: logs, JSON documents, configuration errors and tests. */
const EN = createFormatter({ lang: 'en', timeZone: 'UTC' });

export const formatDuration = (ms: number): string => EN.duration(ms);
export const formatUsd = (value: number): string => EN.usd(value);
export const formatPerHour = (value: number): string => EN.perHour(value);
export const formatPerDay = (value: number): string => EN.perDay(value);
export const formatPerMonth = (value: number): string => EN.perMonth(value);
/** An instant, to the minute, in UTC: `2026-12-01 20:52 UTC`. */
export const formatInstant = (ms: number): string => EN.instant(ms);

/** The English noun for `n` things: `plural(1, 'subnet')` is `subnet`, `plural(4, 'subnet')` is `subnets`. */
export function plural(n: number, one: string, other = `${one}s`): string {
  return EN.plural(n) === 'one' ? one : other;
}

/** An English count with its noun: `1 resource`, `22 resources`, `3 security groups`. */
export function count(n: number, one: string, other?: string): string {
  return `${n} ${plural(n, one, other)}`;
}
