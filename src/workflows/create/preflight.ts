/**
 * The create's preflight: before anything is made, would this create fail half way? It reads
 * the account's quotas and usage (VPCs, Application Load Balancers, target groups, DB
 * instances, DB subnet groups, DB storage) and what the two AZs offer (the AZs themselves, the
 * web servers' instance type, the DB class and MySQL version), all at once, then judges them
 * (pure: `evaluatePreflight`). A create that would go past a quota or use something not
 * offered is refused with one plain line: which, the numbers, and what to do; where the AZs
 * are the problem it names a pair that works. A check whose read failed (no permission, an
 * endpoint without the API) is reported as not checked and never refuses: only evidence does.
 *
 * Where it runs: the CLI and a bot that has the AWS clients (sandbox, Socket Mode) run it
 * before the run starts, so a refusal leaves the store as it was; the Slack Lambda has no EC2
 * or RDS client, so there the create's first step runs it in the worker, and a refusal fails
 * the run before any step that creates something.
 *
 * Every line is said (`preflight.…` in the catalogue, numbers and quota codes as arguments) and
 * put into words by whoever shows it; `inEnglish` (i18n/english) gives the English for JSON and logs.
 */
import type { AccountLimitsAdapter, AppliedQuota, OrderableDbOption } from '../../aws/account-limits';
import { say, type Said, type Saying } from '../../i18n/said';
import type { MultiAzMode } from '../../state/types';
import type { CreateConfig } from './deps';

/** A value, or why it could not be read (AWS's own message, or said). */
type Fact<T> = { ok: true; value: T } | { ok: false; error: Saying };

/** Everything the checks read, each a value or why it could not be read. */
export interface AccountFacts {
  vpcQuota: Fact<AppliedQuota>;
  vpcCount: Fact<number>;
  elbLimits: Fact<Record<string, number>>;
  albCount: Fact<number>;
  targetGroupCount: Fact<number>;
  rdsQuotas: Fact<Record<string, { used: number; max: number }>>;
  zones: Fact<{ name: string; state: string }[]>;
  instanceTypeZones: Fact<string[]>;
  dbOptions: Fact<OrderableDbOption[]>;
}

export type PreflightSettings = Pick<
  CreateConfig,
  'region' | 'azs' | 'instanceType' | 'dbClass' | 'engineVersion' | 'dbAllocatedStorageGb'
>;

export type CheckStatus = 'ok' | 'refused' | 'unknown';

export interface PreflightCheck {
  id:
    | 'vpcs'
    | 'load-balancers'
    | 'target-groups'
    | 'db-instances'
    | 'db-subnet-groups'
    | 'db-storage'
    | 'azs'
    | 'instance-type'
    | 'db-offering';
  status: CheckStatus;
  /** One line: what was checked and the numbers; for a refusal, what to do too. */
  text: Said;
  /** For a refusal: what is wrong, and what to do (`text` is both). */
  problem?: Said;
  fix?: Said;
}

function refusedCheck(id: PreflightCheck['id'], problem: Said, fix: Said): PreflightCheck {
  return { id, status: 'refused', text: say('preflight.problemFix', { problem, fix }), problem, fix };
}

export interface PreflightReport {
  ok: boolean;
  checks: PreflightCheck[];
  /** The refused checks in one line (undefined when `ok`). */
  refusal?: Said;
  /** Two AZs that offer everything, when the configured pair does not. */
  suggestedAzs?: [string, string];
}

function describeError(err: unknown): string {
  if (err instanceof Error)
    return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}

async function fact<T>(read: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
}

/** Awaits every promise of a record at once. */
async function allOf<T extends Record<string, Promise<unknown>>>(
  pending: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const entries = await Promise.all(Object.entries(pending).map(async ([k, p]) => [k, await p] as const));
  return Object.fromEntries(entries) as { [K in keyof T]: Awaited<T[K]> };
}

/** Reads every fact concurrently: the preflight takes as long as its slowest read. */
export function gatherAccountFacts(
  limits: AccountLimitsAdapter,
  settings: PreflightSettings,
): Promise<AccountFacts> {
  return allOf({
    vpcQuota: fact(() => limits.vpcQuota()),
    vpcCount: fact(() => limits.vpcCount()),
    elbLimits: fact(() => limits.elbLimits()),
    albCount: fact(() => limits.applicationLoadBalancerCount()),
    targetGroupCount: fact(() => limits.targetGroupCount()),
    rdsQuotas: fact(() => limits.rdsQuotas()),
    zones: fact(() => limits.availabilityZones()),
    instanceTypeZones: fact(() => limits.instanceTypeZones(settings.instanceType)),
    dbOptions: fact(() => limits.orderableDbOptions('mysql', settings.dbClass)),
  });
}

interface QuotaCheck {
  id: PreflightCheck['id'];
  what: Said;
  used: Fact<number>;
  max: Fact<number>;
  need: number;
  /** `GiB`, or none for a count. */
  unit?: string;
  fix: Said;
}

function judgeQuota(q: QuotaCheck): PreflightCheck {
  if (!q.used.ok || !q.max.ok) {
    const error = !q.used.ok ? q.used.error : !q.max.ok ? q.max.error : '';
    return { id: q.id, status: 'unknown', text: say('preflight.notChecked', { what: q.what, error }) };
  }
  const numbers = { what: q.what, used: q.used.value, max: q.max.value, need: q.need, unit: q.unit ?? '' };
  if (q.used.value + q.need <= q.max.value)
    return { id: q.id, status: 'ok', text: say('preflight.quotaRoom', numbers) };
  return refusedCheck(q.id, say('preflight.quotaFull', numbers), q.fix);
}

const pick = <T, U>(f: Fact<T>, get: (value: T) => U | undefined, what: Saying): Fact<U> => {
  if (!f.ok) return f;
  const value = get(f.value);
  return value === undefined
    ? { ok: false, error: say('preflight.notReported', { what }) }
    : { ok: true, value };
};

/** Names in Service Quotas: the services, and the VPC quota's code. */
const ELB = 'Elastic Load Balancing';
const RDS = 'Amazon RDS';
const VPCS_PER_REGION = 'vpc L-F678F1CE';

function quotaChecks(facts: AccountFacts, s: PreflightSettings): PreflightCheck[] {
  const region = s.region;
  const rds = (name: string, part: 'used' | 'max') =>
    pick(facts.rdsQuotas, (q) => q[name]?.[part], `RDS ${name}`);
  const elb = (name: string) => pick(facts.elbLimits, (l) => l[name], `ELB ${name}`);
  const awsDefault = facts.vpcQuota.ok && !facts.vpcQuota.value.applied;
  return [
    judgeQuota({
      id: 'vpcs',
      what: say('preflight.vpcs', { region, awsDefault }),
      used: facts.vpcCount,
      max: pick(facts.vpcQuota, (q) => q.value, say('preflight.vpcQuota')),
      need: 1,
      fix: say('preflight.fixVpcs', { code: VPCS_PER_REGION }),
    }),
    judgeQuota({
      id: 'load-balancers',
      what: say('preflight.loadBalancers', { region }),
      used: facts.albCount,
      max: elb('application-load-balancers'),
      need: 1,
      fix: say('preflight.fixLoadBalancers', { service: ELB }),
    }),
    judgeQuota({
      id: 'target-groups',
      what: say('preflight.targetGroups', { region }),
      used: facts.targetGroupCount,
      max: elb('target-groups'),
      need: 1,
      fix: say('preflight.fixTargetGroups', { service: ELB }),
    }),
    judgeQuota({
      id: 'db-instances',
      what: say('preflight.dbInstances', { region }),
      used: rds('DBInstances', 'used'),
      max: rds('DBInstances', 'max'),
      need: 1,
      fix: say('preflight.fixDbInstances', { service: RDS }),
    }),
    judgeQuota({
      id: 'db-subnet-groups',
      what: say('preflight.dbSubnetGroups', { region }),
      used: rds('DBSubnetGroups', 'used'),
      max: rds('DBSubnetGroups', 'max'),
      need: 1,
      fix: say('preflight.fixDbSubnetGroups', { service: RDS }),
    }),
    judgeQuota({
      id: 'db-storage',
      what: say('preflight.dbStorage', { region }),
      used: rds('AllocatedStorage', 'used'),
      max: rds('AllocatedStorage', 'max'),
      need: s.dbAllocatedStorageGb,
      unit: 'GiB',
      fix: say('preflight.fixDbStorage', { service: RDS }),
    }),
  ];
}

/** `8.4` asks for any 8.4.x (RDS picks the minor); a full version asks for itself. */
function versionMatches(wanted: string, version: string): boolean {
  return version === wanted || version.startsWith(`${wanted}.`);
}

interface Offerings {
  /** Available AZs of the region, in the region's order. */
  zones?: string[];
  typeZones?: string[];
  dbZones?: string[];
}

/** What each AZ offers, from the facts that could be read (unknown ones restrict nothing). */
function offerings(facts: AccountFacts, s: PreflightSettings, multiAz: MultiAzMode): Offerings {
  const dbZones = facts.dbOptions.ok
    ? [
        ...new Set(
          facts.dbOptions.value
            .filter(
              (o) =>
                versionMatches(s.engineVersion, o.engineVersion) && (multiAz === 'off' || o.multiAzCapable),
            )
            .flatMap((o) => o.zones),
        ),
      ]
    : undefined;
  return {
    zones: facts.zones.ok
      ? facts.zones.value.filter((z) => z.state === 'available').map((z) => z.name)
      : undefined,
    typeZones: facts.instanceTypeZones.ok ? facts.instanceTypeZones.value : undefined,
    dbZones,
  };
}

/** Two AZs that offer everything: the configured ones that do, then the region's others in order. */
export function suggestAzs(o: Offerings, configured: readonly string[]): [string, string] | undefined {
  const all = o.zones ?? [...new Set([...(o.typeZones ?? []), ...(o.dbZones ?? [])])].sort();
  const good = all.filter(
    (z) =>
      (!o.typeZones || o.typeZones.includes(z)) &&
      (!o.dbZones || o.dbZones.includes(z)) &&
      (!o.zones || o.zones.includes(z)),
  );
  const ordered = [
    ...configured.filter((z) => good.includes(z)),
    ...good.filter((z) => !configured.includes(z)),
  ];
  return ordered.length >= 2 ? [ordered[0], ordered[1]] : undefined;
}

function zoneChecks(
  facts: AccountFacts,
  s: PreflightSettings,
  multiAz: MultiAzMode,
): {
  checks: PreflightCheck[];
  suggested?: [string, string];
} {
  const o = offerings(facts, s, multiAz);
  const suggested = suggestAzs(o, s.azs);
  const db = say('preflight.db', {
    version: s.engineVersion,
    dbClass: s.dbClass,
    multiAz: multiAz !== 'off',
  });
  const fix = suggested
    ? say('preflight.fixAzs', { azs: suggested })
    : say('preflight.fixRegion', { region: s.region });
  const azs = [...s.azs];
  const judge = (
    id: PreflightCheck['id'],
    offered: string[] | undefined,
    error: Saying | undefined,
    what: Saying,
    okText: Said,
    missingText: (missing: string[]) => Said,
  ): PreflightCheck => {
    if (!offered)
      return {
        id,
        status: 'unknown',
        text: say('preflight.notChecked', { what, error: error ?? say('preflight.noAnswer') }),
      };
    const missing = s.azs.filter((az) => !offered.includes(az));
    if (missing.length === 0) return { id, status: 'ok', text: okText };
    return refusedCheck(id, missingText(missing), fix);
  };
  const err = <T>(f: Fact<T>) => (f.ok ? undefined : f.error);
  const checks = [
    judge(
      'azs',
      o.zones,
      err(facts.zones),
      say('preflight.azs', { azs }),
      say('preflight.available', { what: say('preflight.azs', { azs }) }),
      (missing) => {
        const known = facts.zones.ok ? facts.zones.value : [];
        const reasons = missing.map((az) => {
          const zone = known.find((z) => z.name === az);
          return zone
            ? say('preflight.azInState', { az, state: zone.state })
            : say('preflight.azMissing', { az });
        });
        return say('preflight.azsUnusable', { reasons, region: s.region, available: o.zones ?? [] });
      },
    ),
    judge(
      'instance-type',
      o.typeZones,
      err(facts.instanceTypeZones),
      s.instanceType,
      say('preflight.offeredIn', { what: s.instanceType, azs }),
      (missing) =>
        say('preflight.typeNotOffered', { type: s.instanceType, missing, offered: o.typeZones ?? [] }),
    ),
    judge(
      'db-offering',
      o.dbZones,
      err(facts.dbOptions),
      db,
      say('preflight.orderableIn', { what: db, azs }),
      (missing) =>
        o.dbZones && o.dbZones.length === 0
          ? say('preflight.dbNotInRegion', { db, region: s.region })
          : say('preflight.dbNotOrderable', { db, missing, orderable: o.dbZones ?? [] }),
    ),
  ];
  const refusedByZone = checks.some((c) => c.status === 'refused');
  return { checks, ...(refusedByZone && suggested ? { suggested } : {}) };
}

/** The refused checks as one line: problems that share a fix (the AZ ones) are named before it once. */
function oneLine(refused: readonly PreflightCheck[]): Said {
  const byFix = new Map<string, { fix: Saying; problems: Said[] }>();
  for (const c of refused) {
    const key = JSON.stringify(c.fix ?? '');
    const group = byFix.get(key) ?? { fix: c.fix ?? '', problems: [] };
    group.problems.push(c.problem ?? c.text);
    byFix.set(key, group);
  }
  return say('preflight.refusal', {
    groups: [...byFix.values()].map((g) => say('preflight.sharedFix', g)),
  });
}

/** Judges the facts for a create with these settings: pure, so every rule is tested without AWS. */
export function evaluatePreflight(
  facts: AccountFacts,
  settings: PreflightSettings,
  multiAz: MultiAzMode,
): PreflightReport {
  const zones = zoneChecks(facts, settings, multiAz);
  const checks = [...quotaChecks(facts, settings), ...zones.checks];
  const refused = checks.filter((c) => c.status === 'refused');
  return {
    ok: refused.length === 0,
    checks,
    ...(refused.length > 0 ? { refusal: oneLine(refused) } : {}),
    ...(zones.suggested ? { suggestedAzs: zones.suggested } : {}),
  };
}

/** Reads and judges: what the create step, the CLI, the bot and `sitebot init` call. */
export async function runPreflight(
  limits: AccountLimitsAdapter,
  settings: PreflightSettings,
  multiAz: MultiAzMode,
): Promise<PreflightReport> {
  return evaluatePreflight(await gatherAccountFacts(limits, settings), settings, multiAz);
}

/**
 * runPreflight for callers that may ask many times at once (a bot taking a burst of creates):
 * calls made while one for the same Multi-AZ mode is under way share its answer, so a burst
 * costs one round of reads. Nothing is kept after it answers: every later call reads afresh.
 */
export function sharedPreflight(
  limits: AccountLimitsAdapter,
  settings: PreflightSettings,
): (multiAz: MultiAzMode) => Promise<PreflightReport> {
  const inFlight = new Map<MultiAzMode, Promise<PreflightReport>>();
  return (multiAz) => {
    let pending = inFlight.get(multiAz);
    if (!pending) {
      pending = runPreflight(limits, settings, multiAz).finally(() => inFlight.delete(multiAz));
      inFlight.set(multiAz, pending);
    }
    return pending;
  };
}

/** "9 checks passed", "8 passed, 1 not checked: …": the step's note. */
export function summarizePreflight(report: PreflightReport): Said {
  const unknown = report.checks.filter((c) => c.status === 'unknown');
  const n = report.checks.filter((c) => c.status === 'ok').length;
  if (unknown.length === 0) return say('preflight.allPassed', { n });
  return say('preflight.somePassed', { n, unchecked: unknown.map((c) => c.text) });
}
