import { MIN_TTL_MS } from '../../domain/durations';
import type { Texts } from '../../i18n/texts';
import { SUBCOMMANDS, USAGE, type GrammarLimits } from '../grammar';
import { code, codeBlock, joinMd, mrkdwn } from './mrkdwn';
import { context, ephemeral, header, section, type Reply } from './reply';

/** Commands as typed: the same in every language. i18n-exempt: command examples. */
const EXAMPLES = [
  '/site create demo',
  '/site create shop-2 --ttl 8h --multi-az later',
  '/site create trial --dry-run',
  '/site create demo --explain',
  '/site status demo',
  '/site failover demo db',
  '/site explain database',
  '/site extend demo 3d',
  '/site create demo --hours 09:00-19:00',
  '/site sleep demo',
  '/site hours demo 08:30-18:00 mon-fri',
  '/site lang ja',
  '/site destroy demo',
];

/** The grammar, one line per subcommand. */
export function usageText(): string {
  return SUBCOMMANDS.map((s) => USAGE[s]).join('\n');
}

export function renderHelp(t: Texts, limits: GrammarLimits): Reply {
  const lines = joinMd(
    SUBCOMMANDS.map((s) => mrkdwn`${code(USAGE[s])}\n      ${t.help.what[s]}`),
    '\n',
  );
  const rules = t.help.rules({
    envRule: t.grammar.envNameRule(),
    durationRule: t.grammar.durationSyntax(),
    minTtlMs: MIN_TTL_MS,
    maxTtlMs: limits.maxTtlMs,
    defaultTtlMs: limits.defaultTtlMs,
  });
  return ephemeral(mrkdwn`${t.help.title()}:\n${usageText()}`, [
    header(t.help.title()),
    section(lines),
    context(rules),
    section(mrkdwn`${t.help.examples()}\n${codeBlock(EXAMPLES)}`),
  ]);
}
