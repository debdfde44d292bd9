import { assess, validateWorkflow } from '../../../../src/workflows/engine/dag';
import type { Run } from '../../../../src/state/types';
import { step, workflow } from './fixtures';

describe('validateWorkflow', () => {
  it('rejects duplicates, unknown needs and cycles', () => {
    expect(() => validateWorkflow(workflow([step('a', []), step('a', [])]))).toThrow('duplicate step id "a"');
    expect(() => validateWorkflow(workflow([step('a', ['zz'])]))).toThrow('needs unknown step "zz"');
    expect(() => validateWorkflow(workflow([step('a', ['c']), step('b', ['a']), step('c', ['b'])]))).toThrow(
      'cycle a → c → b → a',
    );
    expect(() => validateWorkflow(workflow([step('a', []), step('b', ['a'])]))).not.toThrow();
  });
});

describe('assess', () => {
  const wf = workflow([step('a', []), step('b', ['a']), step('c', [])]);
  const run = (steps: Run['steps']): Run => ({
    runId: 'r',
    env: 'e',
    kind: 'create',
    status: 'running',
    requestedBy: 'u',
    params: {},
    steps,
    createdAt: 0,
    updatedAt: 0,
    version: 1,
  });

  it('treats steps left running by a dead runner as ready, and reports the earliest wait', () => {
    const a = assess(
      run({
        a: { status: 'running', attempts: 1 },
        b: { status: 'pending', attempts: 0 },
        c: { status: 'waiting', attempts: 1, nextAt: 500 },
      }),
      wf,
      100,
    );
    expect(a).toEqual({ ready: ['a'], nextAt: 500, failedSteps: [] });
  });

  it('fails the run once nothing under way remains after a failure', () => {
    const a = assess(
      run({
        a: { status: 'failed', attempts: 1 },
        b: { status: 'pending', attempts: 0 },
        c: { status: 'done', attempts: 1 },
      }),
      wf,
      100,
    );
    expect(a).toEqual({ ready: [], failedSteps: ['a'], outcome: 'failed' });
  });
});
