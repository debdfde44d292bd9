/**
 * What is wrong with a command as typed (`/site …` and `sitebot …`): one line naming the problem
 * and the rule. Said by the grammar (`say('grammar.…')`), put into words for the reader.
 * `got` is what the person typed, already clipped (src/domain/echo.ts).
 */
import type { Formatter } from '../../domain/format';

export const grammar = (f: Formatter) => ({
  couldNotRead: (a: { detail: string }) => `could not read the command (${a.detail})`,
  helpTakesNothing: (a: { got: string }) => `'help' takes no arguments (got '${a.got}')`,
  unknownSubcommand: (a: { got: string; allowed: string }) =>
    `unknown subcommand '${a.got}': it must be one of ${a.allowed}`,
  listTakesNoEnv: (a: { got: string }) => `'list' takes no env name (got '${a.got}'); use /site status <env>`,
  statusOneEnv: (a: { got: string }) => `'status' takes one env name at most (got '${a.got}' after it)`,
  pageIsForAll: () => '--page is for the list of all environments, not for one',
  pageNumber: (a: { got: string }) => `--page must be a whole number from 1 (got '${a.got}')`,
  multiAz: (a: { got: string }) => `--multi-az must be now, later or off (got '${a.got}')`,
  needsEnv: (a: { sub: string }) => `'${a.sub}' needs an env name`,
  oneEnv: (a: { sub: string; got: string }) => `'${a.sub}' takes one env name (got '${a.got}' after it)`,
  oneTarget: (a: { got: string }) => `'failover' takes one target at most (got '${a.got}' after it)`,
  failoverTarget: (a: { got: string }) => `the failover target must be web, db or all (got '${a.got}')`,
  extendNeedsBoth: () => "'extend' needs an env name and a duration",
  extendNeedsDuration: () => "'extend' needs a duration after the env name, like 8h",
  extendOneDuration: (a: { got: string }) => `'extend' takes one duration (got '${a.got}' after it)`,
  unknownOption: (a: { got: string; allowed: string }) =>
    `unknown option '${a.got}': this command takes ${a.allowed}`,
  unknownOptionNone: (a: { got: string }) => `unknown option '${a.got}': this command takes no options`,
  optionOnce: (a: { name: string }) => `option ${a.name} may be given once`,
  optionNoValue: (a: { name: string }) => `option ${a.name} takes no value`,
  optionNeedsValue: (a: { name: string }) => `option ${a.name} needs a value`,
  langNeeded: () => "'lang' needs a language: ja or en",
  hoursNeedsEnv: () => "'hours' needs an env name, then hours like 09:00-19:00 or 'off'",
  hoursNeedsHours: () => "'hours' needs hours like 09:00-19:00 (or 'off') after the env name",
  afterOff: (a: { got: string }) => `unexpected '${a.got}' after 'off'`,
  afterDays: (a: { got: string }) => `unexpected '${a.got}' after the days`,
  daysNeedHours: () => '--days goes with --hours',
  hoursShape: (a: { got: string }) => `office hours '${a.got}' are not like 09:00-19:00`,
  hoursTimes: (a: { got: string }) => `office hours '${a.got}' are not valid times of day`,
  hoursOrder: () => 'office hours must start before they end (overnight hours are not supported)',
  daysShape: (a: { got: string }) => `days '${a.got}' are not like weekdays, daily, mon-fri or mon,wed,fri`,
  langUnknown: (a: { got: string }) => `the language must be ja or en (got '${a.got}')`,
  langOne: (a: { got: string }) => `'lang' takes one language (got '${a.got}' after it)`,
  explainOne: (a: { got: string }) =>
    `'explain' takes one environment or step at most (got '${a.got}' after it)`,
  explainWhat: (a: { got: string }) =>
    `'${a.got}' is neither a step nor a valid env name: see /site explain for the steps`,

  // Environment names (src/domain/env-name.ts).
  envName: (a: { got: string; problem: string }) => `env name '${a.got}' ${a.problem}`,
  envTooShort: () => 'is shorter than 3 characters',
  envTooLong: () => 'is longer than 20 characters',
  envChars: () => 'may only contain lowercase letters, digits and hyphens',
  envStart: () => 'must start with a letter',
  envEnd: () => 'must not end with a hyphen',
  envDoubleHyphen: () => 'must not contain a double hyphen',
  envInvalid: () => 'is not valid',
  envNameRule: () =>
    '3–20 characters: lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen',

  // Durations (src/domain/durations.ts). `what` is `ttl` or `extension`.
  ttl: () => 'TTL',
  extension: () => 'the extension',
  durationSyntax: () => 'a whole number of minutes, hours or days, like 90m, 8h or 3d',
  durationPositive: (a: { what: string; got: string }) => `${a.what} must be positive (got ${a.got})`,
  durationShape: (a: { what: string; syntax: string; got: string }) =>
    `${a.what} must be ${a.syntax} (got ${a.got})`,
  durationAtLeast: (a: { what: string; minMs: number; got: string }) =>
    `${a.what} must be at least ${f.duration(a.minMs)} (got ${a.got})`,
  durationAtMost: (a: { what: string; maxMs: number; got: string }) =>
    `${a.what} must be at most ${f.duration(a.maxMs)} (got ${a.got})`,

  // The command line's own (src/cli/args.ts).
  cliUnknownOption: (a: { got: string; allowed: string }) =>
    `unknown option '--${a.got}' (allowed: ${a.allowed})`,
  cliUnknownOptionNone: (a: { got: string }) => `unknown option '--${a.got}'`,
  cliOptionTwice: (a: { name: string }) => `option --${a.name} is given twice`,
  cliOptionNoValue: (a: { name: string }) => `option --${a.name} takes no value`,
  cliOptionNeedsValue: (a: { name: string }) => `option --${a.name} needs a value`,
  cliHelpNothing: (a: { got: string }) => `'help' takes no arguments, got '${a.got}'`,
  cliNoArgs: (a: { sub: string; got: string }) => `'${a.sub}' takes no arguments, got '${a.got}'`,
  cliOut: () => '--out must name a .svg or .png file',
  cliUnknownSubcommand: (a: { got: string; allowed: string }) =>
    `unknown subcommand '${a.got}' (try one of: ${a.allowed})`,
  cliAfterEnv: (a: { got: string }) => `unexpected '${a.got}' after the env name`,
  cliAfterTarget: (a: { got: string }) => `unexpected '${a.got}' after the failover target`,
  cliMultiAz: (a: { got: string }) => `--multi-az must be now, later or off, not '${a.got}'`,
  cliTarget: (a: { got: string }) => `failover target must be web, db or all, not '${a.got}'`,
  cliChannel: () => '--channel must be a channel id like C0123ABC',
  cliAs: (a: { got: string; problem: string }) => `--as '${a.got}' ${a.problem}`,
  userEmpty: () => 'is empty',
  userTooLong: () => 'is longer than 64 characters',
  userChars: () => 'may only contain letters, digits and . _ @ -',
  cliInvalid: () => 'invalid arguments',
});

export type GrammarTexts = ReturnType<typeof grammar>;
