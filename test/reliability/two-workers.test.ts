/**
 * Two workers tick the same create run at the same moments, state on dynalite (the real
 * conditional writes): every tick one of them wins the lease and the other backs off (busy);
 * the run succeeds and no step made its resource twice.
 */
import { createStateStore } from '../../src/state';
import type { TickOutcome } from '../../src/workflows/engine/runner';
import { startDynalite, type DynaliteHandle } from '../helpers/dynalite';
import { SLOW_CREATE_POLL, startCreate } from '../integration/workflows/destroy/harness';
import {
  duplicatesOf,
  inventory,
  SPEC_INVENTORY,
  startReliabilityHarness,
  type ReliabilityHarness,
} from './harness';

let db: DynaliteHandle;
let h: ReliabilityHarness;

beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await h?.close();
  await db?.close();
});

test('two workers racing every tick of one create run: one wins, the other is busy, no step twice', async () => {
  h = await startReliabilityHarness({
    createPoll: SLOW_CREATE_POLL,
    store: createStateStore(db.doc, db.prefix),
  });
  // Which worker started each step attempt: a step started by both at once would show here.
  const startedBy: { step: string; worker: string; at: number }[] = [];
  const hooks = (worker: string) => ({
    beforeStep: (_run: string, step: string) => void startedBy.push({ step, worker, at: h.clock.now() }),
  });
  const a = h.worker(hooks('a'), 'worker-a');
  const b = h.worker(hooks('b'), 'worker-b');

  const { runId } = await startCreate(h, 'race', a);
  a.scheduler.clear();

  const outcomes: Record<string, number> = {};
  const tally = (who: string, o: TickOutcome) => {
    outcomes[`${who}:${o.outcome}`] = (outcomes[`${who}:${o.outcome}`] ?? 0) + 1;
  };
  let racesWithBusy = 0;
  for (let i = 0; i < 500; i++) {
    const [ra, rb] = await Promise.all([a.runner.tick(runId), b.runner.tick(runId)]);
    tally('a', ra);
    tally('b', rb);
    if (ra.outcome === 'busy' || rb.outcome === 'busy') racesWithBusy++;
    expect(ra.outcome === 'busy' && rb.outcome === 'busy').toBe(false);
    const run = await h.store.runs.get(runId);
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) break;
    a.scheduler.clear();
    b.scheduler.clear();
    h.clock.advance(10_000);
  }

  const run = (await h.store.runs.get(runId))!;
  expect(run.summary?.error).toBeUndefined();
  expect(run.status).toBe('succeeded');
  expect(racesWithBusy).toBeGreaterThan(10);
  expect(inventory(h)).toEqual(SPEC_INVENTORY);
  expect(duplicatesOf(h)).toEqual({});
  const creates = h.creates();
  expect(creates['EC2Client:CreateVpc']).toBe(1);
  expect(creates['EC2Client:RunInstances']).toBe(2);
  expect(creates['RDSClient:CreateDBInstance']).toBe(1);
  // Never two workers starting the same step at the same virtual moment (the hooks did fire).
  expect(startedBy.length).toBeGreaterThan(0);
  const seen = new Set<string>();
  for (const s of startedBy) {
    const key = `${s.step}@${s.at}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
  }
}, 60_000);
