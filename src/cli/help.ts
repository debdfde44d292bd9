/** `sitebot help`: usage, exit codes and the environment the CLI reads. */
export const HELP = `sitebot — build, drill, cost and tear down the scalable-website environment

Usage:
  sitebot create <env> [--ttl <dur>] [--multi-az now|later|off] [--dry-run] [--json] [--as <user>] [--channel <id>]
  sitebot status [<env>] [--json]
  sitebot list [--json]
  sitebot destroy <env> --yes [--json] [--as <user>]
  sitebot failover <env> [web|db|all] [--force] [--json] [--as <user>]
  sitebot diagram <env> [--drill] [--out <file.svg|file.png>]
  sitebot prices refresh [--region <region>]...
  sitebot help

Durations: 90m, 8h, 3d. Requester: --as <user>, else $USER.
create, destroy and failover tick the run in this process until it ends: a progress bar on a
terminal, one line per step when piped, one JSON document with --json. Ctrl-C stops following;
the run stays resumable (run the same create or destroy again, or let the bot resume it).

diagram draws the environment (VPC, AZs, subnets, servers, ALB, DB primary and standby) from its
record and what AWS has, or with --drill its latest failover drill's probe timeline: SVG on stdout,
or a file (PNG when the name ends in .png).

Exit codes: 0 succeeded, 1 failed, 2 bad usage or configuration, 3 refused, 130 interrupted.

Environment: the bot's own (SITEBOT_REGION, SITEBOT_AZS, SITEBOT_TABLE_PREFIX, SITEBOT_DEFAULT_TTL,
SITEBOT_MAX_TTL) and the AWS SDK's (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL,
AWS_ENDPOINT_URL_<SERVICE>, e.g. AWS_ENDPOINT_URL_DYNAMODB for a local DynamoDB).
`;
