/**
 * The command line's own lines (src/cli): what `sitebot` prints to people on stderr and on
 * stdout, in SITEBOT_LANG (src/cli/texts.ts). `--json` documents are for machines and stay
 * English with their keys. Refusals and notes said by the workflows come through `t.said`.
 */
import type { Formatter } from '../../domain/format';
import { CLI_HELP_EN } from './cli-help';

/** How a run is named in "following the … of demo": the teardown, not "the destroy". */
const RUN_NOUN: Record<string, string> = { destroy: 'teardown' };

export const cli = (f: Formatter) => ({
  help: () => CLI_HELP_EN,
  usageError: (a: { error: string }) => `sitebot: ${a.error} (see sitebot help)`,
  fatal: (a: { message: string }) => `sitebot: ${a.message}`,
  commandFailed: (a: { command: string; message: string }) => `sitebot: ${a.command} failed: ${a.message}`,
  interrupting: () => 'stopping after the current tick (Ctrl-C again to quit at once)',
  tickFailed: (a: { runId: string; message: string }) => `tick of ${a.runId} failed: ${a.message}`,
  tickRetrying: (a: { runId: string; message: string }) =>
    `tick of ${a.runId} failed, retrying: ${a.message}`,

  // -- starting and following runs (src/cli/commands)
  refused: (a: { why: string }) => `refused: ${a.why}`,
  noEnv: (a: { env: string }) => `no environment named ${a.env}`,
  following: (a: { kind: string; env: string; runId: string }) =>
    `following the ${RUN_NOUN[a.kind] ?? a.kind} of ${a.env} already under way (run ${a.runId})`,
  resuming: (a: { env: string; runId: string }) => `resuming the failed create of ${a.env} (run ${a.runId})`,
  nothingToCancel: (a: { env: string; status: string }) =>
    `nothing to cancel: ${a.env} is ${a.status} and no run is under way`,
  onlyCreate: (a: { env: string; kind: string; runId: string }) =>
    `only a create can be cancelled: ${a.env}'s ${a.kind} run ${a.runId} is under way; let it finish (sitebot status ${a.env} shows it)`,
  stoppingCreate: (a: { env: string; runId: string }) =>
    `stopping the create of ${a.env} (run ${a.runId}) at its next tick`,
  nothingCreated: (a: { env: string }) =>
    `nothing was created; the name ${a.env} stays taken until sitebot destroy ${a.env} --yes`,
  madeRemain: (a: { env: string; n: number; roles: string[] }) =>
    `${a.n} ${f.plural(a.n) === 'one' ? 'resource' : 'resources'} it made remain and cost money until removed (${a.roles.join(', ')}): sitebot destroy ${a.env} --yes removes them`,
  stoppingCreateFirst: (a: { env: string; runId: string }) =>
    `stopping the create of ${a.env} first (run ${a.runId}); the teardown starts once it has stopped`,
  stoppedWaiting: (a: { env: string }) =>
    `stopped waiting: the create of ${a.env} is asked to stop; run sitebot destroy ${a.env} --yes again to tear it down`,
  destroyNeedsYes: (a: { env: string; total: string; what: string }) =>
    `destroy deletes ${a.env} for good (${a.total}: ${a.what}); add --yes to confirm`,
  noDrillYet: (a: { env: string }) => `${a.env} has had no failover drill yet`,
  wrote: (a: { file: string }) => `wrote ${a.file}`,

  // -- status and list (src/cli/commands/envs.ts)
  statusHead: (a: { env: string; status: string; owner: string; region: string; multiAz: string }) =>
    `${a.env}  ${a.status}  owner ${a.owner}  ${a.region}  ${
      { now: 'database Multi-AZ', later: 'database Multi-AZ (converted)', off: 'database single-AZ' }[
        a.multiAz
      ] ?? a.multiAz
    }`,
  created: (a: { at: number; agoMs: number; expiry: string; expiresAt: number }) =>
    `created ${f.instant(a.at)} (${f.duration(a.agoMs)} ago), ${a.expiry} (${f.instant(a.expiresAt)})`,
  resources: (a: { total: string; what?: string }) => `resources: ${a.total}${a.what ? ` (${a.what})` : ''}`,
  cost: (a: { soFar: number; perDay: number }) => `cost: ${f.usd(a.soFar)} so far · ${f.perDay(a.perDay)}`,
  listCost: (a: { soFar: number; perDay: number }) => `${f.usd(a.soFar)} so far · ${f.perDay(a.perDay)}`,
  underWay: (a: { title: string; note?: string }) => `  under way: ${a.title}${a.note ? ` (${a.note})` : ''}`,
  runProgress: (a: { kind: string; runId: string; bar: string; done: number; total: number; ms: number }) =>
    `${a.kind} run ${a.runId}: ${a.bar} ${a.done}/${a.total}  ${f.duration(a.ms)}`,
  lastRun: (a: { kind: string; runId: string; status: string; failure?: string; ms: number }) =>
    `last ${a.kind} run ${a.runId} ${a.status === 'succeeded' ? 'succeeded' : `${a.status}: ${a.failure ?? 'failed'}`} (${f.duration(a.ms)})`,
  noEnvironments: () => 'no environments',
  listHeader: () => ['NAME', 'STATUS', 'OWNER', 'AGE', 'EXPIRES IN', 'COST', 'URL'],
  listStatus: (a: { status: string }) => a.status,
  expired: () => 'expired',

  // -- the progress renderers (src/cli/render)
  runHead: (a: { kind: string; env: string; runId: string }) => `${a.kind} ${a.env}: run ${a.runId}`,
  /** The pipe renderer's marks, padded to one width so the titles line up. */
  mark: (a: { phase: 'start' | 'done' | 'skip' | 'failed' | 'wait' }) =>
    ({ start: 'start ', done: 'done  ', skip: 'skip  ', failed: 'FAILED', wait: 'wait  ' })[a.phase],
  doesNotApply: () => 'does not apply',
  skipped: (a: { why: string }) => `skipped (${a.why})`,
  stepFailed: () => 'failed',
  andMore: (a: { n: number }) => `and ${a.n} more`,
  stoppedFollowing: (a: { kind: string; env: string; runId: string; status: string }) =>
    `stopped following ${a.kind} ${a.env} (run ${a.runId}, still ${a.status}); ` +
    'it continues when resumed: run the same command again, or the bot resumes it',
  succeeded: (a: { kind: string; env: string; ms: number }) =>
    `${a.kind} ${a.env} succeeded in ${f.duration(a.ms)}`,
  ended: (a: { kind: string; env: string; status: string; ms: number; failure: string }) =>
    `${a.kind} ${a.env} ${a.status} after ${f.duration(a.ms)}: ${a.failure}`,
  cancelledBy: (a: { who: string }) => `cancelled by ${a.who}`,
  failedSteps: (a: { steps: string[]; error: string }) => `${a.steps.join(', ')}: ${a.error}`,

  // -- sitebot init (src/cli/commands/init.ts)
  checkMark: (a: { status: 'ok' | 'failed' | 'unknown' | 'refused' }) =>
    ({ ok: 'ok', failed: 'FAILED', unknown: 'not checked', refused: 'REFUSED' })[a.status].padEnd(11),
  initHead: (a: { region: string; azs: string[]; prefix: string }) =>
    `sitebot init: region ${a.region}, AZs ${a.azs.join(' and ')}, tables ${a.prefix}-*`,
  tablesFailed: (a: { message: string }) => `tables: ${a.message}`,
  tablesPresent: (a: { names: string[] }) => `tables: all ${a.names.length} present (${a.names.join(', ')})`,
  tablesCreated: (a: { created: string[]; present: string[] }) =>
    `tables: created ${a.created.join(', ')}${a.present.length > 0 ? `; ${a.present.join(', ')} already there` : ''}`,
  rolePresent: (a: { service: string; role: string }) =>
    `${a.service} service-linked role ${a.role}: present`,
  roleNotYet: (a: { service: string; role: string }) =>
    `${a.service} service-linked role ${a.role}: not yet; AWS creates it on the first create ` +
    '(the caller needs iam:CreateServiceLinkedRole for it)',
  roleUnchecked: (a: { service: string; role: string; message: string }) =>
    `${a.service} service-linked role ${a.role}: ${a.message}`,
  noCredentials: () => 'no AWS credentials found',
  credentialsRefused: () => 'AWS refused the credentials',
  noAnswer: () => 'AWS did not answer',
  credentialsFailed: (a: { what: string; message: string }) =>
    `credentials: ${a.what}: ${a.message}; account checks skipped`,
  credentialsOk: (a: { platforms?: string[]; defaultVpc?: string[] }) =>
    `credentials: EC2 answered (platforms ${a.platforms?.join(', ') ?? 'unknown'}; default VPC ${a.defaultVpc?.join(', ') ?? 'unknown'})`,
  regionZones: (a: { region: string; zones: { name: string; state: string }[] }) =>
    `region ${a.region}: AZs ${a.zones.map((z) => `${z.name} (${z.state})`).join(', ')}`,
  regionUnchecked: (a: { region: string; error: string }) => `region ${a.region}: ${a.error}`,
  notReadyTables: () => 'not ready: the tables could not be made (see above)',
  notReadyRefused: (a: { refusal: string }) => `not ready: a create would be refused now: ${a.refusal}`,
  ready: () => 'ready: sitebot create <env> can build here',

  // -- sitebot prices (src/cli/prices.ts)
  pricesRegion: (a: { region: string; ec2: number; rds: number }) =>
    `${a.region}: ${a.ec2} instance types, ${a.rds} DB classes, EBS, RDS storage, ALB, IPv4 priced`,
  pricesWrote: (a: { file: string; date: string }) => `wrote ${a.file} (prices of ${a.date})`,
  pricesFailed: (a: { message: string }) => `prices refresh failed: ${a.message}`,
});

export type CliTexts = ReturnType<typeof cli>;
