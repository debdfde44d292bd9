/**
 * 50 environments created at once on the AWS emulator with 10 % of AWS calls throttled, state
 * on dynalite, one worker (runner) driving every run on virtual time. Reports: all complete?,
 * virtual wall time, AWS API calls (attempts) and throttles absorbed, DynamoDB writes per env,
 * peak RSS of this process (emulator + dynalite + worker all in it).
 *
 *   npx tsx bench/scale/many-creates.ts [--envs 50] [--throttle 0.1] [--json]
 */
import { createStateStore } from '../../src/state';
import { startDynalite } from '../../test/helpers/dynalite';
import { SLOW_CREATE_POLL, startCreate } from '../../test/integration/workflows/destroy/harness';
import { inventory, startReliabilityHarness } from '../../test/reliability/harness';
import { attachDynamoLedger, peakRssMb } from './write-ledger';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const envs = arg('envs', 50);
  const throttleRate = arg('throttle', 0.1);
  const db = await startDynalite();
  const ledger = attachDynamoLedger(db.client);
  const h = await startReliabilityHarness({
    createPoll: SLOW_CREATE_POLL,
    store: createStateStore(db.doc, db.prefix),
  });
  let throttles = 0;
  const pick = h.emu.world.faults.pick.bind(h.emu.world.faults);
  h.emu.world.faults.pick = (...args: Parameters<typeof pick>) => {
    const fault = pick(...args);
    if (fault) throttles++;
    return fault;
  };
  h.emu.world.faults.set({ throttleRate, seed: 50 });
  const worker = h.worker();
  const names = Array.from({ length: envs }, (_, i) => `load-${String(i + 1).padStart(2, '0')}`);
  const startVirtual = h.clock.now();
  const startReal = Date.now();
  const runIds: string[] = [];
  for (const name of names) {
    runIds.push((await startCreate(h, name, worker)).runId);
  }
  await worker.scheduler.drain(200_000);
  const virtualMs = h.clock.now() - startVirtual;
  const runs = await Promise.all(runIds.map((id) => h.store.runs.get(id)));
  const succeeded = runs.filter((r) => r?.status === 'succeeded').length;
  const failed = runs
    .filter((r) => r?.status !== 'succeeded')
    .map((r) => `${r?.env}: ${r?.status} ${r?.summary?.error ?? ''}`);
  const apiCalls = [...h.emu.world.calls.values()].reduce((a, b) => a + b, 0);
  const inv = inventory(h);
  const result = {
    envs,
    throttleRate,
    succeeded,
    failed,
    virtualWallMin: +(virtualMs / 60_000).toFixed(1),
    realWallS: +((Date.now() - startReal) / 1000).toFixed(1),
    apiCalls,
    apiCallsPerEnv: +(apiCalls / envs).toFixed(1),
    throttlesAbsorbed: throttles,
    dynamoWrites: ledger.writes,
    dynamoWritesPerEnv: +(ledger.writes / envs).toFixed(1),
    instances: inv['ec2:instance'] ?? 0,
    vpcs: inv['ec2:vpc'] ?? 0,
    dbInstances: inv['rds:db-instance'] ?? 0,
    peakRssMb: Math.round(peakRssMb()),
  };
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else console.log(result);
  await h.close();
  await db.close();
  if (succeeded !== envs) process.exitCode = 1;
}

void main();
