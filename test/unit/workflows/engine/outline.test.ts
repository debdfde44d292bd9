import { implementOutline, outlineStep } from '../../../../src/workflows/engine/outline';
import type { WorkflowOutline } from '../../../../src/workflows/engine/types';

const OUTLINE: WorkflowOutline = {
  kind: 'create',
  steps: [
    { id: 'a', title: 'Step A', needs: [] },
    { id: 'b', title: 'Step B', needs: ['a'] },
  ],
};
const run = async () => ({ status: 'done' as const });

describe('outlineStep', () => {
  it('gives the metadata of the step with that id', () => {
    expect(outlineStep(OUTLINE, 'b')).toEqual({ id: 'b', title: 'Step B', needs: ['a'] });
  });

  it('names the workflow and the id it does not know', () => {
    expect(() => outlineStep(OUTLINE, 'c')).toThrow('create outline has no step "c"');
  });
});

describe('implementOutline', () => {
  const a = { ...OUTLINE.steps[0], run };
  const b = { ...OUTLINE.steps[1], run };

  it('returns the steps when they are the outline, in its order', () => {
    const steps = [a, b];
    expect(implementOutline(OUTLINE, steps)).toBe(steps);
  });

  it.each([
    ['out of order', [b, a], '#1: expected a ← [], got b ← [a]'],
    ['a step missing', [a], '#2: expected b ← [a], got (none)'],
    ['a step too many', [a, b, { ...b, id: 'c' }], '#3: expected (none), got c ← [a]'],
    ['other needs', [a, { ...b, needs: [] }], 'got b ← []'],
  ])('refuses steps that differ from the outline: %s', (_, steps, message) => {
    expect(() => implementOutline(OUTLINE, steps)).toThrow(message);
  });

  // People read titles from the catalogues (each language's, checked by the catalogue test);
  // an outline's title is a name for logs, so it is not part of what must match.
  it('compares ids and needs, not titles', () => {
    const steps = [a, { ...b, title: 'Renamed' }];
    expect(implementOutline(OUTLINE, steps)).toBe(steps);
  });

  it('lists several needs apart, so needs that only read alike differ', () => {
    const outline: WorkflowOutline = {
      kind: 'create',
      steps: [{ id: 'c', title: 'Step C', needs: ['ab'] }],
    };
    expect(() => implementOutline(outline, [{ id: 'c', title: 'Step C', needs: ['a', 'b'], run }])).toThrow(
      'create steps differ from their outline at #1: expected c ← [ab], got c ← [a, b]',
    );
  });
});
