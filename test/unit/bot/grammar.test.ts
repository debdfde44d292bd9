import { english } from '../../../src/i18n/english';
import fc from 'fast-check';
import { errorOf, H, parse } from './grammar-harness';

describe('valid commands', () => {
  test.each([
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['list', { kind: 'list', page: 1 }],
    ['list --page 3', { kind: 'list', page: 3 }],
    ['status', { kind: 'status', page: 1 }],
    ['status --page=2', { kind: 'status', page: 2 }],
    ['status demo', { kind: 'status', env: 'demo', page: 1 }],
    [
      'create demo',
      { kind: 'create', env: 'demo', ttlMs: 24 * H, multiAz: 'now', dryRun: false, explain: false },
    ],
    [
      'create demo --ttl 8h',
      { kind: 'create', env: 'demo', ttlMs: 8 * H, multiAz: 'now', dryRun: false, explain: false },
    ],
    [
      'create demo --ttl=90m',
      { kind: 'create', env: 'demo', ttlMs: 90 * 60_000, multiAz: 'now', dryRun: false, explain: false },
    ],
    [
      'create shop-2 --multi-az later --dry-run --ttl 3d',
      { kind: 'create', env: 'shop-2', ttlMs: 72 * H, multiAz: 'later', dryRun: true, explain: false },
    ],
    [
      'create --dry-run abc',
      { kind: 'create', env: 'abc', ttlMs: 24 * H, multiAz: 'now', dryRun: true, explain: false },
    ],
    [
      'create demo --multi-az off',
      { kind: 'create', env: 'demo', ttlMs: 24 * H, multiAz: 'off', dryRun: false, explain: false },
    ],
    [
      'create demo \u2014ttl 7d',
      { kind: 'create', env: 'demo', ttlMs: 7 * 24 * H, multiAz: 'now', dryRun: false, explain: false },
    ],
    ['failover demo', { kind: 'failover', env: 'demo', target: 'all', force: false, explain: false }],
    ['failover demo web', { kind: 'failover', env: 'demo', target: 'web', force: false, explain: false }],
    [
      'failover demo db --force',
      { kind: 'failover', env: 'demo', target: 'db', force: true, explain: false },
    ],
    ['failover demo all', { kind: 'failover', env: 'demo', target: 'all', force: false, explain: false }],
    ['destroy demo', { kind: 'destroy', env: 'demo' }],
    ['extend demo 3d', { kind: 'extend', env: 'demo', byMs: 72 * H }],
    ['  extend   demo   90m  ', { kind: 'extend', env: 'demo', byMs: 90 * 60_000 }],
    ['status a1-b2-c3', { kind: 'status', env: 'a1-b2-c3', page: 1 }],
    ['status abcdefghijklmnopqrst', { kind: 'status', env: 'abcdefghijklmnopqrst', page: 1 }],
  ])('%j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });
});

describe('bad env names', () => {
  test.each([
    ['create Demo', /lowercase/],
    ['create DEMO', /lowercase/],
    ['create ab', /shorter than 3/],
    ['create abcdefghijklmnopqrstu', /longer than 20/],
    ['create 1demo', /start with a letter/],
    ['create -demo', /unknown option/],
    ['create demo-', /end with a hyphen/],
    ['create de--mo', /double hyphen/],
    ['create de_mo', /lowercase letters, digits and hyphens/],
    ['create dém', /lowercase letters, digits and hyphens/],
    ['status Foo', /lowercase/],
    ['destroy x', /shorter than 3/],
    ['failover demo- db', /end with a hyphen/],
    ['extend a--b 1h', /double hyphen/],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toMatch(message);
  });
});

describe('bad durations: what is wrong, and the rule', () => {
  const SYNTAX = 'a whole number of minutes, hours or days, like 90m, 8h or 3d';
  test.each([
    ['create demo --ttl 8', `TTL must be ${SYNTAX} (got 8)`],
    ['create demo --ttl 8w', `TTL must be ${SYNTAX} (got 8w)`],
    ['create demo --ttl 1.5h', `TTL must be ${SYNTAX} (got 1.5h)`],
    ['create demo --ttl h', `TTL must be ${SYNTAX} (got h)`],
    ['create demo --ttl 0h', 'TTL must be at least 1h (got 0h)'],
    ['create demo --ttl 0m', 'TTL must be at least 1h (got 0m)'],
    ['create demo --ttl 5m', 'TTL must be at least 1h (got 5m)'],
    ['create demo --ttl -1h', 'TTL must be positive (got -1h)'],
    ['create demo --ttl 8d', 'TTL must be at most 7d (got 8d)'],
    ['create demo --ttl 169h', 'TTL must be at most 7d (got 169h)'],
    ['extend demo 8d', 'the extension must be at most 7d (got 8d)'],
    ['extend demo -1h', 'the extension must be positive (got -1h)'],
    ['extend demo 0m', 'the extension must be at least 1m (got 0m)'],
    ['extend demo soon', `the extension must be ${SYNTAX} (got soon)`],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  test('the limits themselves are allowed', () => {
    expect(parse('create demo --ttl 1h')).toMatchObject({ ttlMs: H });
    expect(parse('create demo --ttl 60m')).toMatchObject({ ttlMs: H });
  });

  test('the maximum itself is allowed', () => {
    expect(parse('extend demo 7d')).toMatchObject({ byMs: 7 * 24 * H });
    expect(parse('create demo --ttl 168h')).toMatchObject({ ttlMs: 168 * H });
  });
});

describe('bad flags, subcommands and arguments', () => {
  test.each([
    ['deploy demo', /unknown subcommand 'deploy'/],
    ['CREATE demo', /unknown subcommand/],
    ['create demo --size large', /unknown option '--size'/],
    ['create demo -t 8h', /unknown option '-t'/],
    ['create demo --ttl', /--ttl needs a value/],
    ['create demo --ttl --dry-run', /--ttl needs a value/],
    ['create demo --ttl 8h --ttl 9h', /may be given once/],
    ['create demo --dry-run --dry-run', /may be given once/],
    ['create demo --dry-run=yes', /takes no value/],
    ['create demo --multi-az sometimes', /--multi-az must be now, later or off/],
    ['create demo --multi-az', /needs a value/],
    ['create', /'create' needs an env name/],
    ['create demo other', /'create' takes one env name \(got 'other' after it\)/],
    ['status demo other', /'status' takes one env name at most \(got 'other' after it\)/],
    ['status --all', /unknown option '--all': this command takes --page/],
    ['status demo --page 2', /--page is for the list of all environments/],
    ['list --page 0', /--page must be a whole number from 1 \(got '0'\)/],
    ['list demo', /'list' takes no env name/],
    ['help me', /'help' takes no arguments/],
    ['failover', /'failover' needs an env name/],
    ['failover demo network', /failover target must be web, db or all \(got 'network'\)/],
    ['failover demo db web', /takes one target at most \(got 'web' after it\)/],
    ['failover demo --ttl 1h', /unknown option '--ttl': this command takes --force/],
    ['destroy', /'destroy' needs an env name/],
    ['destroy demo --force', /unknown option '--force': this command takes no options/],
    ['destroy demo now', /'destroy' takes one env name \(got 'now' after it\)/],
    ['extend', /needs an env name and a duration/],
    ['extend demo', /needs a duration/],
    ['extend demo 1h 2h', /takes one duration \(got '2h' after it\)/],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toMatch(message);
  });

  test('an error names the subcommand it is for, so its usage can go with it', () => {
    expect(parse('create demo --ttl 5m')).toMatchObject({ kind: 'error', sub: 'create' });
    expect(parse('deploy demo')).toEqual({
      kind: 'error',
      error: expect.objectContaining({ key: expect.any(String) }),
    });
  });

  test('errors are one line and echo at most a clipped part of the input', () => {
    const e = errorOf(`deploy${'x'.repeat(500)}\nsecond line`);
    expect(e).not.toContain('\n');
    // The 30-character echo plus the list of the twelve subcommands.
    expect(e.length).toBeLessThan(170);
  });
});

test('never throws and always yields a command or a one-line error, whatever the text', () => {
  const kinds = new Set(['create', 'status', 'list', 'failover', 'destroy', 'extend', 'help', 'error']);
  const words = fc.constantFrom(
    'create',
    'status',
    'list',
    'failover',
    'destroy',
    'extend',
    'help',
    'demo',
    '--ttl',
    '--multi-az',
    '--dry-run',
    '--force',
    '8h',
    'now',
    'web',
    'db',
    '=',
    '--ttl=3d',
    'A-b',
  );
  const text = fc.oneof(
    fc.string(),
    fc.array(words, { maxLength: 6 }).map((w) => w.join(' ')),
  );
  fc.assert(
    fc.property(text, (t) => {
      const r = parse(t);
      expect(kinds.has(r.kind)).toBe(true);
      if (r.kind === 'error') expect(english(r.error)).not.toMatch(/\n/);
    }),
    { numRuns: 2000 },
  );
});
