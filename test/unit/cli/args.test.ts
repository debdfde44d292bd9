import { parseCliArgs, splitArgs } from '../../../src/cli/args';
import { english } from '../../../src/i18n/english';
import type { Said } from '../../../src/i18n/said';

const limits = { defaultTtlMs: 24 * 3_600_000, maxTtlMs: 7 * 24 * 3_600_000, user: 'alice' };
/** The parse, with an error in English words (what an `en` terminal prints). */
const parse = (line: string) => {
  const result = parseCliArgs(line.split(' ').filter(Boolean), limits);
  return result.kind === 'error' ? { kind: 'error', error: english(result.error) } : result;
};

describe('create', () => {
  test('defaults: ttl from config, Multi-AZ now, requester $USER, channel cli', () => {
    expect(parse('create demo')).toEqual({
      kind: 'create',
      env: 'demo',
      ttlMs: 24 * 3_600_000,
      multiAz: 'now',
      dryRun: false,
      json: false,
      channel: 'cli',
      as: 'alice',
      siteCheck: true,
    });
  });

  test('every flag, in both --flag value and --flag=value forms', () => {
    expect(
      parse(
        'create demo --ttl=90m --multi-az later --dry-run --json --as bob --channel C0123 --no-site-check',
      ),
    ).toEqual({
      kind: 'create',
      env: 'demo',
      ttlMs: 90 * 60_000,
      multiAz: 'later',
      dryRun: true,
      json: true,
      channel: 'C0123',
      as: 'bob',
      siteCheck: false,
    });
  });

  test('without $USER or --as the requester is "cli"', () => {
    expect(parseCliArgs(['create', 'demo'], { ...limits, user: undefined })).toMatchObject({ as: 'cli' });
  });

  test.each([
    ['create', "'create' needs an env name"],
    ['create demo extra', "unexpected 'extra' after the env name"],
    ['create De', "env name 'De' is shorter than 3 characters"],
    ['create 9lives', "env name '9lives' must start with a letter"],
    ['create demo --ttl 8d', 'TTL must be at most 7d (got 8d)'],
    ['create demo --ttl 5m', 'TTL must be at least 1h (got 5m)'],
    ['create demo --ttl 0m', 'TTL must be at least 1h (got 0m)'],
    [
      'create demo --ttl soon',
      'TTL must be a whole number of minutes, hours or days, like 90m, 8h or 3d (got soon)',
    ],
    ['create demo --multi-az maybe', "--multi-az must be now, later or off, not 'maybe'"],
    ['create demo --ttl', 'option --ttl needs a value'],
    ['create demo --ttl --json', 'option --ttl needs a value'],
    ['create demo --json --json', 'option --json is given twice'],
    ['create demo --json=yes', 'option --json takes no value'],
    [
      'create demo --yes',
      "unknown option '--yes' (allowed: --ttl, --multi-az, --dry-run, --json, --as, --channel, --no-site-check)",
    ],
    ['create demo --as a/b', "--as 'a/b' may only contain letters, digits and . _ @ -"],
    ['create demo --channel #general', '--channel must be a channel id like C0123ABC'],
  ])('%s → %s', (line, error) => {
    expect(parse(line)).toEqual({ kind: 'error', error });
  });
});

describe('the other subcommands', () => {
  test.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['--help', { kind: 'help' }],
    ['status', { kind: 'status', json: false }],
    ['status demo --json', { kind: 'status', env: 'demo', json: true }],
    ['list --json', { kind: 'list', json: true }],
    ['destroy demo', { kind: 'destroy', env: 'demo', yes: false, json: false, as: 'alice' }],
    ['destroy demo --yes --as bob', { kind: 'destroy', env: 'demo', yes: true, json: false, as: 'bob' }],
    [
      'failover demo',
      { kind: 'failover', env: 'demo', target: 'all', force: false, json: false, as: 'alice' },
    ],
    [
      'failover demo db --force',
      { kind: 'failover', env: 'demo', target: 'db', force: true, json: false, as: 'alice' },
    ],
    ['prices refresh --region us-east-1', { kind: 'prices', args: ['refresh', '--region', 'us-east-1'] }],
    ['diagram demo', { kind: 'diagram', env: 'demo', drill: false }],
    ['diagram demo --drill --out d.PNG', { kind: 'diagram', env: 'demo', drill: true, out: 'd.PNG' }],
    ['init', { kind: 'init' }],
    ['cancel demo', { kind: 'cancel', env: 'demo', json: false, as: 'alice' }],
    ['cancel demo --json --as bob', { kind: 'cancel', env: 'demo', json: true, as: 'bob' }],
  ])('%s', (line, expected) => {
    expect(parse(line)).toEqual(expected);
  });

  test.each([
    ['status a b', "unexpected 'b' after the env name"],
    ['status Demo', "env name 'Demo' may only contain lowercase letters, digits and hyphens"],
    ['list demo', "'list' takes no arguments, got 'demo'"],
    ['help me', "'help' takes no arguments, got 'me'"],
    ['destroy', "'destroy' needs an env name"],
    ['destroy demo --force', "unknown option '--force' (allowed: --yes, --json, --as)"],
    ['failover', "'failover' needs an env name"],
    ['failover demo disk', "failover target must be web, db or all, not 'disk'"],
    ['failover demo db now', "unexpected 'now' after the failover target"],
    ['diagram', "'diagram' needs an env name"],
    ['diagram demo --out d.gif', '--out must name a .svg or .png file'],
    ['diagram demo --png', "unknown option '--png' (allowed: --drill, --out)"],
    ['init now', "'init' takes no arguments, got 'now'"],
    ['cancel', "'cancel' needs an env name"],
    ['cancel demo --yes', "unknown option '--yes' (allowed: --json, --as)"],
    [
      'deploy demo',
      "unknown subcommand 'deploy' (try one of: init, create, status, list, cancel, destroy, failover, sleep, wake, diagram, prices, help)",
    ],
  ])('%s → %s', (line, error) => {
    expect(parse(line)).toEqual({ kind: 'error', error });
  });

  test('a pasted huge or multi-line value is clipped in the error', () => {
    const result = parseCliArgs(['create', 'demo', '--ttl', `${'x'.repeat(100)}\nmore`], limits);
    expect(result.kind).toBe('error');
    const error = english((result as { error: Said }).error);
    expect(error).not.toContain('\n');
    expect(error).toContain(`(got ${'x'.repeat(29)}…)`);
    expect(error.length).toBeLessThan(120);
  });
});

test('splitArgs keeps positionals in order and a lone -- as a word', () => {
  expect(splitArgs(['a', '--x', '1', 'b', '--', '--y'], { x: 'value', y: 'switch' })).toEqual({
    positional: ['a', 'b', '--'],
    flags: { x: '1', y: true },
  });
});

describe('sleep and wake', () => {
  test('an env name, --json and --as', () => {
    expect(parse('sleep demo')).toEqual({ kind: 'sleep', env: 'demo', json: false, as: 'alice' });
    expect(parse('wake demo --json --as bob')).toEqual({ kind: 'wake', env: 'demo', json: true, as: 'bob' });
  });

  test.each([
    ['sleep', "'sleep' needs an env name"],
    ['wake demo now', "unexpected 'now' after the env name"],
    ['sleep demo --yes', "unknown option '--yes' (allowed: --json, --as)"],
  ])('%s → %s', (line, error) => {
    expect(parse(line)).toEqual({ kind: 'error', error });
  });
});
