/**
 * The grammar of `/site explain`, `/site lang` and the `--explain` switch of create and failover,
 * pinned exactly: what each parses to, and every refusal with its key, its arguments and the
 * subcommand whose usage line goes with it. The mutation run of session 4 found none of it
 * parsed by the grammar's own tests (quality/README.md).
 */
import { USAGE } from '../../../src/bot/grammar';
import { say } from '../../../src/i18n/said';
import { EXPLAINED_STEPS } from '../../../src/workflows/outlines';
import { errorOf, H, parse, refused } from './grammar-harness';

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
    expect(parse('explain Demo')).toEqual(refused('explain', say('grammar.explainWhat', { got: 'Demo' })));
    expect(errorOf('explain Demo')).toBe(
      "'Demo' is neither a step nor a valid env name: see /site explain for the steps",
    );
    expect(parse('explain ab')).toEqual(refused('explain', say('grammar.explainWhat', { got: 'ab' })));
  });

  test('two subjects are refused, naming the second, whatever the first is', () => {
    const second = (got: string) => refused('explain', say('grammar.explainOne', { got }));
    expect(parse('explain demo vpc')).toEqual(second('vpc'));
    expect(parse('explain vpc demo')).toEqual(second('demo'));
    expect(parse('explain Demo extra')).toEqual(second('extra'));
    expect(errorOf('explain demo vpc')).toBe(
      "'explain' takes one environment or step at most (got 'vpc' after it)",
    );
  });

  test('it takes no options', () => {
    expect(parse('explain demo --explain')).toEqual(
      refused('explain', say('grammar.unknownOptionNone', { got: '--explain' })),
    );
    expect(parse('explain --force')).toEqual(
      refused('explain', say('grammar.unknownOptionNone', { got: '--force' })),
    );
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
    expect(parse('lang fr')).toEqual(refused('lang', say('grammar.langUnknown', { got: 'fr' })));
    expect(parse('lang FR')).toEqual(refused('lang', say('grammar.langUnknown', { got: 'FR' })));
    expect(errorOf('lang fr')).toBe("the language must be ja or en (got 'fr')");
  });

  test('two words are refused, naming the second, even when the first is a language', () => {
    expect(parse('lang ja en')).toEqual(refused('lang', say('grammar.langOne', { got: 'en' })));
    expect(parse('lang fr de')).toEqual(refused('lang', say('grammar.langOne', { got: 'de' })));
    expect(errorOf('lang ja en')).toBe("'lang' takes one language (got 'en' after it)");
  });

  test('it takes no options', () => {
    expect(parse('lang --ja')).toEqual(refused('lang', say('grammar.unknownOptionNone', { got: '--ja' })));
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
    expect(parse('create demo --explain=yes')).toEqual(
      refused('create', say('grammar.optionNoValue', { name: '--explain' })),
    );
    expect(parse('failover demo --explain --explain')).toEqual(
      refused('failover', say('grammar.optionOnce', { name: '--explain' })),
    );
  });

  test('the subcommands that do not take it refuse it', () => {
    expect(parse('destroy demo --explain')).toEqual(
      refused('destroy', say('grammar.unknownOptionNone', { got: '--explain' })),
    );
    expect(parse('sleep demo --explain')).toEqual(
      refused('sleep', say('grammar.unknownOptionNone', { got: '--explain' })),
    );
    expect(parse('status demo --explain')).toEqual(
      refused('status', say('grammar.unknownOption', { got: '--explain', allowed: '--page' })),
    );
  });

  test('failover without an env says so under its own name', () => {
    expect(parse('failover --explain')).toEqual(
      refused('failover', say('grammar.needsEnv', { sub: 'failover' })),
    );
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
