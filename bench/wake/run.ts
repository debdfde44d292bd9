/**
 * Wake pace and what office hours save. On the AWS emulator with its calibrated durations
 * (src/sandbox/aws/durations.ts): create an environment, put it to sleep, then wake it through
 * the real runner, the emulator's virtual clock driven tick by tick. Reports the wake's virtual
 * time (the run's start until the site answered 200) against its lower bound — the DB's start
 * and the web servers' start, boot and first passing health check, in parallel — target ratio
 * ≤ 1.05. Then, from the estimator with the shipped Tokyo prices, the daily cost of an env on
 * 09:00–19:00 weekdays against one always on.
 *
 *   npx tsx bench/wake/run.ts
 *   npx tsx bench/wake/run.ts --json
 */
import { sleepRates } from '../../src/cost/sleep-usage';
import { specEnvironmentUsage } from '../../src/cost/estimator';
import { defaultDurations, type Durations } from '../../src/sandbox/aws/durations';
import type { OfficeHours } from '../../src/state/power';
import { startPower } from '../../src/workflows/power';
import { DEFAULT_CREATE_CONFIG } from '../../src/workflows/create/deps';
import { awakeMs } from '../../src/workflows/remind/office-hours';
import { startPowerHarness, type PowerHarness } from '../../test/integration/workflows/power/harness';
import { english } from '../../src/i18n/english';

interface Case {
  name: string;
  multiAz: boolean;
  durations?: Partial<Durations>;
}

const CASES: Case[] = [
  { name: 'default durations, Multi-AZ (DB start 7 min)', multiAz: true },
  { name: 'default durations, single-AZ', multiAz: false },
  { name: 'slow DB start (25 min)', multiAz: true, durations: { dbStart: 25 * 60_000 } },
  // The web servers' side is the longer one: pending, boot, then the health check grid.
  { name: 'fast DB start (1 min): web side is the bound', multiAz: true, durations: { dbStart: 60_000 } },
  // Off the poll grid (DB polled every 10 s, instances and targets every 5 s).
  {
    name: 'irregular (DB 6m47s, pending 23s, boot 71s)',
    multiAz: true,
    durations: { dbStart: 407_000, instancePending: 23_000, instanceBoot: 71_000 },
  },
];

/** The least a wake can take: the DB's start, alongside start + boot + the first passing health check. */
export function wakeLowerBound(d: Durations): { totalMs: number; path: string } {
  const health = Math.ceil(d.instanceBoot / d.healthCheckInterval) * d.healthCheckInterval;
  const web = d.instancePending + Math.max(health, d.healthCheckInterval);
  return d.dbStart >= web
    ? { totalMs: d.dbStart, path: 'StartDBInstance → available' }
    : { totalMs: web, path: 'StartInstances → running → boot → healthy' };
}

interface Row {
  case: string;
  sleepMs: number;
  wakeMs: number;
  lowerBoundMs: number;
  ratio: number;
  path: string;
  apiCalls: number;
  realMs: number;
}

async function power(h: PowerHarness, kind: 'sleep' | 'wake') {
  const p = h.powerProcess();
  const started = await startPower(p.service, h.store, {
    kind,
    env: 'bench',
    requestedBy: 'bench',
    channel: 'C1',
  });
  if (!started.ok) throw new Error(english(started.message));
  await p.scheduler.drain(5_000);
  const run = (await h.store.runs.get(started.run.runId))!;
  if (run.status !== 'succeeded')
    throw new Error(`${kind} ended ${run.status}: ${String(run.summary?.message)}`);
  return run;
}

async function measure(c: Case): Promise<Row> {
  const h = await startPowerHarness();
  Object.assign(h.emu.world.durations, c.durations ?? {});
  try {
    await h.createEnv('bench', c.multiAz ? 'now' : 'off');
    const slept = await power(h, 'sleep');
    const calls0 = [...h.emu.world.calls.values()].reduce((a, b) => a + b, 0);
    const real0 = performance.now();
    const woke = await power(h, 'wake');
    const realMs = performance.now() - real0;
    const bound = wakeLowerBound({ ...defaultDurations, ...c.durations });
    const wakeMs = Number(woke.summary?.wakeMs);
    return {
      case: c.name,
      sleepMs: (slept.finishedAt ?? 0) - slept.createdAt,
      wakeMs,
      lowerBoundMs: bound.totalMs,
      ratio: wakeMs / bound.totalMs,
      path: bound.path,
      apiCalls: [...h.emu.world.calls.values()].reduce((a, b) => a + b, 0) - calls0,
      realMs,
    };
  } finally {
    await h.close();
  }
}

/** Daily cost on office hours (averaged over a week) against always on, Tokyo prices. */
function dailyCosts() {
  const config = { region: 'ap-northeast-1', ...DEFAULT_CREATE_CONFIG };
  const rates = sleepRates(
    specEnvironmentUsage({
      region: config.region,
      instanceType: config.instanceType,
      dbInstanceClass: config.dbClass,
      multiAz: true,
      dbStorageGb: config.dbAllocatedStorageGb,
    }),
    { now: 0 },
  );
  const hours: OfficeHours = {
    start: 540,
    end: 1140,
    days: [1, 2, 3, 4, 5],
    timeZone: 'Asia/Tokyo',
    setAt: 0,
  };
  const week = 7 * 86_400_000;
  const monday = Date.parse('2026-01-04T15:00Z'); // 00:00 JST
  const awakeShare = awakeMs(hours, monday, monday + week) / week;
  const perDay = (share: number) => rates.asleep.perDay + share * (rates.awake.perDay - rates.asleep.perDay);
  return {
    alwaysOn: rates.awake.perDay,
    asleep: rates.asleep.perDay,
    weekday: perDay(10 / 24),
    weekendDay: rates.asleep.perDay,
    officeHoursAverage: perDay(awakeShare),
    saving: 1 - perDay(awakeShare) / rates.awake.perDay,
  };
}

const fmt = (ms: number) => `${(ms / 60_000).toFixed(2)} min`;
const usd = (n: number) => `$${n.toFixed(2)}`;

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const c of CASES) rows.push(await measure(c));
  const costs = dailyCosts();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ rows, costs }, null, 2));
  } else {
    console.log(
      '| case | sleep (virtual) | wake (virtual) | lower bound | ratio | bound | API calls | real time |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of rows)
      console.log(
        `| ${r.case} | ${fmt(r.sleepMs)} | ${fmt(r.wakeMs)} | ${fmt(r.lowerBoundMs)} | ${r.ratio.toFixed(3)} | ${r.path} | ${r.apiCalls} | ${(r.realMs / 1000).toFixed(1)} s |`,
      );
    console.log(
      `\nDaily cost, ap-northeast-1, Multi-AZ: always on ${usd(costs.alwaysOn)}/day; asleep ${usd(costs.asleep)}/day; ` +
        `09:00–19:00 weekdays: ${usd(costs.weekday)} a weekday, ${usd(costs.weekendDay)} a weekend day, ` +
        `${usd(costs.officeHoursAverage)}/day on average (${(costs.saving * 100).toFixed(0)}% less)`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.ratio));
  if (worst > 1.05) {
    console.error(`ratio ${worst.toFixed(3)} > 1.05`);
    process.exitCode = 1;
  }
}

void main();
