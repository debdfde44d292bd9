/** `sitebot help`: usage, exit codes and the environment the CLI reads. */
export const HELP = `sitebot — build, drill, cost and tear down the scalable-website environment

Usage:
  sitebot create <env> [--ttl <dur>] [--multi-az now|later|off] [--dry-run] [--json] [--as <user>] [--channel <id>]
  sitebot status [<env>] [--json]
  sitebot list [--json]
  sitebot destroy <env> --yes [--json] [--as <user>]
  sitebot failover <env> [web|db|all] [--force] [--json] [--as <user>]
  sitebot sleep <env> [--json] [--as <user>]       stop both web servers and the DB (storage still bills)
  sitebot wake <env> [--json] [--as <user>]        start them again; ends once the site answers 200
  sitebot prices refresh [--region <region>]...
  sitebot help

Durations: 90m, 8h, 3d. Requester: --as <user>, else $USER.
create, destroy, failover, sleep and wake tick the run in this process until it ends: a progress bar on a
terminal, one line per step when piped, one JSON document with --json. Ctrl-C stops following;
the run stays resumable (run the same create or destroy again, or let the bot resume it).

Exit codes: 0 succeeded, 1 failed, 2 bad usage or configuration, 3 refused, 130 interrupted.

Environment: the bot's own (SITEBOT_REGION, SITEBOT_AZS, SITEBOT_TABLE_PREFIX, SITEBOT_DEFAULT_TTL,
SITEBOT_MAX_TTL) and the AWS SDK's (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL,
AWS_ENDPOINT_URL_<SERVICE>, e.g. AWS_ENDPOINT_URL_DYNAMODB for a local DynamoDB).
`;
