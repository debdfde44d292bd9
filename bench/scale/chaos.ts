/**
 * Issue 9's chaos run, made harder for issue 16: 20 seeded create → destroy runs on an
 * eventually consistent emulator, the worker killed at random points (often between a create
 * and the save of its id) and some changing calls answered with a fault after they took
 * effect. Prints per seed the kills, the late faults, whether both runs completed, duplicates
 * (resources of one env and role made more than once, from the emulator's inventory) and
 * leftovers; exits 1 on any failure. `npm run test:slow` runs it.
 *
 *   npx tsx bench/scale/chaos.ts [--seeds 20] [--chance 0.02] [--record-every 3] [--max-kills 3]
 *                                [--after-action 0.05] [--throttle 0.1]
 */
import { chaosRun } from '../../test/reliability/chaos';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const seeds = arg('seeds', 20);
  const options = {
    killChance: arg('chance', 0.02),
    recordKillEvery: arg('record-every', 3),
    maxKills: arg('max-kills', 3),
    afterActionRate: arg('after-action', 0.05),
    throttleRate: arg('throttle', 0),
  };
  const started = Date.now();
  let failures = 0;
  let totalKills = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const r = await chaosRun(seed, options);
    const duplicates = Object.values(r.duplicates).reduce((n, count) => n + count - 1, 0);
    const leftovers = Object.values(r.leftovers).reduce((a, b) => a + b, 0) + r.taggedLeftovers;
    const ok = r.create === 'succeeded' && r.destroy === 'succeeded' && duplicates === 0 && leftovers === 0;
    if (!ok) failures++;
    totalKills += r.kills.length;
    console.log(
      `seed ${String(seed).padStart(2)}  kills ${r.kills.length}  late faults ${r.lateFaults}  create ${r.create}  ` +
        `destroy ${r.destroy}  duplicates ${duplicates}  leftovers ${leftovers}  ${ok ? 'ok' : 'FAIL'}  ` +
        `[${r.kills.join(', ')}]${duplicates ? ` ${JSON.stringify(r.duplicates)}` : ''}`,
    );
  }
  console.log(
    `\n${seeds} runs, ${totalKills} kills, ${failures} failed, wall ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (failures > 0) process.exitCode = 1;
}

void main();
