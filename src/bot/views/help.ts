import { DURATION_SYNTAX, MIN_TTL_MS } from '../../domain/durations';
import { ENV_NAME_RULE } from '../../domain/env-name';
import { formatDuration } from '../../domain/format';
import { SUBCOMMANDS, USAGE, type GrammarLimits, type Subcommand } from '../grammar';
import { code, codeBlock, joinMd, mrkdwn } from './mrkdwn';
import { context, ephemeral, header, section, type Reply } from './reply';

const WHAT: Record<Subcommand, string> = {
  create: 'build the scalable-website environment (VPC, 2 web servers, ALB, RDS MySQL)',
  status: 'one environment in detail, or all of them',
  list: 'environments that exist now: status, owner, age, cost, TTL',
  failover: 'availability drill: stop a web server and/or fail the DB over, measuring downtime',
  destroy: 'tear the environment down, leaving nothing behind',
  extend: "move an environment's TTL later",
  sleep: 'stop both web servers and the DB to save money (storage and the ALB still bill)',
  wake: 'start them again and wait until the site answers',
  hours: "office hours: awake only then, asleep otherwise (weekdays by default, the channel's time zone)",
  help: 'this message',
};

const EXAMPLES = [
  '/site create demo',
  '/site create shop-2 --ttl 8h --multi-az later',
  '/site create trial --dry-run',
  '/site status demo',
  '/site failover demo db',
  '/site extend demo 3d',
  '/site create demo --hours 09:00-19:00',
  '/site sleep demo',
  '/site hours demo 08:30-18:00 mon-fri',
  '/site destroy demo',
];

/** The grammar, one line per subcommand. */
export function usageText(): string {
  return SUBCOMMANDS.map((s) => USAGE[s]).join('\n');
}

export function renderHelp(limits: GrammarLimits): Reply {
  const lines = joinMd(
    SUBCOMMANDS.map((s) => mrkdwn`${code(USAGE[s])}\n      ${WHAT[s]}`),
    '\n',
  );
  const rules = mrkdwn`<env>: ${ENV_NAME_RULE}. <dur>: ${DURATION_SYNTAX}. TTL: at least ${formatDuration(MIN_TTL_MS)}, at most ${formatDuration(limits.maxTtlMs)}, ${formatDuration(limits.defaultTtlMs)} unless given. --multi-az defaults to now.`;
  return ephemeral(mrkdwn`/site commands:\n${usageText()}`, [
    header('/site commands'),
    section(lines),
    context(rules),
    section(mrkdwn`*Examples*\n${codeBlock(EXAMPLES)}`),
  ]);
}
