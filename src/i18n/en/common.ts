/** Words many texts share: states of environments and runs, kinds of runs, expiry and cost phrases. */
import { joinMd, type Mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';

type EnvStatus = 'creating' | 'ready' | 'failed' | 'destroying' | 'destroyed';
type RunKind = 'create' | 'destroy' | 'failover';
type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';
type MultiAzMode = 'now' | 'later' | 'off';

const ENV_STATUS: Record<EnvStatus, string> = {
  ready: 'ready',
  creating: 'being created',
  failed: 'failed',
  destroying: 'being torn down',
  destroyed: 'torn down',
};

const RUN_STATUS: Record<RunStatus, string> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

const OUTPUT: Readonly<Record<string, string>> = {
  siteUrl: 'Site',
  dbEndpoint: 'DB endpoint',
  azs: 'AZs',
  multiAz: 'DB Multi-AZ',
  siteCheck: 'Site check',
};

export const common = (f: Formatter) => ({
  envStatus: (s: EnvStatus | string) => ENV_STATUS[s as EnvStatus] ?? s,
  runStatus: (s: RunStatus | string) => RUN_STATUS[s as RunStatus] ?? s,
  /** The run as a noun: `a create`, `the destroy`. */
  kind: (k: RunKind | string) => k,
  multiAz: (m: MultiAzMode | string) =>
    ({ now: 'Multi-AZ (created so)', later: 'Multi-AZ (converted after creation)', off: 'single-AZ' })[
      m as MultiAzMode
    ] ?? m,
  /** `expires in 3h 5m` / `expired 10m ago`: a deadline seen from `now`. */
  expiry: (expiresAt: number, now: number) =>
    expiresAt >= now
      ? `expires in ${f.duration(expiresAt - now)}`
      : `expired ${f.duration(now - expiresAt)} ago`,
  ago: (ms: number) => `${f.duration(ms)} ago`,
  /** `$1.23 so far · $3.40/day` */
  costSoFar: (soFar: number, perDay: number) => `${f.usd(soFar)} so far · ${f.perDay(perDay)}`,
  costFinal: (total: number) => `${f.usd(total)} in all (final)`,
  /** Appended to a cost once sleeping saved money. */
  savedAsleep: (usd: number) => ` · saved ${f.usd(usd)} asleep`,
  costUnknown: () => 'cost unknown',
  /** `$0.1417/h · $3.40/day · $103.45/month` */
  rates: (e: { perHour: number; perDay: number; perMonth: number }) =>
    `${f.perHour(e.perHour)} · ${f.perDay(e.perDay)} · ${f.perMonth(e.perMonth)}`,
  /** What people call each output of a create (never the record's keys). */
  output: (key: string) =>
    OUTPUT[key] ?? key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()),
  /**
   * An output's value as shown: `siteCheck` is only ever recorded when the site was not asked
   * (`off`; older records hold this sentence itself); the others are ids, endpoints and AZs.
   */
  outputValue: (key: string, value: string) =>
    key === 'siteCheck'
      ? 'not checked: the site check was off, so nothing asked the site through the ALB'
      : value,
  unknown: () => '(unknown)',
  /** Sentences one after another: a space between them in English, none in Japanese. */
  sentences: (parts: readonly Mrkdwn[]): Mrkdwn => joinMd(parts, ' '),
  /** Two statements in one line (a notification's text): `4 environments; total …`. */
  clauses: (parts: readonly Mrkdwn[]): Mrkdwn => joinMd(parts, '; '),
});

export type CommonTexts = ReturnType<typeof common>;
