/**
 * `/site` text from anyone: every input parses to a command that is valid by the grammar's
 * own rules, or to a one-line error — never an exception, never the parser's "could not read"
 * safety net. Through the sandbox, a sample of error-producing and read-only texts writes
 * nothing to DynamoDB. (The unit suite checks kinds and one-line errors; this checks validity.)
 */
import fc from 'fast-check';
import { parseCommand, SUBCOMMANDS, type ParseResult } from '../../src/bot/grammar';
import { envNameSchema } from '../../src/domain/env-name';
import { LANGS } from '../../src/i18n/locale';
import { textsFor } from '../../src/i18n/texts';
import { EXPLAINED_STEPS } from '../../src/workflows/outlines';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';

const LIMITS = { defaultTtlMs: 8 * 3_600_000, maxTtlMs: 7 * 86_400_000 };

const token = fc.oneof(
  fc.constantFrom(
    // Every subcommand the grammar knows, so a new one is fuzzed the day it is added.
    ...SUBCOMMANDS,
    ...LANGS,
    'JA',
    'fr',
    ...EXPLAINED_STEPS.slice(0, 3),
    '--explain',
    '--page',
    'off',
    '09:00-19:00',
    '--hours',
    '--days',
    'mon-fri',
    'help',
    'demo',
    'shop-1',
    '--ttl',
    '--ttl=',
    '--multi-az',
    '--multi-az=off',
    '--dry-run',
    '--force',
    '—ttl',
    '–force',
    '8h',
    '0h',
    '-5m',
    '999999d',
    '1e3h',
    'now',
    'later',
    'web',
    'db',
    'all',
    '"',
    '`',
    '<@U123>',
    '<!channel>',
    '$(rm -rf /)',
    '../../etc',
    'DROP',
    '\u0000',
    '\u202e',
    '🙂',
  ),
  fc.string({ maxLength: 25 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);
const text = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(token, { maxLength: 8 }).map((w) => w.join(' ')),
  fc
    .tuple(fc.array(token, { maxLength: 6 }), fc.constantFrom(' ', '\t', '\n', '  \u00a0 '))
    .map(([w, sep]) => w.join(sep)),
);

function checkValid(r: ParseResult): void {
  switch (r.kind) {
    case 'error': {
      // In both languages: one line, short, never the parser's own failure.
      for (const t of [
        textsFor({ lang: 'en', timeZone: 'UTC' }),
        textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' }),
      ]) {
        const text = t.said(r.error);
        expect(text.length).toBeGreaterThan(0);
        expect(text).not.toMatch(/[\r\n]/);
        expect(text.length).toBeLessThan(300);
      }
      expect(r.error.key).not.toBe('grammar.couldNotRead');
      return;
    }
    case 'create':
      expect(envNameSchema.safeParse(r.env).success).toBe(true);
      expect(r.ttlMs).toBeGreaterThan(0);
      expect(r.ttlMs).toBeLessThanOrEqual(LIMITS.maxTtlMs);
      expect(['now', 'later', 'off']).toContain(r.multiAz);
      return;
    case 'failover':
      expect(envNameSchema.safeParse(r.env).success).toBe(true);
      expect(['web', 'db', 'all']).toContain(r.target);
      return;
    case 'destroy':
      expect(envNameSchema.safeParse(r.env).success).toBe(true);
      return;
    case 'extend':
    case 'sleep':
    case 'wake':
      expect(envNameSchema.safeParse(r.env).success).toBe(true);
      return;
    case 'hours':
      expect(envNameSchema.safeParse(r.env).success).toBe(true);
      if (r.hours !== 'off') {
        expect(r.hours.start).toBeLessThan(r.hours.end);
        expect(r.hours.days.length).toBeGreaterThan(0);
      }
      return;
    case 'status':
      if (r.env !== undefined) expect(envNameSchema.safeParse(r.env).success).toBe(true);
      expect(Number.isSafeInteger(r.page) && r.page >= 1).toBe(true);
      return;
    case 'explain':
      if (r.step !== undefined) expect(EXPLAINED_STEPS).toContain(r.step);
      if (r.env !== undefined) expect(envNameSchema.safeParse(r.env).success).toBe(true);
      expect(r.step !== undefined && r.env !== undefined).toBe(false);
      return;
    case 'lang':
      if (r.lang !== undefined) expect(LANGS).toContain(r.lang);
      return;
    case 'list':
      expect(Number.isSafeInteger(r.page) && r.page >= 1).toBe(true);
      return;
    case 'help':
      return;
    default: {
      // Exhaustive: a new command kind must get its own validity rule here.
      const unchecked: never = r;
      throw new Error(`no validity rule for ${JSON.stringify(unchecked)}`);
    }
  }
}

test('every text is a valid command or a one-line error; never throws', () => {
  fc.assert(
    fc.property(text, (t) => {
      checkValid(parseCommand(t, LIMITS));
    }),
    { numRuns: 5_000, seed: 9 },
  );
});

describe('through the sandbox', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox();
  });
  afterAll(async () => {
    await sb?.stop();
  });

  test('200 sampled texts that are errors, status, list or help: answered, no DynamoDB write', async () => {
    const readOnly = fc.sample(text, { numRuns: 3_000, seed: 11 }).filter((t) => {
      const kind = parseCommand(t, LIMITS).kind;
      return kind === 'error' || kind === 'status' || kind === 'list' || kind === 'help';
    });
    const sample = readOnly.slice(0, 200);
    expect(sample.length).toBe(200);
    const before = await sb.itemCounts();
    for (const t of sample) {
      const res = await sb.command(t, 'U1', 'CFUZZ');
      expect(res.status).toBe(200);
    }
    expect(await sb.itemCounts()).toEqual(before);
  }, 60_000);
});
