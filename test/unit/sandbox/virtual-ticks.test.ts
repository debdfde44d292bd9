/** The sandbox's ticks in virtual time: with the clock stopped, only the test moves them on. */
import { VirtualClock } from '../../../src/sandbox/aws/clock';
import { VirtualTickScheduler } from '../../../src/sandbox/virtual-ticks';

function setup() {
  const clock = new VirtualClock({ speed: 0, start: 1_000_000 });
  const ticked: string[] = [];
  const scheduler = new VirtualTickScheduler(clock).attach({
    tick: async (runId) => {
      ticked.push(`${runId}@${clock.now()}`);
      // Each tick asks for the next one, 30 s of virtual time later, up to three.
      if (ticked.filter((t) => t.startsWith(runId)).length < 3) await scheduler.schedule(runId, 30_000);
    },
  });
  return { clock, ticked, scheduler };
}

test('a tick due now runs at once; later ones wait for the clock, whatever real time passes', async () => {
  const { clock, ticked, scheduler } = setup();
  await scheduler.schedule('r1', 0);
  await scheduler.idle();
  expect(ticked).toEqual(['r1@1000000']);
  expect(scheduler.nextDue()).toBe(1_030_000);
  await new Promise((r) => setTimeout(r, 50));
  expect(ticked).toHaveLength(1);

  clock.advance(30_000);
  scheduler.runDue();
  await scheduler.idle();
  expect(ticked).toEqual(['r1@1000000', 'r1@1030000']);
  clock.advance(29_999);
  scheduler.runDue();
  await scheduler.idle();
  expect(ticked).toHaveLength(2);
  scheduler.stop();
});

test('asking twice keeps the earliest tick; stop forgets them all', async () => {
  const { clock, scheduler, ticked } = setup();
  await scheduler.schedule('r2', 60_000);
  await scheduler.schedule('r2', 10_000);
  expect(scheduler.nextDue()).toBe(clock.now() + 10_000);
  scheduler.stop();
  expect(scheduler.nextDue()).toBeUndefined();
  clock.advance(60_000);
  scheduler.runDue();
  await scheduler.idle();
  expect(ticked).toEqual([]);
});
