import fc from 'fast-check';
import { parseCommand, type GrammarLimits } from '../../../src/bot/grammar';

const H = 3_600_000;
const limits: GrammarLimits = { defaultTtlMs: 24 * H, maxTtlMs: 7 * 24 * H };
const parse = (text: string) => parseCommand(text, limits);

function errorOf(text: string): string {
  const r = parse(text);
  if (r.kind !== 'error') throw new Error(`expected an error for '${text}', got ${JSON.stringify(r)}`);
  return r.error;
}

describe('valid commands', () => {
  test.each([
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['list', { kind: 'list' }],
    ['status', { kind: 'status' }],
    ['status demo', { kind: 'status', env: 'demo' }],
    ['create demo', { kind: 'create', env: 'demo', ttlMs: 24 * H, multiAz: 'now', dryRun: false }],
    ['create demo --ttl 8h', { kind: 'create', env: 'demo', ttlMs: 8 * H, multiAz: 'now', dryRun: false }],
    [
      'create demo --ttl=90m',
      { kind: 'create', env: 'demo', ttlMs: 90 * 60_000, multiAz: 'now', dryRun: false },
    ],
    [
      'create shop-2 --multi-az later --dry-run --ttl 3d',
      { kind: 'create', env: 'shop-2', ttlMs: 72 * H, multiAz: 'later', dryRun: true },
    ],
    ['create --dry-run abc', { kind: 'create', env: 'abc', ttlMs: 24 * H, multiAz: 'now', dryRun: true }],
    [
      'create demo --multi-az off',
      { kind: 'create', env: 'demo', ttlMs: 24 * H, multiAz: 'off', dryRun: false },
    ],
    [
      'create demo \u2014ttl 7d',
      { kind: 'create', env: 'demo', ttlMs: 7 * 24 * H, multiAz: 'now', dryRun: false },
    ],
    ['failover demo', { kind: 'failover', env: 'demo', target: 'all', force: false }],
    ['failover demo web', { kind: 'failover', env: 'demo', target: 'web', force: false }],
    ['failover demo db --force', { kind: 'failover', env: 'demo', target: 'db', force: true }],
    ['failover demo all', { kind: 'failover', env: 'demo', target: 'all', force: false }],
    ['destroy demo', { kind: 'destroy', env: 'demo' }],
    ['extend demo 3d', { kind: 'extend', env: 'demo', byMs: 72 * H }],
    ['  extend   demo   90m  ', { kind: 'extend', env: 'demo', byMs: 90 * 60_000 }],
    ['status a1-b2-c3', { kind: 'status', env: 'a1-b2-c3' }],
    ['status abcdefghijklmnopqrst', { kind: 'status', env: 'abcdefghijklmnopqrst' }],
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

describe('bad durations', () => {
  test.each([
    ['create demo --ttl 8', /not a duration/],
    ['create demo --ttl 8w', /not a duration/],
    ['create demo --ttl 0h', /not a duration/],
    ['create demo --ttl -1h', /needs a value|not a duration/],
    ['create demo --ttl 1.5h', /not a duration/],
    ['create demo --ttl h', /not a duration/],
    ['create demo --ttl 8d', /over the maximum of 7d/],
    ['create demo --ttl 169h', /over the maximum/],
    ['extend demo 8d', /over the maximum/],
    ['extend demo soon', /not a duration/],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toMatch(message);
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
    ['create demo --ttl 8h --ttl 9h', /given twice/],
    ['create demo --dry-run --dry-run', /given twice/],
    ['create demo --dry-run=yes', /takes no value/],
    ['create demo --multi-az sometimes', /--multi-az must be now, later or off/],
    ['create demo --multi-az', /needs a value/],
    ['create', /'create' needs an env name/],
    ['create demo other', /unexpected 'other'/],
    ['status demo other', /unexpected 'other'/],
    ['status --all', /unknown option/],
    ['list demo', /'list' takes no arguments/],
    ['help me', /'help' takes no arguments/],
    ['failover', /'failover' needs an env name/],
    ['failover demo network', /failover target must be web, db or all/],
    ['failover demo db web', /unexpected 'web'/],
    ['failover demo --ttl 1h', /unknown option '--ttl'/],
    ['destroy', /'destroy' needs an env name/],
    ['destroy demo --force', /unknown option '--force'/],
    ['destroy demo now', /unexpected 'now'/],
    ['extend', /needs an env name and a duration/],
    ['extend demo', /needs a duration/],
    ['extend demo 1h 2h', /unexpected '2h'/],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toMatch(message);
  });

  test('errors are one line and echo at most a clipped part of the input', () => {
    const e = errorOf(`deploy${'x'.repeat(500)}\nsecond line`);
    expect(e).not.toContain('\n');
    // The 30-character echo plus the list of the ten subcommands.
    expect(e.length).toBeLessThan(150);
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
      if (r.kind === 'error') expect(r.error).not.toMatch(/\n/);
    }),
    { numRuns: 2000 },
  );
});
