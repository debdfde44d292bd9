/**
 * The grammar's edges that grammar.test.ts left open, found by mutation testing
 * (quality/README.md): the usage lines, both dashes Slack substitutes, `--page` bounds, empty
 * and dash-led option values, and the "never throws" promise when reading the text itself fails.
 */
import { parseCommand, SUBCOMMANDS, USAGE } from '../../../src/bot/grammar';
import { english } from '../../../src/i18n/english';
import { inEnglish } from '../../helpers/english-said';
import { errorOf, H, limits, parse } from './grammar-harness';

describe('usage lines', () => {
  test('one per subcommand, each starting with its own command', () => {
    expect(Object.keys(USAGE).sort()).toEqual([...SUBCOMMANDS].sort());
    for (const sub of SUBCOMMANDS) expect(USAGE[sub]).toMatch(new RegExp(`^/site ${sub}( |$)`));
  });

  test('each names the options and arguments its parser accepts', () => {
    expect(USAGE.create).toEqual(expect.stringContaining('<env>'));
    for (const option of ['--ttl', '--multi-az now|later|off', '--dry-run'])
      expect(USAGE.create).toContain(option);
    expect(USAGE.status).toContain('[<env>]');
    expect(USAGE.status).toContain('--page');
    expect(USAGE.list).toContain('--page');
    expect(USAGE.failover).toContain('<env> [web|db|all] [--force]');
    expect(USAGE.destroy).toBe('/site destroy <env>');
    expect(USAGE.extend).toBe('/site extend <env> <dur>');
    expect(USAGE.help).toBe('/site help');
  });

  test('an unknown subcommand is told every one there is', () => {
    expect(errorOf('deploy')).toBe(
      "unknown subcommand 'deploy': it must be one of create, status, list, failover, destroy, extend, sleep, wake, hours, explain, lang, help",
    );
  });
});

describe('dashes', () => {
  test('an en dash or an em dash at the start of a word is an option', () => {
    expect(parse('create demo \u2013ttl 2h')).toMatchObject({ kind: 'create', ttlMs: 2 * H });
    expect(parse('create demo \u2014dry-run')).toMatchObject({ kind: 'create', dryRun: true });
  });

  test('a dash inside a word is left alone', () => {
    expect(errorOf('status de\u2014mo')).toMatch(/lowercase letters, digits and hyphens/);
  });

  test('a word of two hyphens and a digit is an option, not a negative number', () => {
    expect(errorOf('extend demo --1h')).toMatch(/unknown option '--1h'/);
  });
});

describe('--page', () => {
  test.each([
    ['list --page 1', 1],
    ['list --page 10', 10],
    ['list --page 9999', 9999],
    ['status --page 42', 42],
  ])('%j', (text, page) => {
    expect(parse(text)).toMatchObject({ page });
  });

  test.each(['10000', '01', 'x3', '3x', '-1', '1.5'])('--page %s is refused', (value) => {
    expect(errorOf(`list --page ${value}`)).toBe(`--page must be a whole number from 1 (got '${value}')`);
  });

  test('--page twice is refused', () => {
    expect(errorOf('list --page 1 --page 2')).toBe('option --page may be given once');
  });
});

describe('option values', () => {
  test('an empty value after = is no value', () => {
    expect(errorOf('create demo --ttl=')).toBe('option --ttl needs a value');
  });

  test('after =, a value starting with -- is still the value (and the rule answers it)', () => {
    expect(errorOf('create demo --ttl=--8h')).toMatch(/^TTL must be /);
  });

  test('--multi-az now is the default, said out loud', () => {
    expect(parse('create demo --multi-az now')).toEqual({
      kind: 'create',
      env: 'demo',
      ttlMs: 24 * H,
      multiAz: 'now',
      dryRun: false,
      explain: false,
    });
    expect(parse('create demo --multi-az=later')).toMatchObject({ multiAz: 'later' });
  });

  test('errors name what was given, clipped', () => {
    expect(errorOf('create demo --multi-az sometimes')).toBe(
      "--multi-az must be now, later or off (got 'sometimes')",
    );
    expect(errorOf('failover demo network')).toBe(
      "the failover target must be web, db or all (got 'network')",
    );
    expect(errorOf('list demo')).toBe("'list' takes no env name (got 'demo'); use /site status <env>");
    expect(errorOf('help me')).toBe("'help' takes no arguments (got 'me')");
    expect(errorOf('create demo --size large')).toBe(
      "unknown option '--size': this command takes --ttl, --multi-az, --dry-run, --hours, --days, --explain",
    );
    expect(errorOf('create demo --dry-run=yes')).toBe('option --dry-run takes no value');
  });
});

describe('never throws', () => {
  test('missing text is help', () => {
    expect(parseCommand(undefined as unknown as string, limits)).toEqual({ kind: 'help' });
    expect(parseCommand(null as unknown as string, limits)).toEqual({ kind: 'help' });
  });

  test('text that cannot even be read becomes an error, not an exception', () => {
    const unreadable = {
      toString() {
        throw new Error('boom');
      },
    } as unknown as string;
    const boomed = parseCommand(unreadable, limits);
    expect(boomed.kind === 'error' && english(boomed.error)).toBe('could not read the command (boom)');
    const throwsString = {
      toString() {
        throw 'bang';
      },
    } as unknown as string;
    const banged = parseCommand(throwsString, limits);
    expect(banged.kind === 'error' && english(banged.error)).toBe('could not read the command (bang)');
  });
});

describe('the rest of the grammar, from the mutation run (quality/README.md)', () => {
  test('hours: every missing or extra word is named', () => {
    expect(errorOf('hours')).toBe("'hours' needs an env name, then hours like 09:00-19:00 or 'off'");
    expect(errorOf('hours demo 09:00-19:00 mon-fri later')).toBe("unexpected 'later' after the days");
  });

  test('hours: a bad env name or an option is refused before anything else is read', () => {
    expect(inEnglish(parse('hours Demo off'))).toEqual({
      kind: 'error',
      error: expect.stringMatching(/^env name 'Demo' .*lowercase/),
      sub: 'hours',
    });
    expect(inEnglish(parse('hours demo off --force'))).toEqual({
      kind: 'error',
      error: "unknown option '--force': this command takes no options",
      sub: 'hours',
    });
  });

  test('status refuses a bad --page as list does', () => {
    expect(inEnglish(parse('status --page 0'))).toEqual({
      kind: 'error',
      error: "--page must be a whole number from 1 (got '0')",
      sub: 'status',
    });
  });

  test('--flag=value takes no word after it: the next word is still positional', () => {
    expect(parse('create --ttl=8h demo')).toEqual({
      kind: 'create',
      env: 'demo',
      ttlMs: 8 * H,
      multiAz: 'now',
      dryRun: false,
      explain: false,
    });
  });
});
