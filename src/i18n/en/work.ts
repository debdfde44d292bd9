/**
 * What the workflows say about themselves: step notes (why a step waits, what it came to), their
 * own failures, refusals to start, the receipt's and the drill's reasons. Said by the workflows
 * (`say('work.…')`), stored in run records as key and arguments, put into words for each reader.
 * AWS's own states (`creating`) and messages are passed through as AWS wrote them (the
 * Japanese catalogue names the states as the AWS console does).
 */
import type { Formatter } from '../../domain/format';
import type { InventoryTexts } from './inventory';

/** How a resource kind is called in a note: `db: creating`. */
const THING: Record<string, string> = {
  db: 'db',
  image: 'image',
  instance: 'instance',
  'web-1': 'web-1',
  'web-2': 'web-2',
  'load balancer': 'load balancer',
  targets: 'targets',
  'internet gateway': 'internet gateway',
  'route table': 'route table',
  'instance profile': 'instance profile',
};
const thing = (what: string) => THING[what] ?? what;

export const work = (f: Formatter, inventory: InventoryTexts) => ({
  // -- create: waiting and failing
  /** `what` is a resource kind (`db`, `image`, …), `state` AWS's state or a reason said. */
  waiting: (a: { what: string; state: string }) => `${thing(a.what)}: ${a.state}`,
  notVisible: (a: { what: string }) => `${thing(a.what)} not visible yet`,
  createdNotVisible: (a: { what: string }) => `${thing(a.what)}: created, not visible yet`,
  isInState: (a: { what: string; state: string }) => `${thing(a.what)} is ${a.state}`,
  isInStateBecause: (a: { what: string; state: string; reason: string }) =>
    `${thing(a.what)} is ${a.state}: ${a.reason}`,
  beingDeleted: (a: { what: string }) => `${thing(a.what)} is being deleted`,
  targetStates: (a: { states: string[] }) => a.states.join(', '),
  targetState: (a: { id: string; state: string }) => `${a.id}=${a.state}`,
  allHealthy: (a: { states: string }) => `healthy: ${a.states}`,
  multiAzPending: () => 'multi-az: changes pending',
  multiAzNotYet: () => 'multi-az: not yet',
  multiAzRequested: () => 'db: Multi-AZ requested',
  modifyPending: (a: { status: string }) => `db: ${a.status}, modify pending`,
  multiAzOff: () => '--multi-az off: the database stays single-AZ',
  profileNotVisible: () => 'instance profile not visible to EC2 yet',
  siteAnswers: (a: { status: string }) => `site answers ${a.status}`,
  gaveUpAfter: (a: { ms: number }) => `gave up after ${f.duration(a.ms)}`,
  awaitingAws: (a: { code: string }) => `${a.code}, waiting for AWS to see a new resource`,
  /** An AWS error as AWS worded it; `doing` (optional) says what was being done. */
  awsError: (a: { code: string; message: string }) => `${a.code}: ${a.message}`,
  awsErrorWhile: (a: { doing: string; code: string; message: string }) =>
    `${a.doing}: ${a.code}: ${a.message}`,
  checking: (a: { id: string }) => `check ${a.id}`,
  stopping: (a: { id: string }) => `stop ${a.id}`,
  starting: (a: { id: string }) => `start ${a.id}`,
  roleElsewhere: (a: {
    name: string;
    hasPath: string;
    hasBoundary: string;
    wantPath: string;
    wantBoundary: string;
  }) =>
    `IAM role ${a.name} already exists at ${a.hasPath} ${a.hasBoundary ? `with the boundary ${a.hasBoundary}` : 'without a boundary'}; ` +
    `sitebot needs it at ${a.wantPath} ${a.wantBoundary ? `with the permissions boundary ${a.wantBoundary}` : 'without a permissions boundary'}. ` +
    'It was made by someone else or by an older sitebot: delete it (and its instance profile), then create again.',
  profileElsewhere: (a: { name: string; hasPath: string; wantPath: string }) =>
    `IAM instance profile ${a.name} already exists at ${a.hasPath}; sitebot needs it at ${a.wantPath}: delete it, then create again.`,

  // -- create: what a done step came to
  subnetsMade: (a: { n: number }) =>
    `${inventory.count({ type: 'subnet', n: a.n })}: 2 public, 2 private over 2 AZs`,
  igwAttached: (a: { id: string }) => `${a.id} attached`,
  routesMade: (a: { id: string }) => `${a.id}: 0.0.0.0/0 → internet gateway`,
  groupsMade: (a: { n: number }) => `${inventory.count({ type: 'security-group', n: a.n })}: elb, web, db`,
  secretMade: (a: { name: string }) => `secret ${a.name}`,
  roleMade: (a: { name: string }) => `role and instance profile ${a.name}`,
  available: (a: { id: string }) => `${a.id} available`,
  primaryIn: (a: { az: string }) => `primary in ${a.az}`,
  standbyIn: (a: { az: string }) => `standby in ${a.az}`,
  multiAz: () => 'Multi-AZ',
  running: (a: { id: string }) => `${a.id} running`,
  inAz: (a: { az: string }) => `in ${a.az}`,
  amiMade: (a: { id: string; snapshots: number }) =>
    `${a.id} available (${inventory.count({ type: 'snapshot', n: a.snapshots })})`,
  lbActive: (a: { dns: string }) => `active at ${a.dns}`,
  listenerMade: () => 'HTTP:80 → target group',
  targetsRegistered: (a: { n: number }) =>
    `${a.n} ${f.plural(a.n) === 'one' ? 'target' : 'targets'} registered`,
  targetsHealthy: (a: { n: number }) => `${a.n} of ${a.n} targets healthy`,
  siteUp: (a: { url: string }) => `${a.url} answers`,
  /** Parts of one note, in the language's list style. */
  preflightBeforeStart: () => 'quotas and offerings checked before the run started',
  checksPassed: (a: { n: number }) => `${a.n} ${f.plural(a.n) === 'one' ? 'check' : 'checks'} passed`,
  notChecked: (a: { items: string[] }) => `not checked: ${a.items.join(', ')}`,
  earlierAttempt: (a: { what: string; leftMs: number }) =>
    `${thing(a.what)}: an earlier attempt may have made it; looking for it ${f.duration(a.leftMs)} more before trying again`,
  madeEarlier: (a: { code: string }) => `${a.code}: an earlier attempt made it; waiting for AWS to list it`,
  preflightRefused: (a: { refusal: string }) => `refused before anything was made: ${a.refusal}`,
  notCreated: (a: { env: string; refusal: string }) => `${a.env} not created: ${a.refusal}`,
  parts: (a: { items: string[] }) => a.items.join(', '),

  // -- the dry run's plan: each resource's settings (src/workflows/create/outline.ts)
  planVpc: (a: { cidr: string }) => `${a.cidr}, DNS resolution on`,
  planSubnet: (a: { cidr: string; az: string; isPublic: boolean }) =>
    `${a.cidr} in ${a.az}${a.isPublic ? ', public IPv4 on launch' : ''}`,
  planIgw: () => 'attached to the VPC',
  planRoutes: () => '0.0.0.0/0 → internet gateway; both public subnets',
  planElbSg: () => 'HTTP 80 from 0.0.0.0/0',
  planWebSg: (a: { from: string }) => `HTTP 80 from ${a.from} only`,
  planDbSg: (a: { from: string }) => `MySQL 3306 from ${a.from} only`,
  planSecret: () => 'generated DB master + WordPress admin passwords',
  planRole: () => 'GetSecretValue on the credentials, DescribeDBInstances on the DB',
  planDbSubnets: () => 'both private subnets',
  planDb: (a: { version: string; dbClass: string; multiAz: boolean; az: string }) =>
    `MySQL ${a.version}, ${a.dbClass}, ${a.multiAz ? 'Multi-AZ' : `single-AZ in ${a.az}`}, not public, backups off`,
  planStandby: () => 'modify to Multi-AZ, apply immediately',
  planWeb1: (a: { type: string; az: string }) =>
    `${a.type}, Amazon Linux 2023, public subnet ${a.az}, IMDSv2 required, WordPress by user data`,
  planAmi: () => 'from web #1 with reboot',
  planSnapshot: () => "the AMI's root volume",
  planWeb2: (a: { type: string; ami: string; az: string }) =>
    `${a.type} from ${a.ami}, public subnet ${a.az}`,
  planTg: (a: { path: string }) => `HTTP/80 instances, health check ${a.path}`,
  planAlb: () => 'internet-facing ALB over both public subnets, elb-sg',
  planListener: () => 'forward to the target group',
  planTargets: (a: { tg: string }) => `registered in ${a.tg}`,

  // -- destroy
  deleted: (a: { counts: Record<string, number> }) => `deleted ${inventory.describe(a.counts)}`,
  nothingToDelete: () => 'nothing left to delete',
  keptUntagged: (a: { what: string; n: number }) =>
    `${a.what}; kept ${a.n} untagged ${f.plural(a.n) === 'one' ? 'resource' : 'resources'}`,
  stillThere: (a: { type: string; id: string; reason: string }) => `${a.type} ${a.id}: ${a.reason}`,
  stillThereAll: (a: { items: string[] }) => a.items.join('; '),
  attachedToInstance: () => 'attached to an instance',
  stillInState: (a: { state: string }) => `still ${a.state}`,
  deletionUnderWay: () => 'deletion still in progress',
  recordedCount: (a: { n: number; env: string }) =>
    `${inventory.total({ n: a.n })} recorded; anything else tagged for ${a.env} is found by tag`,
  notTagged: (a: { env: string }) => `not deleted: not tagged for ${a.env}`,
  notReached: () => 'not deleted yet: the run stopped before reaching it',
  mainRouteTable: () => 'it is the main route table of its VPC',
  couldNotList: (a: { message: string }) => `could not list: ${a.message}`,
  teardownGaveUp: (a: { ms: number; what: string }) =>
    `gave up after ${f.duration(a.ms)}; still there: ${a.what}`,
  createRunning: (a: { env: string; runId: string }) =>
    `${a.env} is still being created (run ${a.runId}). Cancel the create first, or choose "Cancel and destroy": the create stops at its next tick, then teardown starts.`,
  stoppingCreate: (a: { env: string }) =>
    `Stopping the create of ${a.env}; teardown starts as soon as it has stopped.`,
  tearingDown: (a: { env: string; runId: string }) => `Tearing down ${a.env} (run ${a.runId}).`,

  // -- failover
  notInDrill: (a: { target: string }) => `not part of a ${a.target} drill`,
  drilling: (a: { phases: string[] }) => `drilling ${a.phases.join(' then ')}`,
  drillStarted: (a: { env: string; phases: string[]; url: string }) =>
    `Failover drill on ${a.env} started: I will ${a.phases
      .map((p) => (p === 'web' ? 'stop one web server and start it again' : 'reboot the DB with failover'))
      .join(', then ')}, probing ${a.url} all along.`,
  noRepository: () => 'no environments repository wired',
  noWebServer: () => 'preflight recorded no web server to stop',
  noDb: () => 'preflight recorded no DB to reboot',
  healthyAgain: (a: { role: string }) => `${a.role} healthy again`,
  webWaiting: (a: { role: string; stage: string; state: string; health: string }) =>
    `${a.role} ${a.stage}: ${a.state}, target ${a.health}`,
  webNotRestored: (a: { id: string; role: string; state: string; health: string; ms: number }) =>
    `${a.id} (${a.role}) is ${a.state}, target ${a.health}: not healthy again after ${f.duration(a.ms)}`,
  primaryMoved: (a: { from: string; to: string }) => `primary ${a.from} → ${a.to}`,
  dbWaiting: (a: { stage: string; status: string; az: string }) => `db ${a.stage}: ${a.status} in ${a.az}`,
  dbStayed: (a: { id: string; status: string }) => `${a.id} stayed ${a.status}: no reboot was sent`,
  dbNotRecovered: (a: { id: string; status: string; siteUp: boolean; ms: number }) =>
    `${a.id} is ${a.status} and the site ${a.siteUp ? 'answers' : 'does not answer'} ${f.duration(a.ms)} after the reboot`,
  gaveUp: (a: { error: string }) => `gave up: ${a.error}`,
  restarted: (a: { id: string }) => `${a.id} was stopped when the drill ended: started it again`,
  stillStopping: (a: { id: string }) => `${a.id} is still stopping; it will be started once stopped`,
  startByHand: (a: { id: string }) =>
    `${a.id} was still stopping when the drill ended: start it again by hand`,
  noStopSent: () => 'no stop was sent',
  noRebootSent: () => 'no reboot was sent',
  webEvidence: (a: { subject: string; states: string[]; health: string[] }) =>
    `${a.subject} ${a.states.join(' → ') || 'not seen'}; target ${a.health.join(' → ') || 'not seen'}`,
  dbEvidence: (a: { id: string; statuses: string[]; from: string; to: string; unchanged: boolean }) =>
    `${a.id} ${a.statuses.join(' → ') || 'not seen'}; primary AZ ${a.from} → ${a.to}${a.unchanged ? ' (unchanged)' : ''}`,
  singleAzRemark: () => 'single-AZ DB: a reboot is an outage, not a failover',
  // Why a drill may not start (src/workflows/failover/preconditions.ts).
  // Sleep and wake (src/workflows/power/start.ts, preconditions.ts).
  powerDestroyed: (a: { env: string; kind: 'sleep' | 'wake' }) =>
    `${a.env} was destroyed; there is nothing to ${a.kind}.`,
  powerNotReady: (a: { env: string; status: string; kind: 'sleep' | 'wake' }) =>
    `${a.env} is ${a.status}, not ready: only a finished environment can ${a.kind}.`,
  powerNotAllowed: (a: { env: string; kind: 'sleep' | 'wake' }) =>
    `Only ${a.env}'s owner or an admin can ${a.kind} it.`,
  powerStarted: (a: { env: string; kind: 'sleep' | 'wake' }) =>
    a.kind === 'sleep'
      ? `Putting ${a.env} to sleep: I will stop both web servers and the DB instance.`
      : `Waking ${a.env}: I will start the DB instance and both web servers, then check the site answers.`,
  // Sleep and wake steps and their end (src/workflows/power: toward.ts, kit.ts, finish.ts).
  /** `what`: `web server` or `DB instance`. */
  powerGone: (a: { what: string; id: string; state: string }) =>
    `${a.what} ${a.id} is ${a.state}: it cannot be stopped or started`,
  powerState: (a: { id: string; state: string }) => `${a.id} ${a.state}`,
  powerReached: (a: { already: boolean; target: string; seen: string[] }) =>
    `${a.already ? 'already ' : ''}${a.target}: ${a.seen.join(', ')}`,
  powerSending: (a: { doing: 'stopping' | 'starting'; ids: string[] }) => `${a.doing} ${a.ids.join(', ')}`,
  powerSeen: (a: { seen: string[] }) => a.seen.join(', '),
  powerGaveUp: (a: { ms: number; note: string }) =>
    `gave up after ${Math.round(a.ms / 60_000)} min: ${a.note}`,
  powerTargets: (a: { reason: string }) => `targets: ${a.reason}`,
  siteNotChecked: () => 'site not checked',
  siteWasNotChecked: () => 'the site was not checked',
  bothWebServers: () => 'both web servers',
  theDbInstance: () => 'the DB instance',
  restopped: (a: { env: string }) =>
    `RDS started ${a.env}'s DB instance by itself after 7 days stopped; it is stopped again.`,
  asleep: (a: { env: string; stopped: string[] }) =>
    `${a.env} is asleep: ${a.stopped.join(' and ')} stopped.`,
  notAsleep: (a: { env: string; stopped: string[] }) =>
    `${a.env} did not fully go to sleep${a.stopped.length ? ` (${a.stopped.join(' and ')} stopped)` : ''}.`,
  asleepCosts: (a: { asleep: number; awake: number; saved: number; billing: string[] }) =>
    `While asleep it costs ${f.perDay(a.asleep)} instead of ${f.perDay(a.awake)} (saving ${f.perDay(a.saved)}); still billing: ${a.billing.join(', ')}.`,
  dbAvailableAfter: (a: { ms: number }) => `DB available after ${f.duration(a.ms)}`,
  targetsHealthyAfter: (a: { ms: number }) => `both targets healthy after ${f.duration(a.ms)}`,
  awake: (a: { env: string; ms: number; parts: string[] }) =>
    `${a.env} is awake: the site answered 200 after ${f.duration(a.ms)}${a.parts.length ? ` (${a.parts.join(', ')})` : ''}.`,
  notAwake: (a: { env: string; parts: string[] }) =>
    `${a.env} did not fully wake up${a.parts.length ? ` (${a.parts.join(', ')})` : ''}.`,
  /** Sentences of one summary, one after another. */
  sentences: (a: { items: string[] }) => a.items.join(' '),
  // The channel budget (src/workflows/budget/create-check.ts).
  budgetUnknown: (a: { error: string }) =>
    `the channel budget cannot be checked (${a.error}), so nothing was created`,
  overBudget: (a: {
    env: string;
    month: string;
    total: number;
    budget: number;
    spent: number;
    coming: number;
    fresh: number;
    forMs: number;
    onHours: boolean;
    perDay: number;
  }) =>
    `${a.env} would take this channel's ${a.month} spend to about ${f.usd(a.total)}, over its ` +
    `${f.usd(a.budget)} monthly budget: ${f.usd(a.spent)} spent so far, ` +
    `${f.usd(a.coming)} more from the running environments until they expire or the month ends, ` +
    `and about ${f.usd(a.fresh)} for ${a.env} (${f.duration(a.forMs)}${a.onHours ? ' on office hours' : ''} at up to ${f.perDay(a.perDay)}). ` +
    'Destroy or put to sleep an environment, or create it with a shorter --ttl or --hours',
  noSuchEnv: (a: { env: string }) => `There is no environment named ${a.env}.`,
  wasDestroyed: (a: { env: string }) => `${a.env} was destroyed; there is nothing to drill.`,
  notReadyForDrill: (a: { env: string; status: string }) =>
    `${a.env} is ${a.status}, not ready: a drill needs a finished environment.`,
  asleepForDrill: (a: { env: string }) =>
    `${a.env} is asleep (its web servers and DB are stopped): wake it first, then drill.`,
  recordLacks: (a: { env: string; missing: string[] }) =>
    `${a.env}'s record lacks ${a.missing.join(', ')}: it does not look fully built.`,
  singleAz: (a: { env: string }) =>
    `${a.env}'s database is single-AZ: it has no standby to fail over to, so rebooting it is an outage, not a failover. Run \`/site failover ${a.env} db --force\` to reboot it anyway and measure the outage.`,
  needsTwoHealthy: (a: { env: string; seen: string[] }) =>
    `${a.env} needs 2 healthy targets for a web drill (stopping one must leave one serving); now: ${a.seen.join(', ')}.`,
  webSeen: (a: { role: string; state: string; health: string }) => `${a.role} ${a.state}/${a.health}`,
  dbMissing: (a: { env: string }) => `${a.env}'s database was not found.`,
  dbNotAvailable: (a: { env: string; status: string }) =>
    `${a.env}'s database is ${a.status}, not available: try again once it is.`,
  drillNotAllowed: (a: { env: string }) =>
    `Only ${a.env}'s owner or an admin can run a failover drill on it.`,
  siteUrl: () => 'site URL',

  // -- starting runs, whoever holds an environment (src/workflows/engine)
  retrying: (a: { error: string }) => `retrying after: ${a.error}`,
  busy: (a: {
    env: string;
    kind: string;
    runId: string;
    holder: string;
    at: number;
    agoMs: number;
    work: string[];
  }) =>
    `${a.env} is busy: a ${a.kind} run (${a.runId}) started by ${a.holder} at ${f.instant(a.at)} (${
      a.agoMs < 60_000 ? 'less than a minute ago' : `${f.duration(a.agoMs)} ago`
    }) is running${a.work.length > 0 ? `; now at: ${a.work.join(', ')}` : ''}`,
  stepAt: (a: { step: string; note: string }) => (a.note ? `${a.step} (${a.note})` : a.step),
  noWorkflow: (a: { kind: string }) => `no ${a.kind} workflow`,
  noRun: (a: { runId: string }) => `no run ${a.runId}`,
  runEnded: (a: { runId: string; status: string }) => `run ${a.runId} already ${a.status}`,
  runNotFailed: (a: { runId: string; status: string }) => `run ${a.runId} is ${a.status}, not failed`,
  runChanged: (a: { runId: string }) => `run ${a.runId} changed; try again`,
  inUse: (a: { env: string; status: string; owner: string; at: number }) =>
    `${a.env} already exists (${a.status}, owner ${a.owner}, created ${f.instant(a.at)}): pick another name, or destroy it first`,
  beingCreated: (a: { env: string }) => `${a.env} is being created by someone else right now`,

  assumptions: (a: { region: string; date: string; lcu: number; storage: string[]; estimated: boolean }) =>
    [
      `${a.region} on-demand prices of ${a.date}`,
      ...(a.lcu >= 0 ? [`ALB at ${a.lcu} LCU`] : []),
      ...a.storage.map((s) => `RDS storage ${s}`),
      'excludes data transfer',
      ...(a.estimated ? ['some prices estimated'] : []),
    ].join('; '),
  // -- extend and snooze (src/workflows/remind)
  noEnv: (a: { env: string }) => `there is no environment named ${a.env}`,
  beingDestroyed: (a: { env: string }) => `${a.env} is being destroyed`,
  tooFarAhead: (a: { env: string; keptMs: number; maxMs: number }) =>
    `that would keep ${a.env} for ${f.duration(a.keptMs)} from now; an environment may be kept at most ${f.duration(a.maxMs)} ahead`,
  overCap: (a: { env: string; spend: number; cap: number }) =>
    `keeping ${a.env} until then would cost about ${f.usd(a.spend)}, over the ${f.usd(a.cap)} cap for an extension`,
  changing: (a: { env: string }) => `${a.env} is changing right now; try again`,
});

export type WorkTexts = ReturnType<typeof work>;
