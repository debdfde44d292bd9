/**
 * Teardown pace: on the AWS emulator with its calibrated durations (src/sandbox/aws/durations.ts),
 * create an environment, then destroy it through the real runner, the emulator's virtual clock
 * driven tick by tick. Reports the teardown's virtual wall time against its lower bound, the
 * longest chain of waits AWS imposes (destroyLowerBound): target ratio ≤ 1.10.
 *
 *   npx tsx bench/destroy/run.ts                 # default durations and a few linger variants
 *   npx tsx bench/destroy/run.ts --json
 */
import { defaultDurations, type Durations } from '../../src/sandbox/aws/durations';
import { destroyLowerBound } from '../../src/workflows/destroy/plan';
import { receiptOf } from '../../src/workflows/destroy/receipt';
import {
  createFully,
  destroyFully,
  startHarness,
  taggedFor,
} from '../../test/integration/workflows/destroy/harness';

interface Case {
  name: string;
  durations?: Partial<Durations>;
}

const CASES: Case[] = [
  { name: 'default durations (DB delete 6 min, ALB ENIs linger 5 min)' },
  { name: 'ALB ENIs linger 10 min (longer than the DB delete)', durations: { albEniLinger: 10 * 60_000 } },
  { name: 'slow DB delete (12 min)', durations: { dbDelete: 12 * 60_000 } },
  {
    name: 'fast everything (DB 2 min, ENIs 1 min)',
    durations: { dbDelete: 2 * 60_000, albEniLinger: 60_000 },
  },
  // Off the poll grid (polls at 5 s, 10 s, then every 15 s): the overshoot shows.
  {
    name: 'irregular (DB 6m07s, ENIs 5m23s, shutdown 47s)',
    durations: { dbDelete: 367_000, albEniLinger: 323_000, instanceShuttingDown: 47_000 },
  },
  {
    name: 'irregular, ENIs last (DB 4m01s, ENIs 7m53s)',
    durations: { dbDelete: 241_000, albEniLinger: 473_000 },
  },
];

interface Row {
  case: string;
  virtualMs: number;
  lowerBoundMs: number;
  ratio: number;
  criticalPath: string;
  deleted: number;
  remaining: number;
  apiCalls: number;
  realMs: number;
}

async function measure(c: Case): Promise<Row> {
  const h = await startHarness();
  // The harness's emulator takes durations from the world: apply this case's.
  Object.assign(h.emu.world.durations, c.durations ?? {});
  try {
    await createFully(h, 'bench');
    const calls0 = [...h.emu.world.calls.values()].reduce((a, b) => a + b, 0);
    const t0 = h.clock.now();
    const real0 = performance.now();
    const run = await destroyFully(h, 'bench');
    const realMs = performance.now() - real0;
    const virtualMs = (run.finishedAt ?? h.clock.now()) - t0;
    if (run.status !== 'succeeded') throw new Error(`destroy ended ${run.status}: ${run.summary?.error}`);
    const left = taggedFor(h, 'bench');
    if (left.length > 0) throw new Error(`left behind: ${left.map((r) => r.id).join(', ')}`);
    const bound = destroyLowerBound({ ...defaultDurations, ...c.durations });
    const receipt = receiptOf(run.summary);
    return {
      case: c.name,
      virtualMs,
      lowerBoundMs: bound.totalMs,
      ratio: virtualMs / bound.totalMs,
      criticalPath: bound.path.join(' → '),
      deleted: receipt?.deleted.length ?? 0,
      remaining: receipt?.remaining.length ?? -1,
      apiCalls: [...h.emu.world.calls.values()].reduce((a, b) => a + b, 0) - calls0,
      realMs,
    };
  } finally {
    await h.close();
  }
}

const fmt = (ms: number) => `${(ms / 60_000).toFixed(2)} min`;

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const c of CASES) rows.push(await measure(c));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log(
      '| case | teardown (virtual) | lower bound | ratio | deleted | left | API calls | real time |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of rows)
      console.log(
        `| ${r.case} | ${fmt(r.virtualMs)} | ${fmt(r.lowerBoundMs)} | ${r.ratio.toFixed(3)} | ${r.deleted} | ${r.remaining} | ${r.apiCalls} | ${(r.realMs / 1000).toFixed(1)} s |`,
      );
    console.log(`\ncritical path (default): ${rows[0].criticalPath}`);
  }
  const worst = Math.max(...rows.map((r) => r.ratio));
  if (worst > 1.1) {
    console.error(`ratio ${worst.toFixed(3)} > 1.10`);
    process.exitCode = 1;
  }
}

void main();
