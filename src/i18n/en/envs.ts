/**
 * `/site list`, `/site status` and `/site status <env>` (src/bot/views/environments.ts), and the
 * phrases the digest shares with them: what exists, its state, age, cost and TTL.
 */
import { bold, code, mention, mrkdwn, type Mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';

const environments = (f: Formatter, n: number) =>
  `${n} ${f.plural(n) === 'one' ? 'environment' : 'environments'}`;

export const envs = (f: Formatter) => ({
  output: (a: { label: string; value: Mrkdwn | string }): Mrkdwn => mrkdwn`${a.label}: ${a.value}`,
  tornDown: () => 'torn down',
  /** `*demo* — ready — owner @U1 — age 2h — $1.23 so far · $3.40/day — expires in 22h` */
  summary: (a: {
    env: string;
    status: string;
    owner: string;
    ageMs: number;
    cost?: string;
    ttl: string;
  }): Mrkdwn =>
    mrkdwn`${bold(a.env)} — ${a.status} — owner ${mention(a.owner)} — age ${f.duration(a.ageMs)}${a.cost ? ` — ${a.cost}` : ''} — ${a.ttl}`,
  lastDrill: (a: { headline: string; agoMs?: number }): Mrkdwn =>
    mrkdwn`Last drill: ${a.headline}${a.agoMs !== undefined ? ` (${f.duration(a.agoMs)} ago)` : ''}`,
  drillPhase: (a: {
    phase: string;
    failed: number;
    requests: number;
    outageMs?: number;
    spark?: Mrkdwn;
  }): Mrkdwn =>
    mrkdwn`    ${a.phase}: ${a.failed} of ${a.requests} ${f.plural(a.requests) === 'one' ? 'request' : 'requests'} failed${
      a.outageMs !== undefined ? `, longest outage ${f.duration(a.outageMs)}` : ''
    }${a.spark ? mrkdwn` ${a.spark}` : ''}`,
  /** `4 environments: 3 ready, 1 being created · $9.10/day in all` */
  overview: (a: { n: number; byStatus: { n: number; status: string }[]; perDay?: number }): Mrkdwn =>
    mrkdwn`${environments(f, a.n)}: ${a.byStatus.map((s) => `${s.n} ${s.status}`).join(', ')}${
      a.perDay !== undefined ? ` · ${f.perDay(a.perDay)} in all` : ''
    }`,
  page: (a: { page: number; pages: number; next?: string }): Mrkdwn =>
    mrkdwn`Page ${a.page} of ${a.pages}${a.next ? mrkdwn` — next: ${code(a.next)}` : ''}`,
  noneText: (): Mrkdwn => mrkdwn`No environments.`,
  none: (): Mrkdwn => mrkdwn`No environments. Start one with ${code('/site create <env>')}.`,
  listTitle: (a: { n: number }) => `Environments (${a.n})`,
  listText: (a: { overview: Mrkdwn; names: string }): Mrkdwn => mrkdwn`${a.overview}. ${a.names}`,
  statusTitle: (a: { n: number }) => `Status (${a.n})`,
  runUnderWay: (a: { kind: string; done: number; of: number }): Mrkdwn =>
    mrkdwn`    ${a.kind} under way: ${a.done} of ${a.of} steps done`,
  someRunUnderWay: (): Mrkdwn => mrkdwn`a run is under way`,
  status: (a: { status: string; asleep?: string }): Mrkdwn => mrkdwn`Status: *${a.status}*${a.asleep ?? ''}`,
  officeHours: (a: { hours: string }): Mrkdwn => mrkdwn`Office hours: ${a.hours}`,
  owner: (a: { owner: string }): Mrkdwn => mrkdwn`Owner: ${mention(a.owner)}`,
  region: (a: { region: string; database: string }): Mrkdwn =>
    mrkdwn`Region: ${a.region} · database ${a.database}`,
  created: (a: { at: number; ageMs: number }): Mrkdwn =>
    mrkdwn`Created: ${f.instant(a.at)} (${f.duration(a.ageMs)} ago)`,
  tornDownAt: (a: { at: number }): Mrkdwn => mrkdwn`Torn down: ${f.instant(a.at)}`,
  expires: (a: { at: number; ttl: string }): Mrkdwn => mrkdwn`Expires: ${f.instant(a.at)} (${a.ttl})`,
  cost: (a: { cost: string }): Mrkdwn => mrkdwn`Cost: ${a.cost}`,
  noneLeft: (): Mrkdwn => mrkdwn`Resources: none left`,
  resources: (a: { total: string; what?: string }): Mrkdwn =>
    mrkdwn`Resources: ${a.total}${a.what ? ` — ${a.what}` : ''}`,
  noRun: (): Mrkdwn => mrkdwn`No run in progress.`,
  statusText: (a: { env: string; status: string; ttl: string }): Mrkdwn =>
    mrkdwn`${a.env}: ${a.status}, ${a.ttl}`,
});

export type EnvTexts = ReturnType<typeof envs>;
