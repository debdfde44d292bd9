/**
 * The console completes from the bot's own grammar: the spec read from its usage lines must
 * agree with what the parser accepts (every flag, every choice, nothing else), and completion
 * offers what may come next.
 */
import { parseCommand, SUBCOMMANDS } from '../../../../src/bot/grammar';
import { english } from '../../../../src/i18n/english';
import { complete } from '../../../../src/sandbox/slack/web/client/grammar';
import { grammarSpec } from '../../../../src/sandbox/slack/web/grammar-spec';
import { webConsole as webConsoleJa } from '../../../../src/i18n/ja/console';

const limits = { defaultTtlMs: 86_400_000, maxTtlMs: 7 * 86_400_000 };
const spec = grammarSpec();
/** A value for a placeholder of the usage lines: `<dur>`, `<n>` (a page), hours, days, else an env name. */
const SAMPLES: Record<string, string> = { dur: '8h', n: '2', 'HH:MM-HH:MM': '09:00-19:00', days: 'weekdays' };
const sample = (name: string, choices?: string[]) => SAMPLES[name] ?? choices?.[0] ?? 'demo';
/** Flags that only mean something beside another one. */
const NEEDS: Record<string, string> = { '--days': '--hours 09:00-19:00' };

describe.each(spec.subcommands.map((s) => [s.name, s] as const))('/site %s', (_, sub) => {
  const required = sub.args.filter((a) => !a.optional).map((a) => sample(a.name, a.choices));
  const valid = [sub.name, ...required].join(' ');

  test('the smallest command the spec describes parses', () => {
    expect(parseCommand(valid, limits).kind).toBe(sub.name);
  });

  test('every flag and every choice the spec lists parses; the parser allows no other flag', () => {
    for (const flag of sub.flags) {
      const values = flag.value ? (flag.value.choices ?? [sample(flag.value.name ?? '')]) : [undefined];
      for (const v of values)
        expect(
          parseCommand(`${valid} ${NEEDS[flag.name] ?? ''} ${flag.name}${v ? ` ${v}` : ''}`, limits).kind,
        ).toBe(sub.name);
    }
    for (const [i, arg] of sub.args.entries())
      for (const choice of arg.choices ?? []) {
        const words = sub.args.slice(0, i + 1).map((a, j) => (j === i ? choice : sample(a.name, a.choices)));
        expect(parseCommand([sub.name, ...words].join(' '), limits).kind).toBe(sub.name);
      }
    const bogus = parseCommand(`${valid} --bogus`, limits);
    expect(bogus.kind).toBe('error');
    if (sub.flags.length && bogus.kind === 'error') {
      const named = /this command takes (.*)$/.exec(english(bogus.error))?.[1].split(', ');
      expect(named?.sort()).toEqual(sub.flags.map((f) => f.name).sort());
    }
  });
});

test('the spec has every subcommand of the grammar', () => {
  expect(spec.subcommands.map((s) => s.name)).toEqual([...SUBCOMMANDS]);
});

test('completion: the command, subcommands, positional choices, flags and their values', () => {
  const labels = (text: string, envs: string[] = []) => complete(text, spec, envs).map((s) => s.label);
  expect(complete('/si', spec)).toEqual([{ insert: '/site ', label: '/site', hint: 'sitebot' }]);
  expect(labels('/site ')).toEqual([...SUBCOMMANDS]);
  expect(complete('/site cr', spec)).toEqual([
    expect.objectContaining({ insert: '/site create ', label: 'create' }),
  ]);
  expect(labels('/site create ')).toEqual(['<env>']);
  expect(labels('/site create demo ')).toEqual([
    '--ttl',
    '--multi-az',
    '--hours',
    '--days',
    '--dry-run',
    '--explain',
  ]);
  expect(labels('/site create demo --multi-az ')).toEqual(['now', 'later', 'off']);
  expect(complete('/site create demo --multi-az l', spec)[0].insert).toBe(
    '/site create demo --multi-az later ',
  );
  expect(labels('/site create demo --ttl ')).toEqual(['<dur>']);
  expect(labels('/site create demo --dry-run --')).toEqual([
    '--ttl',
    '--multi-az',
    '--hours',
    '--days',
    '--explain',
  ]);
  expect(labels('/site hours demo ')).toEqual(['off']);
  expect(labels('/site hours demo 09:00-19:00 ')).toEqual(['weekdays', 'daily', 'mon-fri']);
  expect(labels('/site failover ', ['demo', 'dev'])).toEqual(['demo', 'dev']);
  expect(labels('/site failover de', ['demo', 'dev', 'prod'])).toEqual(['demo', 'dev']);
  expect(labels('/site failover demo ')).toEqual(['web', 'db', 'all', '--force', '--explain']);
  expect(labels('/site explain ', ['demo'])).toEqual(['demo']);
  expect(labels('/site lang ')).toEqual(['en', 'ja']);
  expect(labels('/site extend demo ')).toEqual(['<dur>']);
  expect(labels('/site nonsense ')).toEqual([]);
  expect(labels('hello')).toEqual([]);
});

test('completion hints in the page language', () => {
  const ja = webConsoleJa();
  const hint = (text: string) => complete(text, spec, [], ja).map((s) => s.hint);
  expect(hint('/site create ')).toEqual([ja.hintEnv()]);
  expect(hint('/site create demo --ttl ')).toEqual([ja.hintDur()]);
  expect(complete('/site status ', spec, ['demo'], ja)[0].hint).toBe('環境');
  expect(hint('/site create demo --dry')).toEqual(['スイッチ']);
});
