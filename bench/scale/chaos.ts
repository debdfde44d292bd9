/**
 * Issue 9's chaos run: 20 seeded create → destroy runs, the worker killed at random points
 * (before a step, after its AWS call, before its id is recorded, before a save). Prints per
 * seed the kills, whether both runs completed, duplicates (ids minted beyond SPEC's) and
 * leftovers; exits 1 on any failure.
 *
 *   npx tsx bench/scale/chaos.ts [--seeds 20] [--chance 0.02] [--max-kills 3] [--throttle 0.1]
 */
import { chaosRun, SPEC_MINTED } from '../../test/reliability/chaos';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const seeds = arg('seeds', 20);
  const killChance = arg('chance', 0.02);
  const maxKills = arg('max-kills', 3);
  const throttleRate = arg('throttle', 0);
  const started = Date.now();
  let failures = 0;
  let totalKills = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const r = await chaosRun(seed, { killChance, maxKills, throttleRate });
    const duplicates = Object.entries(SPEC_MINTED).reduce(
      (n, [k, want]) => n + Math.max(0, (r.minted[k as keyof typeof SPEC_MINTED] ?? 0) - want),
      0,
    );
    const leftovers = Object.values(r.leftovers).reduce((a, b) => a + b, 0) + r.taggedLeftovers;
    const ok = r.create === 'succeeded' && r.destroy === 'succeeded' && duplicates === 0 && leftovers === 0;
    if (!ok) failures++;
    totalKills += r.kills.length;
    console.log(
      `seed ${String(seed).padStart(2)}  kills ${r.kills.length}  create ${r.create}  destroy ${r.destroy}  ` +
        `duplicates ${duplicates}  leftovers ${leftovers}  ${ok ? 'ok' : 'FAIL'}  [${r.kills.join(', ')}]`,
    );
  }
  console.log(
    `\n${seeds} runs, ${totalKills} kills, ${failures} failed, wall ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (failures > 0) process.exitCode = 1;
}

void main();
