/**
 * The reminder scheduler (src/workflows/remind/scheduler.ts) over 10,000 environments in
 * DynamoDB (dynalite): time per pass, DynamoDB reads and items read per pass, writes (claims).
 * Expiries are spread over the next 48 h, so each pass has a few hundred warnings to claim
 * and send; the notifier only counts. Passes run 10 virtual minutes apart, as the schedule does.
 *
 *   npx tsx bench/scale/reminders.ts [--envs 10000] [--passes 3] [--json]
 */
import { createStateStore } from '../../src/state';
import { seededRandom } from '../../src/sandbox/aws/random';
import { defaultReminderSettings, runReminderPass, type ReminderNotifier } from '../../src/workflows/remind';
import { startDynalite } from '../../test/helpers/dynalite';
import { attachDynamoLedger, peakRssMb } from './write-ledger';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const HOUR = 3_600_000;

async function main(): Promise<void> {
  const envs = arg('envs', 10_000);
  const passes = arg('passes', 3);
  const db = await startDynalite();
  const store = createStateStore(db.doc, db.prefix);
  const t0 = Date.UTC(2026, 10, 27, 9, 0, 0);

  const seedStart = Date.now();
  const random = seededRandom(10_000);
  const expiries = Array.from({ length: envs }, () => Math.floor(random() * 48 * 60));
  let next = 0;
  const seedOne = async (): Promise<void> => {
    for (let i = next++; i < envs; i = next++) {
      const env = {
        name: `env-${i}`,
        channel: `C${i % 50}`,
        owner: `U${i % 200}`,
        status: 'ready' as const,
        region: 'ap-northeast-1',
        multiAz: 'now' as const,
        createdAt: t0 - HOUR,
        updatedAt: t0 - HOUR,
        // Spread uniformly over the next 48 h (seeded): ~4 % inside the 2 h warning window.
        expiresAt: t0 + expiries[i] * 60_000 + 60_000,
        resources: {},
        outputs: {},
      };
      await store.environments.create(env);
    }
  };
  await Promise.all(Array.from({ length: 16 }, seedOne));
  const seedS = (Date.now() - seedStart) / 1000;

  const ledger = attachDynamoLedger(db.client);
  const sent = { warn: 0, overdue: 0, auto: 0, digest: 0 };
  const notifier: ReminderNotifier = {
    warnExpiry: async () => sent.warn++ >= 0,
    reportOverdue: async () => sent.overdue++ >= 0,
    reportAutoDestroy: async () => sent.auto++ >= 0,
    postDigest: async () => sent.digest++ >= 0,
  };
  const rows = [];
  for (let p = 0; p < passes; p++) {
    const before = { ...ledger };
    const now = t0 + p * 10 * 60_000;
    const started = process.hrtime.bigint();
    const result = await runReminderPass({
      store,
      notifier,
      startDestroy: async () => ({ started: false, reason: 'benchmark' }),
      settings: defaultReminderSettings,
      now: () => now,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    rows.push({
      pass: p + 1,
      ms: Math.round(ms),
      examined: result.examined,
      warned: result.warned,
      reads: ledger.reads - before.reads,
      itemsRead: ledger.itemsRead - before.itemsRead,
      writes: ledger.writes - before.writes,
    });
  }
  const out = { envs, seedS: +seedS.toFixed(1), passes: rows, peakRssMb: Math.round(peakRssMb()) };
  if (process.argv.includes('--json')) console.log(JSON.stringify(out));
  else console.log(JSON.stringify(out, null, 2));
  await db.close();
}

void main();
