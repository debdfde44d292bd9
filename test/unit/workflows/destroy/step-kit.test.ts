/**
 * A teardown step with fake units: the ownership guard, waiting with backoff within the
 * budget, ordered units, and the receipt entries it records.
 */
import type { DestroyDeps } from '../../../../src/workflows/destroy/deps';
import type { RemoveOutcome } from '../../../../src/workflows/destroy/outcome';
import type { Candidate, ResourceType } from '../../../../src/workflows/destroy/resources';
import { teardownStep, type Ctx } from '../../../../src/workflows/destroy/step-kit';
import type { Unit } from '../../../../src/workflows/destroy/units/unit';
import { inEnglish } from '../../../helpers/english-said';
import { say } from '../../../../src/i18n/said';

const OWNED = { 'sitebot:env': 'demo', 'sitebot:managed': 'true' };
const T0 = Date.UTC(2026, 10, 27, 5, 0, 0);
const MIN = 60_000;

/** A fake cloud of one type: resources by id; `remove` answers per id (deleted by default). */
class FakeUnit implements Unit {
  readonly removed: string[] = [];
  answers = new Map<string, RemoveOutcome>();
  constructor(
    readonly type: ResourceType,
    readonly items: Map<string, { tags: Record<string, string>; state?: string }>,
  ) {}
  async find(_aws: unknown, input: { env: string; recorded: Readonly<Record<string, string>> }) {
    const recorded = new Set(Object.values(input.recorded));
    return [...this.items.entries()].map(([id, r]): Candidate => ({
      type: this.type,
      id,
      tags: r.tags,
      recorded: recorded.has(id),
      facts: { state: r.state },
    }));
  }
  async remove(_aws: unknown, c: Candidate): Promise<RemoveOutcome> {
    this.removed.push(c.id);
    const answer = this.answers.get(c.id) ?? { kind: 'deleted' };
    if (answer.kind === 'deleted') this.items.delete(c.id);
    return answer;
  }
}

function ctx(
  over: Partial<{
    own: Record<string, unknown>;
    recorded: Record<string, string>;
    attempt: number;
    now: number;
    startedAt: number;
  }> = {},
) {
  const records: Record<string, unknown>[] = [];
  const c = {
    runId: 'demo-destroy-1',
    env: 'demo',
    kind: 'destroy',
    params: {},
    deps: {} as DestroyDeps,
    own: over.own ?? {},
    outputsOf: (id: string) => (id === 'begin' ? { recorded: over.recorded ?? {} } : {}),
    record: async (o: Record<string, unknown>) => {
      records.push(o);
    },
    attempt: over.attempt ?? 1,
    startedAt: over.startedAt ?? T0,
    now: () => over.now ?? T0,
  } as unknown as Ctx;
  return { c, records };
}

describe('teardownStep', () => {
  it('deletes only what carries the env tags; an untagged recorded resource is reported, others ignored', async () => {
    const unit = new FakeUnit(
      'subnet',
      new Map<string, { tags: Record<string, string> }>([
        ['subnet-ours', { tags: OWNED }],
        ['subnet-recorded-untagged', { tags: { Name: 'demo-public-a' } }],
        ['subnet-other-env', { tags: { 'sitebot:env': 'other', 'sitebot:managed': 'true' } }],
        ['subnet-half-tagged', { tags: { 'sitebot:env': 'demo' } }],
      ]),
    );
    const step = teardownStep('subnets', { units: [unit] });
    const { c, records } = ctx({ recorded: { 'subnet-public-a': 'subnet-recorded-untagged' } });
    const result = await step.run(c);
    expect(unit.removed).toEqual(['subnet-ours']);
    expect(inEnglish(result)).toEqual({
      status: 'done',
      note: 'deleted 1 subnet; kept 1 untagged resource',
      outputs: {
        deleting: null,
        deleted: [{ type: 'subnet', id: 'subnet-ours' }],
        skipped: [
          { type: 'subnet', id: 'subnet-recorded-untagged', reason: 'not deleted: not tagged for demo' },
        ],
        waiting: [],
      },
    });
    // The intent is saved before the delete call, the deletion right after it.
    expect(records).toEqual([
      { deleting: { type: 'subnet', id: 'subnet-ours' } },
      { deleted: [{ type: 'subnet', id: 'subnet-ours' }], deleting: null },
    ]);
  });

  it('waits with backoff while AWS says "in use", then fails past its budget saying what remains', async () => {
    const unit = new FakeUnit('vpc', new Map([['vpc-1', { tags: OWNED }]]));
    unit.answers.set('vpc-1', { kind: 'blocked', reason: 'DependencyViolation: has dependencies' });
    const step = teardownStep('vpc', { units: [unit] });

    const first = await step.run(ctx({ attempt: 1 }).c);
    expect(inEnglish(first)).toMatchObject({
      status: 'wait',
      retryInMs: 5_000,
      note: 'vpc vpc-1: DependencyViolation: has dependencies',
    });
    expect(await step.run(ctx({ attempt: 3, now: T0 + 2 * MIN }).c)).toMatchObject({
      status: 'wait',
      retryInMs: 15_000,
    });
    const last = await step.run(ctx({ attempt: 40, now: T0 + 20 * MIN }).c);
    expect(last).toMatchObject({
      status: 'fail',
      error: { code: 'TeardownBudgetExceeded', retryable: false },
    });
    expect(last.status === 'fail' && last.error.message).toMatch(
      /gave up after 20m; still there: vpc vpc-1: DependencyViolation/,
    );
  });

  it('honours a configured budget and poll settings', async () => {
    const unit = new FakeUnit('vpc', new Map([['vpc-1', { tags: OWNED }]]));
    unit.answers.set('vpc-1', { kind: 'blocked', reason: 'DependencyViolation' });
    const step = teardownStep('vpc', { units: [unit] });
    const { c } = ctx({ now: T0 + 2 * MIN });
    (c.deps as DestroyDeps).destroy = { budgetMs: 1 * MIN, pollBaseMs: 1_000 };
    expect(await step.run(c)).toMatchObject({ status: 'fail' });
  });

  it('with ordered units, stops at the first one that still has something left', async () => {
    const image = new FakeUnit('image', new Map([['ami-1', { tags: OWNED, state: 'pending' }]]));
    image.answers.set('ami-1', { kind: 'pending', reason: 'still pending' });
    const snapshot = new FakeUnit('snapshot', new Map([['snap-1', { tags: OWNED }]]));
    const step = teardownStep('image', { units: [image, snapshot] });
    expect(await step.run(ctx().c)).toMatchObject({ status: 'wait' });
    expect(snapshot.removed).toEqual([]);

    const sweep = teardownStep('sweep', {
      units: [image, snapshot],
      ordered: false,
    });
    expect(await sweep.run(ctx().c)).toMatchObject({ status: 'wait' });
    expect(snapshot.removed).toEqual(['snap-1']);
  });

  it('is done only once a deleted resource is really gone (async deletions are polled)', async () => {
    const unit = new FakeUnit('db-instance', new Map([['demo-db', { tags: OWNED, state: 'available' }]]));
    // The delete is accepted but the instance stays listed, `deleting`.
    unit.remove = async (_aws, c) => {
      unit.removed.push(c.id);
      unit.items.set(c.id, { tags: OWNED, state: 'deleting' });
      return { kind: 'deleted' };
    };
    const step = teardownStep('database', { units: [unit] });
    const result = await step.run(ctx().c);
    expect(inEnglish(result)).toMatchObject({
      status: 'wait',
      outputs: {
        deleted: [{ type: 'db-instance', id: 'demo-db' }],
        waiting: [{ id: 'demo-db', reason: 'still deleting' }],
      },
    });
  });

  it('counts a resource an earlier, dead attempt deleted without saving it', async () => {
    const unit = new FakeUnit('subnet', new Map());
    const step = teardownStep('subnets', { units: [unit] });
    const result = await step.run(
      ctx({
        own: { deleting: { type: 'subnet', id: 'subnet-1' }, deleted: [{ type: 'subnet', id: 'subnet-0' }] },
      }).c,
    );
    expect(result).toMatchObject({
      status: 'done',
      outputs: {
        deleted: [
          { type: 'subnet', id: 'subnet-0' },
          { type: 'subnet', id: 'subnet-1' },
        ],
      },
    });
  });

  it('turns an unexpected AWS error into a classified step failure', async () => {
    const unit = new FakeUnit('vpc', new Map([['vpc-1', { tags: OWNED }]]));
    unit.remove = async () => {
      throw Object.assign(new Error('You are not authorized'), { name: 'UnauthorizedOperation' });
    };
    const step = teardownStep('vpc', { units: [unit] });
    expect(await step.run(ctx().c)).toEqual({
      status: 'fail',
      error: {
        code: 'UnauthorizedOperation',
        retryable: false,
        message: 'Delete VPC: UnauthorizedOperation: You are not authorized',
        said: say('work.awsError', { code: 'UnauthorizedOperation', message: 'You are not authorized' }),
      },
    });
  });
});
