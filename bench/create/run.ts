/**
 * How close `create` runs to the best any schedule could do, on the AWS emulator with its
 * calibrated durations (src/sandbox/aws/durations.ts), in VIRTUAL time:
 *
 *   (a) measured / critical-path lower bound  — criticalPath(createStepDurations(durations)),
 *       the longest chain of the emulator's durations through the step DAG;   target ≤ 1.10
 *   (b) measured / the hands-on's sequential order — the same steps, same engine, same
 *       emulator, each step `needs` the one before it in the hands-on's click order; target ≤ 0.5
 *
 * plus AWS API calls per create (GET /_sandbox/calls), and, in REAL time, what the preflight (the
 * quotas and offerings checked before anything is made) adds to a create (./preflight.ts;
 * target ≤ 1 s). Virtual time is driven deterministically: the
 * emulator's clock stands still (speed 0) and a ManualScheduler jumps one shared virtual clock
 * to each next due tick, so the numbers do not depend on the machine. Poll intervals are the
 * shipped defaults (DEFAULT_CREATE_CONFIG.poll): their quantisation is part of what is measured.
 *
 *   npx tsx bench/create/run.ts [--json] [--irregular] [--poll db=10000,health=5000]
 *
 * `--irregular` uses durations off the poll grid (IRREGULAR below) instead of the calibrated
 * whole minutes, to show the overshoot poll intervals cause on the critical path.
 */
import os from 'node:os';
import { createAwsClients } from '../../src/aws/clients';
import { resolveDurations, type Durations } from '../../src/sandbox/aws/durations';
import { startEmulator, type RunningEmulator } from '../../src/sandbox/aws/server';
import type { MultiAzMode, Run } from '../../src/state/types';
import {
  buildCreateDeps,
  CREATE_STEPS,
  createStepDurations,
  createWorkflow,
  criticalPath,
  DEFAULT_CREATE_CONFIG,
  sequentialSteps,
  type CreateConfig,
} from '../../src/workflows/create';
import { ManualClock, ManualScheduler } from '../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner } from '../../src/workflows/engine/runner';
import { WorkflowService } from '../../src/workflows/engine/service';
import type { WorkflowDefinition } from '../../src/workflows/engine/types';
import { createMemoryStore } from '../../test/helpers/memory-store';
import { formatPreflightResults, measurePreflight } from './preflight';

/** Durations that do not fall on the poll grid (the calibrated ones are whole minutes). */
export const IRREGULAR: Partial<Durations> = {
  instancePending: 37_000,
  instanceBoot: 71_000,
  imageCreate: 4 * 60_000 + 11_000,
  dbCreate: 8 * 60_000 + 7_000,
  dbCreateMultiAz: 12 * 60_000 + 7_000,
  dbModifyMultiAz: 15 * 60_000 + 13_000,
  albProvisioning: 3 * 60_000 + 7_000,
};

/** A ManualClock whose every move also moves the emulator's virtual clock: one time for both. */
class LinkedClock extends ManualClock {
  constructor(private readonly emu: RunningEmulator) {
    super(emu.world.clock.now());
  }

  override set(time: number): void {
    const delta = time - this.now();
    super.set(time);
    if (delta > 0) this.emu.world.clock.advance(delta);
  }

  override advance(ms: number): void {
    super.advance(ms);
    if (ms > 0) this.emu.world.clock.advance(ms);
  }
}

export interface Measurement {
  label: string;
  multiAz: MultiAzMode;
  status: Run['status'];
  /** Virtual ms from the run's creation to its end. */
  virtualMs: number;
  ticks: number;
  apiCalls: number;
  calls: Record<string, number>;
  /** Virtual ms each step took (start → done). */
  stepMs: Record<string, number>;
  error?: string;
}

async function measure(
  label: string,
  workflow: WorkflowDefinition<ReturnType<typeof buildCreateDeps>>,
  multiAz: MultiAzMode,
  durations: Partial<Durations>,
  poll: CreateConfig['poll'],
): Promise<Measurement> {
  const emu = await startEmulator({ port: 0, speed: 0, env: {}, durations });
  const clients = createAwsClients({
    region: emu.world.region,
    endpoints: {
      ec2: emu.url,
      rds: emu.url,
      elbv2: emu.url,
      ssm: emu.url,
      secretsManager: emu.url,
      serviceQuotas: emu.url,
      iam: emu.url,
    },
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  try {
    const store = createMemoryStore();
    const deps = buildCreateDeps({
      clients,
      config: { region: emu.world.region, azs: [`${emu.world.region}a`, `${emu.world.region}c`], poll },
    });
    const clock = new LinkedClock(emu);
    const scheduler = new ManualScheduler(clock);
    const workflows = { create: workflow };
    const runner = new WorkflowRunner({ store, workflows, deps, scheduler, clock, random: () => 0.5 });
    scheduler.attach(runner);
    const service = new WorkflowService({ store, workflows, scheduler, clock });
    await fetch(`${emu.url}/_sandbox/calls`, { method: 'DELETE' });
    const started = await service.startRun({
      kind: 'create',
      env: 'bench',
      requestedBy: 'bench',
      channel: 'bench',
      params: { multiAz },
    });
    if (!started.ok) throw new Error(started.message);
    const ticks = await scheduler.drain(20_000);
    const run = (await store.runs.get(started.run.runId)) as Run;
    const counted = (await (await fetch(`${emu.url}/_sandbox/calls`)).json()) as {
      calls: Record<string, number>;
      total: number;
    };
    const calls = counted.calls;
    const stepMs = Object.fromEntries(
      Object.entries(run.steps).map(([id, s]) => [id, (s.finishedAt ?? 0) - (s.startedAt ?? 0)]),
    );
    return {
      label,
      multiAz,
      status: run.status,
      virtualMs: (run.finishedAt ?? clock.now()) - run.createdAt,
      ticks,
      apiCalls: counted.total,
      calls,
      stepMs,
      ...(run.status === 'succeeded' ? {} : { error: String(run.summary?.error ?? run.status) }),
    };
  } finally {
    for (const c of [
      clients.ec2,
      clients.rds,
      clients.elbv2,
      clients.ssm,
      clients.secretsManager,
      clients.iam,
      clients.serviceQuotas,
    ])
      c.destroy();
    await emu.close();
  }
}

/** `--poll db=10000,lb=5000`: what-if poll intervals (both workflows); default the shipped ones. */
function pollArg(): CreateConfig['poll'] {
  const i = process.argv.indexOf('--poll');
  const poll = { ...DEFAULT_CREATE_CONFIG.poll };
  if (i < 0) return poll;
  for (const pair of (process.argv[i + 1] ?? '').split(',')) {
    const [key, value] = pair.split('=');
    if (!(key in poll) || !(Number(value) > 0)) throw new Error(`--poll: bad setting '${pair}'`);
    poll[key as keyof typeof poll] = Number(value);
  }
  return poll;
}

const minutes = (ms: number) => `${(ms / 60_000).toFixed(2)} min`;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const irregular = process.argv.includes('--irregular');
  const poll = pollArg();
  const sequential: WorkflowDefinition<ReturnType<typeof buildCreateDeps>> = {
    kind: 'create',
    steps: sequentialSteps(CREATE_STEPS),
  };
  const results = [];
  const cases = irregular ? { irregular: IRREGULAR } : { calibrated: {} };
  for (const [durationsName, overrides] of Object.entries(cases))
    for (const multiAz of ['now', 'later'] as const) {
      const durations = createStepDurations(resolveDurations(overrides), multiAz);
      const lowerBound = criticalPath(durations);
      const sequentialBound = criticalPath(durations, sequentialSteps(CREATE_STEPS));
      const parallel = await measure('sitebot DAG', createWorkflow, multiAz, overrides, poll);
      const handsOn = await measure(
        'hands-on order, one step at a time',
        sequential,
        multiAz,
        overrides,
        poll,
      );
      results.push({
        durations: durationsName,
        multiAz,
        lowerBoundMs: lowerBound.totalMs,
        criticalPath: lowerBound.path,
        sequentialBoundMs: sequentialBound.totalMs,
        parallel,
        sequential: handsOn,
        vsLowerBound: parallel.virtualMs / lowerBound.totalMs,
        vsSequential: parallel.virtualMs / handsOn.virtualMs,
      });
    }
  // The hands-on as people do it: its click order AND its Multi-AZ way (single-AZ, then modify),
  // against sitebot's default (created Multi-AZ). Reported beside, never instead of, the same-mode ratios.
  const [now, later] = results;
  const asDone = {
    sitebotNowMs: now.parallel.virtualMs,
    handsOnLaterMs: later.sequential.virtualMs,
    ratio: now.parallel.virtualMs / later.sequential.virtualMs,
  };
  // Real wall time: at loopback speed and at a typical AWS API latency per call.
  const preflight = await measurePreflight([0, 150], 10);
  if (json) {
    console.log(
      JSON.stringify({ date: new Date().toISOString(), poll, results, asDone, preflight }, null, 2),
    );
    return;
  }
  console.log(
    `create benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${os.cpus()[0]?.model ?? ''}`,
  );
  console.log(`poll intervals (ms): ${JSON.stringify(poll)}`);
  for (const r of results) {
    console.log(`\n--multi-az ${r.multiAz} (${r.durations} durations)`);
    console.log(`  critical-path lower bound  ${minutes(r.lowerBoundMs)}  (${r.criticalPath.join(' → ')})`);
    console.log(
      `  sitebot create (measured)   ${minutes(r.parallel.virtualMs)}  ${r.parallel.status}, ${r.parallel.ticks} ticks, ${r.parallel.apiCalls} AWS API calls`,
    );
    console.log(
      `  hands-on order (measured)   ${minutes(r.sequential.virtualMs)}  ${r.sequential.status}, ${r.sequential.ticks} ticks, ${r.sequential.apiCalls} AWS API calls (its lower bound ${minutes(r.sequentialBoundMs)})`,
    );
    console.log(
      `  ratio to lower bound        ${r.vsLowerBound.toFixed(3)}  (target ≤ 1.10: ${r.vsLowerBound <= 1.1 ? 'met' : 'MISSED'})`,
    );
    console.log(
      `  ratio to hands-on order     ${r.vsSequential.toFixed(3)}  (target ≤ 0.50: ${r.vsSequential <= 0.5 ? 'met' : 'MISSED'})`,
    );
    for (const m of [r.parallel, r.sequential]) if (m.error) console.log(`  ${m.label} failed: ${m.error}`);
    const slow = Object.entries(r.parallel.stepMs)
      .filter(([, ms]) => ms > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([id, ms]) => `${id} ${(ms / 1000).toFixed(0)}s`);
    console.log(`  step times (sitebot)        ${slow.join(', ')}`);
    console.log(
      `  API calls by action         ${Object.entries(r.parallel.calls)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
  console.log(
    `\nsitebot default (--multi-az now) vs the hands-on as done (its order, Multi-AZ later): ` +
      `${minutes(asDone.sitebotNowMs)} / ${minutes(asDone.handsOnLaterMs)} = ${asDone.ratio.toFixed(3)}`,
  );
  console.log('\npreflight, real wall time added before anything is made (bench/create/preflight.ts):');
  for (const line of formatPreflightResults(preflight)) console.log(line);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
