import fc from 'fast-check';
import type { StepDefinition } from '../../../../src/workflows/engine/types';
import { setup, workflow } from './fixtures';

/** A random DAG: step i may need any earlier steps; each waits `waits` times before done. */
const dagArb = fc
  .array(fc.record({ waits: fc.integer({ min: 0, max: 2 }), pollMs: fc.integer({ min: 0, max: 5_000 }) }), {
    minLength: 1,
    maxLength: 8,
  })
  .chain((specs) =>
    fc
      .tuple(...specs.map((_, i) => fc.subarray([...Array(i).keys()])))
      .map((needs) => specs.map((s, i) => ({ ...s, needs: needs[i] }))),
  );

describe('runner on random DAGs', () => {
  it('ends succeeded; every call comes after its needs are done; each step is called waits+1 times', async () => {
    await fc.assert(
      fc.asyncProperty(dagArb, fc.integer({ min: 1, max: 4 }), async (dag, maxConcurrentSteps) => {
        const calls = new Map<string, number[]>();
        const doneAt = new Map<string, number>();
        const violations: string[] = [];
        const steps: StepDefinition<unknown>[] = dag.map((spec, i) => ({
          id: `s${i}`,
          title: `s${i}`,
          needs: spec.needs.map((n) => `s${n}`),
          async run(ctx) {
            const mine = calls.get(`s${i}`) ?? [];
            mine.push(ctx.now());
            calls.set(`s${i}`, mine);
            for (const need of spec.needs) {
              const at = doneAt.get(`s${need}`);
              if (at === undefined || at > ctx.now()) violations.push(`s${i} ran before s${need} was done`);
            }
            if (mine.length <= spec.waits) return { status: 'wait', retryInMs: spec.pollMs };
            doneAt.set(`s${i}`, ctx.now());
            return { status: 'done' };
          },
        }));
        const t = setup(workflow(steps), {}, { maxConcurrentSteps });
        const run = await t.startOk();
        await t.scheduler.drain(1_000);
        const final = await t.store.runs.get(run.runId);
        expect(violations).toEqual([]);
        expect(final?.status).toBe('succeeded');
        dag.forEach((spec, i) => expect(calls.get(`s${i}`)).toHaveLength(spec.waits + 1));
        expect(await t.store.locks.get('demo')).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});
