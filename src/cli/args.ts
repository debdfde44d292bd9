/**
 * `sitebot <subcommand> …` argv → a typed command, or a one-line error. Never throws.
 * Words are split into positionals and `--flags` by each subcommand's flag table, then zod
 * checks the result; env names and durations follow the rules `/site` follows (src/domain), so
 * the CLI and the bot accept exactly the same things.
 *
 * @example
 *   parseCliArgs(['create', 'demo', '--ttl', '8h', '--json'], limits)
 *   // → { kind: 'create', env: 'demo', ttlMs: 28800000, multiAz: 'now', dryRun: false, json: true, … }
 */
import { z } from 'zod';
import { readDuration, ttlRule } from '../domain/durations';
import { clip } from '../domain/echo';
import { envNameProblem, envNameSchema } from '../domain/env-name';
import { isSaid, say, type Said, type SaidKey } from '../i18n/said';
import type { MultiAzMode } from '../state/types';

export type FailoverTarget = 'web' | 'db' | 'all';

/** Who is asking: `--as <user>`, else `$SITEBOT_CLI_USER`, else `$USER`. */
interface Requester {
  as: string;
}

export interface CliCreate extends Requester {
  kind: 'create';
  env: string;
  ttlMs: number;
  multiAz: MultiAzMode;
  dryRun: boolean;
  json: boolean;
  /** Slack channel the env reports to (reminders, digests); `cli` when run from a terminal only. */
  channel: string;
  /** `--no-site-check`: the run does not ask the site through the ALB (an endpoint without a data plane). */
  siteCheck: boolean;
}
export interface CliStatus {
  kind: 'status';
  env?: string;
  json: boolean;
}
export interface CliList {
  kind: 'list';
  json: boolean;
}
export interface CliDestroy extends Requester {
  kind: 'destroy';
  env: string;
  yes: boolean;
  json: boolean;
}
export interface CliFailover extends Requester {
  kind: 'failover';
  env: string;
  target: FailoverTarget;
  force: boolean;
  json: boolean;
}
/** `sitebot sleep <env>`, `sitebot wake <env>`. */
export interface CliPower extends Requester {
  kind: 'sleep' | 'wake';
  env: string;
  json: boolean;
}
export interface CliPrices {
  kind: 'prices';
  /** Passed as is to runPricesCommand (`refresh [--region R]`). */
  args: string[];
}
export interface CliHelp {
  kind: 'help';
}
export interface CliDiagram {
  kind: 'diagram';
  env: string;
  /** The latest failover drill's probe timeline instead of the environment. */
  drill: boolean;
  /** A file ending in .svg or .png; stdout (SVG) when absent. */
  out?: string;
}
export interface CliInit {
  kind: 'init';
}
export interface CliCancel extends Requester {
  kind: 'cancel';
  env: string;
  json: boolean;
}

export type CliCommand =
  | CliCreate
  | CliStatus
  | CliList
  | CliDestroy
  | CliFailover
  | CliPower
  | CliPrices
  | CliHelp
  | CliDiagram
  | CliInit
  | CliCancel;
/** `error`: what is wrong, said (the CLI prints it in SITEBOT_LANG). */
export type CliParseResult = CliCommand | { kind: 'error'; error: Said };

export interface CliLimits {
  defaultTtlMs: number;
  maxTtlMs: number;
  /** The local user (`$SITEBOT_CLI_USER`, else `$USER`), used when `--as` is not given. */
  user?: string;
}

type FlagKind = 'value' | 'switch';

interface Split {
  positional: string[];
  flags: Record<string, string | true>;
}

/** Separates `--flag value` / `--flag=value` / `--switch` from positional words. */
export function splitArgs(argv: readonly string[], known: Record<string, FlagKind>): Split | Said {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i];
    if (!token.startsWith('--') || token === '--') {
      positional.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = (eq > 0 ? token.slice(0, eq) : token).slice(2);
    const kind = Object.prototype.hasOwnProperty.call(known, name) ? known[name] : undefined;
    if (kind === undefined) {
      const allowed = Object.keys(known).map((k) => `--${k}`);
      return allowed.length
        ? say('grammar.cliUnknownOption', { got: clip(name), allowed: allowed.join(', ') })
        : say('grammar.cliUnknownOptionNone', { got: clip(name) });
    }
    if (name in flags) return say('grammar.cliOptionTwice', { name });
    if (kind === 'switch') {
      if (eq > 0) return say('grammar.cliOptionNoValue', { name });
      flags[name] = true;
      continue;
    }
    const value = eq > 0 ? token.slice(eq + 1) : argv[i + 1];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
      return say('grammar.cliOptionNeedsValue', { name });
    if (eq < 0) i += 1;
    flags[name] = value;
  }
  return { positional, flags };
}

/** zod carries a message string: a check's message is the key of what it says (see `issueSaid`). */
const USER_PROBLEMS = {
  empty: 'grammar.userEmpty',
  long: 'grammar.userTooLong',
  chars: 'grammar.userChars',
} as const satisfies Record<string, SaidKey>;

const userSchema = z
  .string()
  .min(1, USER_PROBLEMS.empty)
  .max(64, USER_PROBLEMS.long)
  .regex(/^[A-Za-z0-9._@-]+$/, USER_PROBLEMS.chars);

/** The keys a check may give as its message, said without arguments. */
const BARE: readonly string[] = [...Object.values(USER_PROBLEMS), 'grammar.cliChannel', 'grammar.cliOut'];

const ttlSchema = (limits: CliLimits) =>
  z.string().transform((raw, ctx) => {
    const read = readDuration(raw, ttlRule(limits.maxTtlMs));
    if (read.ok) return read.ms;
    ctx.addIssue({ code: 'custom', message: read.error.key, params: { said: read.error } });
    return z.NEVER;
  });

const sw = z.literal(true).optional();

/** `--as <user>`, else the local user, else `cli`. */
function asOf(flags: Record<string, string | true>, limits: CliLimits): string {
  return typeof flags.as === 'string' ? flags.as : limits.user || 'cli';
}

/** What one failed check says: its own Said (a duration), or the key it gives as its message. */
function issueSaid(issue: z.core.$ZodIssue): Said {
  const said = (issue as { params?: { said?: unknown } }).params?.said;
  if (isSaid(said)) return said;
  return BARE.includes(issue.message)
    ? say(issue.message as 'grammar.cliChannel')
    : say('grammar.cliInvalid');
}

/** The first issue of a failed zod parse, as one line; env-name issues name the env. */
function firstIssue(error: z.ZodError, raw: Record<string, unknown>): Said {
  const issue = error.issues[0];
  if (!issue) return say('grammar.cliInvalid');
  const got = (name: string) => clip(String(raw[name] ?? ''));
  switch (issue.path[0]) {
    case 'env':
      return say('grammar.envName', { got: got('env'), problem: envNameProblem(issue.message) });
    case 'as':
      return say('grammar.cliAs', { got: got('as'), problem: issueSaid(issue) });
    case 'multiAz':
      return say('grammar.cliMultiAz', { got: got('multiAz') });
    case 'target':
      return say('grammar.cliTarget', { got: got('target') });
    default:
      return issueSaid(issue);
  }
}

/** Exactly one env name among the positionals (zod checks its shape). */
function oneEnv(positional: string[], sub: string): { env: string } | Said {
  if (positional.length === 0) return say('grammar.needsEnv', { sub });
  if (positional.length > 1) return say('grammar.cliAfterEnv', { got: clip(positional[1]) });
  return { env: positional[0] };
}

export function parseCliArgs(argv: readonly string[], limits: CliLimits): CliParseResult {
  const [sub, ...rest] = argv;
  switch (sub) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return rest.length > 0 && sub !== undefined
        ? fail(say('grammar.cliHelpNothing', { got: clip(rest[0]) }))
        : { kind: 'help' };
    case 'prices':
      return { kind: 'prices', args: [...rest] };
    case 'create':
      return parseCreate(rest, limits);
    case 'status':
      return parseStatus(rest);
    case 'list':
      return parseWith(
        rest,
        { json: 'switch' },
        ({ positional, flags }) => {
          if (positional.length > 0)
            return say('grammar.cliNoArgs', { sub: 'list', got: clip(positional[0]) });
          return { schema: z.object({ json: sw }), input: { json: flags.json } };
        },
        (v): CliList => ({ kind: 'list', json: v.json === true }),
      );
    case 'destroy':
      return parseDestroy(rest, limits);
    case 'failover':
      return parseFailover(rest, limits);
    case 'diagram':
      return parseDiagram(rest);
    case 'init':
      return rest.length > 0
        ? fail(say('grammar.cliNoArgs', { sub: 'init', got: clip(rest[0]) }))
        : { kind: 'init' };
    case 'cancel':
      return parseCancel(rest, limits);
    case 'sleep':
    case 'wake':
      return parsePower(sub, rest, limits);
    default:
      return fail(
        say('grammar.cliUnknownSubcommand', {
          got: clip(sub),
          allowed:
            'init, create, status, list, cancel, destroy, failover, sleep, wake, diagram, prices, help',
        }),
      );
  }
}

const fail = (error: Said): CliParseResult => ({ kind: 'error', error });

/**
 * Splits `rest` by the flag table, lets `prepare` pick the schema and its input (or refuse
 * with a message), validates, and maps the valid input to the command.
 */
function parseWith<S extends z.ZodType, T extends CliCommand>(
  rest: string[],
  known: Record<string, FlagKind>,
  prepare: (split: Split) => { schema: S; input: Record<string, unknown> } | Said,
  build: (value: z.output<S>) => T,
): CliParseResult {
  const split = splitArgs(rest, known);
  if (isSaid(split)) return fail(split);
  const prepared = prepare(split);
  if (isSaid(prepared)) return fail(prepared);
  const parsed = prepared.schema.safeParse(prepared.input);
  return parsed.success ? build(parsed.data) : fail(firstIssue(parsed.error, prepared.input));
}

function parseStatus(rest: string[]): CliParseResult {
  const schema = z.object({ env: envNameSchema.optional(), json: sw });
  return parseWith(
    rest,
    { json: 'switch' },
    ({ positional, flags }) => {
      if (positional.length > 1) return say('grammar.cliAfterEnv', { got: clip(positional[1]) });
      return { schema, input: { env: positional[0], json: flags.json } };
    },
    (v): CliStatus => ({ kind: 'status', ...(v.env ? { env: v.env } : {}), json: v.json === true }),
  );
}

function parseCreate(rest: string[], limits: CliLimits): CliParseResult {
  const schema = z.object({
    env: envNameSchema,
    as: userSchema,
    ttl: ttlSchema(limits).optional(),
    multiAz: z.enum(['now', 'later', 'off']).default('now'),
    dryRun: sw,
    json: sw,
    channel: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'grammar.cliChannel')
      .default('cli'),
    noSiteCheck: sw,
  });
  const known: Record<string, FlagKind> = {
    ttl: 'value',
    'multi-az': 'value',
    'dry-run': 'switch',
    json: 'switch',
    as: 'value',
    channel: 'value',
    'no-site-check': 'switch',
  };
  return parseWith(
    rest,
    known,
    ({ positional, flags }) => {
      const one = oneEnv(positional, 'create');
      if (isSaid(one)) return one;
      return {
        schema,
        input: {
          ...one,
          as: asOf(flags, limits),
          ttl: flags.ttl,
          multiAz: flags['multi-az'],
          dryRun: flags['dry-run'],
          json: flags.json,
          channel: flags.channel,
          noSiteCheck: flags['no-site-check'],
        },
      };
    },
    (v): CliCreate => ({
      kind: 'create',
      env: v.env,
      ttlMs: v.ttl ?? limits.defaultTtlMs,
      multiAz: v.multiAz,
      dryRun: v.dryRun === true,
      json: v.json === true,
      channel: v.channel,
      as: v.as,
      siteCheck: v.noSiteCheck !== true,
    }),
  );
}

function parseCancel(rest: string[], limits: CliLimits): CliParseResult {
  const schema = z.object({ env: envNameSchema, as: userSchema, json: sw });
  return parseWith(
    rest,
    { json: 'switch', as: 'value' },
    ({ positional, flags }) => {
      const one = oneEnv(positional, 'cancel');
      if (isSaid(one)) return one;
      return { schema, input: { ...one, as: asOf(flags, limits), json: flags.json } };
    },
    (v): CliCancel => ({ kind: 'cancel', env: v.env, json: v.json === true, as: v.as }),
  );
}

function parseDestroy(rest: string[], limits: CliLimits): CliParseResult {
  const schema = z.object({ env: envNameSchema, as: userSchema, yes: sw, json: sw });
  return parseWith(
    rest,
    { yes: 'switch', json: 'switch', as: 'value' },
    ({ positional, flags }) => {
      const one = oneEnv(positional, 'destroy');
      if (isSaid(one)) return one;
      return { schema, input: { ...one, as: asOf(flags, limits), yes: flags.yes, json: flags.json } };
    },
    (v): CliDestroy => ({
      kind: 'destroy',
      env: v.env,
      yes: v.yes === true,
      json: v.json === true,
      as: v.as,
    }),
  );
}

function parseFailover(rest: string[], limits: CliLimits): CliParseResult {
  const schema = z.object({
    env: envNameSchema,
    as: userSchema,
    target: z.enum(['web', 'db', 'all']).default('all'),
    force: sw,
    json: sw,
  });
  return parseWith(
    rest,
    { force: 'switch', json: 'switch', as: 'value' },
    ({ positional, flags }) => {
      const [env, target, extra] = positional;
      if (env === undefined) return say('grammar.needsEnv', { sub: 'failover' });
      if (extra !== undefined) return say('grammar.cliAfterTarget', { got: clip(extra) });
      return {
        schema,
        input: { env, target, as: asOf(flags, limits), force: flags.force, json: flags.json },
      };
    },
    (v): CliFailover => ({
      kind: 'failover',
      env: v.env,
      target: v.target,
      force: v.force === true,
      json: v.json === true,
      as: v.as,
    }),
  );
}

function parseDiagram(rest: string[]): CliParseResult {
  const schema = z.object({
    env: envNameSchema,
    drill: sw,
    out: z
      .string()
      .regex(/\.(svg|png)$/i, 'grammar.cliOut')
      .optional(),
  });
  return parseWith(
    rest,
    { drill: 'switch', out: 'value' },
    ({ positional, flags }) => {
      const one = oneEnv(positional, 'diagram');
      if (isSaid(one)) return one;
      return { schema, input: { ...one, drill: flags.drill, out: flags.out } };
    },
    (v): CliDiagram => ({
      kind: 'diagram',
      env: v.env,
      drill: v.drill === true,
      ...(v.out ? { out: v.out } : {}),
    }),
  );
}

function parsePower(kind: 'sleep' | 'wake', rest: string[], limits: CliLimits): CliParseResult {
  const schema = z.object({ env: envNameSchema, as: userSchema, json: sw });
  return parseWith(
    rest,
    { json: 'switch', as: 'value' },
    ({ positional, flags }) => {
      const one = oneEnv(positional, kind);
      if (isSaid(one)) return one;
      return { schema, input: { ...one, as: asOf(flags, limits), json: flags.json } };
    },
    (v): CliPower => ({ kind, env: v.env, json: v.json === true, as: v.as }),
  );
}
