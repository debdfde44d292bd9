/**
 * The grammar of `/site explain`, `/site lang` and the `--explain` switch of create and failover,
 * pinned exactly: what each parses to, and every refusal with its key, its arguments and the
 * subcommand whose usage line goes with it. The mutation run of session 4 found none of it
 * parsed by the grammar's own tests (quality/README.md).
 */
import { parseCommand, USAGE, type GrammarLimits } from '../../../src/bot/grammar';
import { english } from '../../../src/i18n/english';
import { say } from '../../../src/i18n/said';
import { EXPLAINED_STEPS } from '../../../src/workflows/outlines';

const H = 3_600_000;
const limits: GrammarLimits = { defaultTtlMs: 24 * H, maxTtlMs: 7 * 24 * H };
const parse = (text: string) => parseCommand(text, limits);

/** The English line of an error result (and a clear failure when it parsed). */
function errorOf(text: string): string {
  const r = parse(text);
  if (r.kind !== 'error') throw new Error(`expected an error for '${text}', got ${JSON.stringify(r)}`);
  return english(r.error);
}

describe('/site explain', () => {
  test('alone, it asks for the list of steps', () => {
    expect(parse('explain')).toEqual({ kind: 'explain' });
    expect(parse('  explain  ')).toEqual({ kind: 'explain' });
  });

  test('a step id of create or failover explains that step, even where it would be a valid env name', () => {
    // Named here so the table below cannot pass empty: one of create's, one of failover's.
    expect(EXPLAINED_STEPS).toEqual(expect.arrayContaining(['vpc', 'database', 'web-drill', 'db-drill']));
    expect(parse('explain vpc')).toEqual({ kind: 'explain', step: 'vpc' });
    expect(parse('explain web-drill')).toEqual({ kind: 'explain', step: 'web-drill' });
  });

  test.each([...EXPLAINED_STEPS])('explain %s is that step', (step) => {
    expect(parse(`explain ${step}`)).toEqual({ kind: 'explain', step });
  });

  test('any other valid name is an environment', () => {
    expect(parse('explain demo')).toEqual({ kind: 'explain', env: 'demo' });
    expect(parse('explain shop-2')).toEqual({ kind: 'explain', env: 'shop-2' });
  });

  test('a word that is neither a step nor a valid env name is refused, naming it', () => {
    expect(parse('explain Demo')).toEqual({
      kind: 'error',
      error: say('grammar.explainWhat', { got: 'Demo' }),
      sub: 'explain',
    });
    expect(errorOf('explain Demo')).toBe(
      "'Demo' is neither a step nor a valid env name: see /site explain for the steps",
    );
    expect(parse('explain ab')).toEqual({
      kind: 'error',
      error: say('grammar.explainWhat', { got: 'ab' }),
      sub: 'explain',
    });
  });

  test('two subjects are refused, naming the second, whatever the first is', () => {
    const second = (got: string) => ({
      kind: 'error',
      error: say('grammar.explainOne', { got }),
      sub: 'explain',
    });
    expect(parse('explain demo vpc')).toEqual(second('vpc'));
    expect(parse('explain vpc demo')).toEqual(second('demo'));
    expect(parse('explain Demo extra')).toEqual(second('extra'));
    expect(errorOf('explain demo vpc')).toBe(
      "'explain' takes one environment or step at most (got 'vpc' after it)",
    );
  });

  test('it takes no options', () => {
    expect(parse('explain demo --explain')).toEqual({
      kind: 'error',
      error: say('grammar.unknownOptionNone', { got: '--explain' }),
      sub: 'explain',
    });
    expect(parse('explain --force')).toEqual({
      kind: 'error',
      error: say('grammar.unknownOptionNone', { got: '--force' }),
      sub: 'explain',
    });
  });
});

describe('/site lang', () => {
  test('alone, it asks which language is set now', () => {
    expect(parse('lang')).toEqual({ kind: 'lang' });
  });

  test('ja and en, in any case', () => {
    expect(parse('lang ja')).toEqual({ kind: 'lang', lang: 'ja' });
    expect(parse('lang en')).toEqual({ kind: 'lang', lang: 'en' });
    expect(parse('lang EN')).toEqual({ kind: 'lang', lang: 'en' });
    expect(parse('lang Ja')).toEqual({ kind: 'lang', lang: 'ja' });
  });

  test('another language is refused, echoing it as typed', () => {
    expect(parse('lang fr')).toEqual({
      kind: 'error',
      error: say('grammar.langUnknown', { got: 'fr' }),
      sub: 'lang',
    });
    expect(parse('lang FR')).toEqual({
      kind: 'error',
      error: say('grammar.langUnknown', { got: 'FR' }),
      sub: 'lang',
    });
    expect(errorOf('lang fr')).toBe("the language must be ja or en (got 'fr')");
  });

  test('two words are refused, naming the second, even when the first is a language', () => {
    expect(parse('lang ja en')).toEqual({
      kind: 'error',
      error: say('grammar.langOne', { got: 'en' }),
      sub: 'lang',
    });
    expect(parse('lang fr de')).toEqual({
      kind: 'error',
      error: say('grammar.langOne', { got: 'de' }),
      sub: 'lang',
    });
    expect(errorOf('lang ja en')).toBe("'lang' takes one language (got 'en' after it)");
  });

  test('it takes no options', () => {
    expect(parse('lang --ja')).toEqual({
      kind: 'error',
      error: say('grammar.unknownOptionNone', { got: '--ja' }),
      sub: 'lang',
    });
  });
});

describe('--explain', () => {
  test('create: true when given (anywhere among the words), false when not', () => {
    const create = { kind: 'create', env: 'demo', ttlMs: 24 * H, multiAz: 'now', dryRun: false };
    expect(parse('create demo --explain')).toEqual({ ...create, explain: true });
    expect(parse('create --explain demo --dry-run')).toEqual({ ...create, dryRun: true, explain: true });
    expect(parse('create demo')).toEqual({ ...create, explain: false });
    expect(parse('create demo --dry-run')).toEqual({ ...create, dryRun: true, explain: false });
  });

  test('failover: true when given, false when not, beside --force', () => {
    const failover = { kind: 'failover', env: 'demo', target: 'all', force: false };
    expect(parse('failover demo --explain')).toEqual({ ...failover, explain: true });
    expect(parse('failover demo db --explain --force')).toEqual({
      ...failover,
      target: 'db',
      force: true,
      explain: true,
    });
    expect(parse('failover demo --force')).toEqual({ ...failover, force: true, explain: false });
  });

  test('it is a switch: no value, once', () => {
    expect(parse('create demo --explain=yes')).toEqual({
      kind: 'error',
      error: say('grammar.optionNoValue', { name: '--explain' }),
      sub: 'create',
    });
    expect(parse('failover demo --explain --explain')).toEqual({
      kind: 'error',
      error: say('grammar.optionOnce', { name: '--explain' }),
      sub: 'failover',
    });
  });

  test('the subcommands that do not take it refuse it', () => {
    expect(parse('destroy demo --explain')).toEqual({
      kind: 'error',
      error: say('grammar.unknownOptionNone', { got: '--explain' }),
      sub: 'destroy',
    });
    expect(parse('sleep demo --explain')).toEqual({
      kind: 'error',
      error: say('grammar.unknownOptionNone', { got: '--explain' }),
      sub: 'sleep',
    });
    expect(parse('status demo --explain')).toEqual({
      kind: 'error',
      error: say('grammar.unknownOption', { got: '--explain', allowed: '--page' }),
      sub: 'status',
    });
  });

  test('failover without an env says so under its own name', () => {
    expect(parse('failover --explain')).toEqual({
      kind: 'error',
      error: say('grammar.needsEnv', { sub: 'failover' }),
      sub: 'failover',
    });
    expect(errorOf('failover')).toBe("'failover' needs an env name");
  });
});

describe('usage lines of explain, lang and --explain', () => {
  test('exactly', () => {
    expect(USAGE.explain).toBe('/site explain [<env>|<step>]');
    expect(USAGE.lang).toBe('/site lang en|ja');
    expect(USAGE.create).toBe(
      '/site create <env> [--ttl <dur>] [--multi-az now|later|off] [--hours HH:MM-HH:MM [--days <days>]] [--dry-run] [--explain]',
    );
    expect(USAGE.failover).toBe('/site failover <env> [web|db|all] [--force] [--explain]');
  });
});
