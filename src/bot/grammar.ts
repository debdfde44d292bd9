/**
 * The `/site` command grammar: text in, a typed command or a one-line error out.
 * Never throws: whatever a person types becomes either a command or `{ kind: 'error' }`.
 *
 * @example
 *   parseCommand('create demo --ttl 8h', limits)
 *   // → { kind: 'create', env: 'demo', ttlMs: 28800000, multiAz: 'now', dryRun: false }
 */
import { z } from 'zod';
import { extendRule, readDuration, ttlRule, type DurationRule } from '../domain/durations';
import { clip } from '../domain/echo';
import { envNameProblem, envNameSchema } from '../domain/env-name';
import { isLang, LANGS, type Lang } from '../i18n/locale';
import { say, type Said } from '../i18n/said';
import type { MultiAzMode } from '../state/types';
import { EXPLAINED_STEPS } from '../workflows/outlines';
import { parseDays, parseHoursRange, WEEKDAYS, type HoursSpec } from '../workflows/remind/office-hours';

export type FailoverTarget = 'web' | 'db' | 'all';

export interface CreateCommand {
  kind: 'create';
  env: string;
  ttlMs: number;
  multiAz: MultiAzMode;
  dryRun: boolean;
  /** Post one explanation per step in the run's thread as it starts. */
  explain: boolean;
  /** `--hours 09:00-19:00 [--days …]`: office hours from the start. */
  hours?: HoursSpec;
}
export interface StatusCommand {
  kind: 'status';
  env?: string;
  /** Without an env: which page of environments (1-based). */
  page: number;
}
export interface ListCommand {
  kind: 'list';
  /** Which page of environments (1-based). */
  page: number;
}
export interface FailoverCommand {
  kind: 'failover';
  env: string;
  target: FailoverTarget;
  force: boolean;
  explain: boolean;
}
export interface DestroyCommand {
  kind: 'destroy';
  env: string;
}
export interface ExtendCommand {
  kind: 'extend';
  env: string;
  byMs: number;
}
export interface HelpCommand {
  kind: 'help';
}
/** `/site explain`: the steps; `/site explain <step>`: one step; `/site explain <env>`: its last create, in its thread. */
export interface ExplainCommand {
  kind: 'explain';
  step?: string;
  env?: string;
}
/** `/site lang ja|en`: the reader's language; without one, which it is now. */
export interface LangCommand {
  kind: 'lang';
  lang?: Lang;
}
export interface SleepCommand {
  kind: 'sleep';
  env: string;
}
export interface WakeCommand {
  kind: 'wake';
  env: string;
}
/** `/site sleep <env>`, `/site wake <env>`. */
export type PowerCommand = SleepCommand | WakeCommand;
/** `/site hours <env> 09:00-19:00 [days]` or `/site hours <env> off`. */
export interface HoursCommand {
  kind: 'hours';
  env: string;
  hours: HoursSpec | 'off';
}

export type Command =
  | CreateCommand
  | StatusCommand
  | ListCommand
  | FailoverCommand
  | DestroyCommand
  | ExtendCommand
  | PowerCommand
  | HoursCommand
  | HelpCommand
  | ExplainCommand
  | LangCommand;

export interface ParseError {
  kind: 'error';
  /** One line naming the problem and the rule, said in the reader's language. */
  error: Said;
  /** The subcommand it was for, when known (its usage line goes with the error). */
  sub?: Subcommand;
}

export type ParseResult = Command | ParseError;

export interface GrammarLimits {
  defaultTtlMs: number;
  maxTtlMs: number;
}

export const SUBCOMMANDS = [
  'create',
  'status',
  'list',
  'failover',
  'destroy',
  'extend',
  'sleep',
  'wake',
  'hours',
  'explain',
  'lang',
  'help',
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

/**
 * One usage line per subcommand, shown by `help` and with an error of that subcommand. The
 * grammar itself, the same in every language. i18n-exempt: command syntax.
 */
export const USAGE: Record<Subcommand, string> = {
  create:
    '/site create <env> [--ttl <dur>] [--multi-az now|later|off] [--hours HH:MM-HH:MM [--days <days>]] [--dry-run] [--explain]',
  status: '/site status [<env>] [--page <n>]',
  list: '/site list [--page <n>]',
  failover: '/site failover <env> [web|db|all] [--force] [--explain]',
  destroy: '/site destroy <env>',
  extend: '/site extend <env> <dur>',
  sleep: '/site sleep <env>',
  wake: '/site wake <env>',
  hours: '/site hours <env> HH:MM-HH:MM [weekdays|daily|mon-fri|…] | off',
  explain: '/site explain [<env>|<step>]',
  lang: `/site lang ${LANGS.join('|')}`,
  help: '/site help',
};

const multiAzSchema = z.enum(['now', 'later', 'off']);
const failoverTargetSchema = z.enum(['web', 'db', 'all']);

/** Parses the text after `/site`. Empty text is `help`. */
export function parseCommand(text: string, limits: GrammarLimits): ParseResult {
  try {
    return parseTokens(tokenize(String(text ?? '')), limits);
  } catch (err) {
    // Unreachable by design; the contract is "never throws", so keep it even if a bug slips in.
    return fail(say('grammar.couldNotRead', { detail: err instanceof Error ? err.message : String(err) }));
  }
}

/** Splits on whitespace; Slack clients may turn `--` into an em/en dash, so those count as `--`. */
function tokenize(text: string): string[] {
  return text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => t.replace(/^[\u2014\u2013]/, '--'));
}

interface Split {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseTokens(tokens: string[], limits: GrammarLimits): ParseResult {
  if (tokens.length === 0) return { kind: 'help' };
  const [sub, ...rest] = tokens;
  const parsed = parseSub(sub, rest, limits);
  return parsed.kind === 'error' && SUBCOMMANDS.includes(sub as Subcommand)
    ? { ...parsed, sub: sub as Subcommand }
    : parsed;
}

function parseSub(sub: string, rest: string[], limits: GrammarLimits): ParseResult {
  switch (sub) {
    case 'help':
      return rest.length > 0
        ? fail(say('grammar.helpTakesNothing', { got: clip(rest[0]) }))
        : { kind: 'help' };
    case 'list':
      return parseList(rest);
    case 'status':
      return parseStatus(rest);
    case 'create':
      return parseCreate(rest, limits);
    case 'failover':
      return parseFailover(rest);
    case 'destroy':
      return parseDestroy(rest);
    case 'extend':
      return parseExtend(rest, limits);
    case 'sleep':
    case 'wake': {
      const split = splitFlags(rest, {});
      if ('kind' in split) return split;
      const env = oneEnv(split.positional, sub);
      if (typeof env !== 'string') return env;
      return sub === 'sleep' ? { kind: 'sleep', env } : { kind: 'wake', env };
    }
    case 'hours':
      return parseHours(rest);
    case 'explain':
      return parseExplain(rest);
    case 'lang':
      return parseLang(rest);
    default:
      return fail(say('grammar.unknownSubcommand', { got: clip(sub), allowed: SUBCOMMANDS.join(', ') }));
  }
}

function parseList(rest: string[]): ParseResult {
  const split = splitFlags(rest, { '--page': 'value' });
  if ('kind' in split) return split;
  if (split.positional.length > 0)
    return fail(say('grammar.listTakesNoEnv', { got: clip(split.positional[0]) }));
  const page = pageOf(split);
  return typeof page === 'number' ? { kind: 'list', page } : page;
}

function parseStatus(rest: string[]): ParseResult {
  const split = splitFlags(rest, { '--page': 'value' });
  if ('kind' in split) return split;
  if (split.positional.length > 1)
    return fail(say('grammar.statusOneEnv', { got: clip(split.positional[1]) }));
  const page = pageOf(split);
  if (typeof page !== 'number') return page;
  if (split.positional.length === 0) return { kind: 'status', page };
  if (split.flags.has('--page')) return fail(say('grammar.pageIsForAll'));
  const env = envName(split.positional[0]);
  return typeof env === 'string' ? { kind: 'status', env, page } : env;
}

/** `--page <n>`: a whole number from 1. */
function pageOf(split: Split): number | ParseError {
  const raw = split.flags.get('--page');
  if (typeof raw !== 'string') return 1;
  if (!/^[1-9][0-9]{0,3}$/.test(raw)) return fail(say('grammar.pageNumber', { got: clip(raw) }));
  return Number(raw);
}

/** Hours and optional days as typed; days default to weekdays. */
function hoursSpec(range: string, days: string | undefined): HoursSpec | ParseError {
  const window = parseHoursRange(range);
  if (!('start' in window)) return fail(window);
  const dayList = days === undefined ? [...WEEKDAYS] : parseDays(days);
  if (!Array.isArray(dayList)) return fail(dayList);
  return { ...window, days: dayList };
}

function parseHours(rest: string[]): ParseResult {
  const split = splitFlags(rest, {});
  if ('kind' in split) return split;
  const [first, second, third, fourth] = split.positional;
  if (first === undefined) return fail(say('grammar.hoursNeedsEnv'));
  const env = envName(first);
  if (typeof env !== 'string') return env;
  if (second === undefined) return fail(say('grammar.hoursNeedsHours'));
  if (second === 'off') {
    return third === undefined
      ? { kind: 'hours', env, hours: 'off' }
      : fail(say('grammar.afterOff', { got: clip(third) }));
  }
  if (fourth !== undefined) return fail(say('grammar.afterDays', { got: clip(fourth) }));
  const hours = hoursSpec(second, third);
  return 'kind' in hours ? hours : { kind: 'hours', env, hours };
}

function parseCreate(rest: string[], limits: GrammarLimits): ParseResult {
  const split = splitFlags(rest, {
    '--ttl': 'value',
    '--multi-az': 'value',
    '--dry-run': 'switch',
    '--hours': 'value',
    '--days': 'value',
    '--explain': 'switch',
  });
  if ('kind' in split) return split;
  const env = oneEnv(split.positional, 'create');
  if (typeof env !== 'string') return env;
  let ttlMs = limits.defaultTtlMs;
  const ttl = split.flags.get('--ttl');
  if (typeof ttl === 'string') {
    const parsed = duration(ttl, ttlRule(limits.maxTtlMs));
    if (typeof parsed !== 'number') return parsed;
    ttlMs = parsed;
  }
  let multiAz: MultiAzMode = 'now';
  const az = split.flags.get('--multi-az');
  if (typeof az === 'string') {
    const parsed = multiAzSchema.safeParse(az);
    if (!parsed.success) return fail(say('grammar.multiAz', { got: clip(az) }));
    multiAz = parsed.data;
  }
  const hoursFlag = split.flags.get('--hours');
  const days = split.flags.get('--days');
  if (typeof days === 'string' && typeof hoursFlag !== 'string') return fail(say('grammar.daysNeedHours'));
  let hours: HoursSpec | undefined;
  if (typeof hoursFlag === 'string') {
    const parsed = hoursSpec(hoursFlag, typeof days === 'string' ? days : undefined);
    if ('kind' in parsed) return parsed;
    hours = parsed;
  }
  return {
    kind: 'create',
    env,
    ttlMs,
    multiAz,
    dryRun: split.flags.has('--dry-run'),
    explain: split.flags.has('--explain'),
    ...(hours ? { hours } : {}),
  };
}

function parseFailover(rest: string[]): ParseResult {
  const split = splitFlags(rest, { '--force': 'switch', '--explain': 'switch' });
  if ('kind' in split) return split;
  const [first, second, third] = split.positional;
  if (first === undefined) return fail(say('grammar.needsEnv', { sub: 'failover' }));
  const env = envName(first);
  if (typeof env !== 'string') return env;
  if (third !== undefined) return fail(say('grammar.oneTarget', { got: clip(third) }));
  let target: FailoverTarget = 'all';
  if (second !== undefined) {
    const parsed = failoverTargetSchema.safeParse(second);
    if (!parsed.success) return fail(say('grammar.failoverTarget', { got: clip(second) }));
    target = parsed.data;
  }
  return {
    kind: 'failover',
    env,
    target,
    force: split.flags.has('--force'),
    explain: split.flags.has('--explain'),
  };
}

function parseDestroy(rest: string[]): ParseResult {
  const split = splitFlags(rest, {});
  if ('kind' in split) return split;
  const env = oneEnv(split.positional, 'destroy');
  return typeof env === 'string' ? { kind: 'destroy', env } : env;
}

function parseExtend(rest: string[], limits: GrammarLimits): ParseResult {
  const split = splitFlags(rest, {});
  if ('kind' in split) return split;
  const [first, second, third] = split.positional;
  if (first === undefined) return fail(say('grammar.extendNeedsBoth'));
  const env = envName(first);
  if (typeof env !== 'string') return env;
  if (second === undefined) return fail(say('grammar.extendNeedsDuration'));
  if (third !== undefined) return fail(say('grammar.extendOneDuration', { got: clip(third) }));
  const byMs = duration(second, extendRule(limits.maxTtlMs));
  return typeof byMs === 'number' ? { kind: 'extend', env, byMs } : byMs;
}

/** A step id (create's or failover's) explains that step; any other valid name is an env. */
function parseExplain(rest: string[]): ParseResult {
  const split = splitFlags(rest, {});
  if ('kind' in split) return split;
  const [first, second] = split.positional;
  if (second !== undefined) return fail(say('grammar.explainOne', { got: clip(second) }));
  if (first === undefined) return { kind: 'explain' };
  if (EXPLAINED_STEPS.includes(first)) return { kind: 'explain', step: first };
  const env = envNameSchema.safeParse(first);
  return env.success
    ? { kind: 'explain', env: env.data }
    : fail(say('grammar.explainWhat', { got: clip(first) }));
}

function parseLang(rest: string[]): ParseResult {
  const split = splitFlags(rest, {});
  if ('kind' in split) return split;
  const [first, second] = split.positional;
  if (first === undefined) return { kind: 'lang' };
  if (second !== undefined) return fail(say('grammar.langOne', { got: clip(second) }));
  const lang = first.toLowerCase();
  return isLang(lang) ? { kind: 'lang', lang } : fail(say('grammar.langUnknown', { got: clip(first) }));
}

/** Separates `--flag [value]` (also `--flag=value`) from positional words, rejecting unknown and repeated flags. */
function splitFlags(tokens: string[], known: Record<string, 'value' | 'switch'>): Split | ParseError {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    // `-1h` is a (negative) value, not an option: the duration rule answers it.
    if (!token.startsWith('-') || /^-[0-9]/.test(token)) {
      positional.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    const kind = Object.prototype.hasOwnProperty.call(known, name) ? known[name] : undefined;
    if (kind === undefined) {
      const allowed = Object.keys(known);
      return fail(
        allowed.length
          ? say('grammar.unknownOption', { got: clip(name), allowed: allowed.join(', ') })
          : say('grammar.unknownOptionNone', { got: clip(name) }),
      );
    }
    if (flags.has(name)) return fail(say('grammar.optionOnce', { name }));
    if (kind === 'switch') {
      if (eq > 0) return fail(say('grammar.optionNoValue', { name }));
      flags.set(name, true);
      continue;
    }
    const value = eq > 0 ? token.slice(eq + 1) : tokens[i + 1];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      return fail(say('grammar.optionNeedsValue', { name }));
    }
    if (eq < 0) i += 1;
    flags.set(name, value);
  }
  return { positional, flags };
}

function oneEnv(positional: string[], sub: string): string | ParseError {
  if (positional.length === 0) return fail(say('grammar.needsEnv', { sub }));
  if (positional.length > 1) return fail(say('grammar.oneEnv', { sub, got: clip(positional[1]) }));
  return envName(positional[0]);
}

function envName(raw: string): string | ParseError {
  const parsed = envNameSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  return fail(
    say('grammar.envName', { got: clip(raw), problem: envNameProblem(parsed.error.issues[0]?.message) }),
  );
}

function duration(raw: string, rule: DurationRule): number | ParseError {
  const read = readDuration(raw, rule);
  return read.ok ? read.ms : fail(read.error);
}

function fail(error: Said): ParseError {
  return { kind: 'error', error };
}
