/** `sitebot help` in English: usage, exit codes and the environment the CLI reads (Japanese: ../ja/cli-help.ts). */
export const CLI_HELP_EN = `sitebot — build, drill, cost and tear down the scalable-website environment

Usage:
  sitebot init
  sitebot create <env> [--ttl <dur>] [--multi-az now|later|off] [--dry-run] [--no-site-check] [--json] [--as <user>] [--channel <id>]
  sitebot status [<env>] [--json]
  sitebot list [--json]
  sitebot cancel <env> [--json] [--as <user>]
  sitebot destroy <env> --yes [--json] [--as <user>]
  sitebot failover <env> [web|db|all] [--force] [--json] [--as <user>]
  sitebot diagram <env> [--drill] [--out <file.svg|file.png>]
  sitebot sleep <env> [--json] [--as <user>]       stop both web servers and the DB (storage still bills)
  sitebot wake <env> [--json] [--as <user>]        start them again; ends once the site answers 200
  sitebot prices refresh [--region <region>]...
  sitebot help

init creates sitebot's DynamoDB tables (again: it changes nothing) and checks the credentials,
the region and AZs, the service-linked roles and the quotas and offerings a create needs.
create first checks quotas and offerings (the preflight; --dry-run shows it with the plan and
the cost) and refuses, with nothing made, a create that would fail half way.
--no-site-check (or SITEBOT_SITE_CHECK=off): do not ask the site through the load balancer, for
an endpoint without a data plane; the summary says the site was not checked.
cancel stops a create under way; what it made stays until destroy. destroy --yes on a create
under way stops it first, then tears it down.

diagram draws the environment (VPC, AZs, subnets, servers, ALB, DB primary and standby) from its
record and what AWS has, or with --drill its latest failover drill's probe timeline: SVG on stdout,
or a file (PNG when the name ends in .png).

Durations: 90m, 8h, 3d; a TTL is at least 1h. Requester: --as <user>, else $SITEBOT_CLI_USER,
else $USER (the bot shows it by name).
create, cancel, destroy, failover, sleep and wake tick the run in this process until it ends: a progress bar
on a terminal, one line per step change (and per new reason a step waits) when piped, one JSON
document with --json. Ctrl-C stops following; the run stays resumable (run the same create or
destroy again, or let the bot resume it).

Exit codes:
  0    succeeded (init: ready)
  1    failed or cancelled, or an error
  2    bad usage or configuration
  3    refused: nothing was started or changed (init, create --dry-run: a create would be refused)
  4    a failover drill ran to its end but did not pass
  130  interrupted (Ctrl-C)

Environment: the bot's own (SITEBOT_REGION, SITEBOT_AZS, SITEBOT_TABLE_PREFIX, SITEBOT_DEFAULT_TTL,
SITEBOT_MAX_TTL, SITEBOT_SITE_CHECK, SITEBOT_LANG) and the AWS SDK's (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL,
AWS_ENDPOINT_URL_<SERVICE>, e.g. AWS_ENDPOINT_URL_DYNAMODB for a local DynamoDB). Against the
sandbox, SITEBOT_CLOCK_URL (printed by npm start) keeps the sandbox's clock.
`;
