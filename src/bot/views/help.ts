import { SUBCOMMANDS, USAGE, type GrammarLimits } from '../grammar';
import { formatDuration } from '../format';
import { context, ephemeral, header, section, type Reply } from './reply';

const WHAT: Record<(typeof SUBCOMMANDS)[number], string> = {
  create: 'build the scalable-website environment (VPC, 2 web servers, ALB, RDS MySQL)',
  status: 'one environment in detail, or all of them',
  list: 'environments that exist now: status, owner, age, TTL',
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

/** The grammar as a code block, one line per subcommand. */
export function usageText(): string {
  return SUBCOMMANDS.map((s) => USAGE[s]).join('\n');
}

export function renderHelp(limits: GrammarLimits): Reply {
  const lines = SUBCOMMANDS.map((s) => `\`${USAGE[s]}\`\n      ${WHAT[s]}`).join('\n');
  const rules =
    `<env>: 3–20 characters, lowercase letters, digits and single hyphens, starting with a letter. ` +
    `<dur>: like 90m, 8h or 3d; TTL defaults to ${formatDuration(limits.defaultTtlMs)}, ` +
    `at most ${formatDuration(limits.maxTtlMs)}. --multi-az defaults to now.`;
  return ephemeral(`/site commands:\n${usageText()}`, [
    header('/site commands'),
    section(lines),
    context(rules),
    section(`*Examples*\n\`\`\`${EXAMPLES.join('\n')}\`\`\``),
  ]);
}
