import {
  JsonRenderer,
  LinesRenderer,
  TtyRenderer,
  chooseRenderer,
  runDocument,
} from '../../../src/cli/render';
import { progressBar, viewRun } from '../../../src/cli/progress';
import { T0, TITLES, buffer, makeRun } from './fixtures';

const now = () => T0 + 65_000;
/** Cursor movement and clearing sequences, which take no width. */
const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9]*[A-Z]`, 'g');

describe('progress model', () => {
  test('running and waiting are one active phase; elapsed counts to now for active steps', () => {
    const view = viewRun(
      makeRun({
        vpc: { status: 'done', startedAt: T0, finishedAt: T0 + 2_000 },
        subnets: { status: 'waiting', startedAt: T0 + 2_000, note: 'subnets: pending' },
        database: { status: 'running', startedAt: T0 + 5_000 },
      }),
      TITLES,
      now(),
    );
    expect(view.steps.map((s) => [s.id, s.phase, s.elapsedMs])).toEqual([
      ['vpc', 'done', 2_000],
      ['subnets', 'active', 63_000],
      ['database', 'active', 60_000],
    ]);
    expect(view).toMatchObject({ done: 1, total: 3, elapsedMs: 65_000 });
    expect(view.fraction).toBeCloseTo(1 / 3);
  });

  test('bar format', () => {
    expect(progressBar(0.5, 10)).toBe('[#####.....]');
    expect(progressBar(2, 4)).toBe('[####]');
  });
});

describe('LinesRenderer (piped)', () => {
  test('one line per transition, none for repeated polls, then the result and outputs', () => {
    const out = buffer();
    const r = new LinesRenderer(out, TITLES);
    const at = { updatedAt: now() };
    r.update(makeRun({ vpc: { status: 'running', startedAt: T0 } }, at));
    r.update(makeRun({ vpc: { status: 'waiting', startedAt: T0 } }, at));
    r.update(makeRun({ vpc: { status: 'running', startedAt: T0 } }, at));
    r.update(makeRun({ vpc: { status: 'done', startedAt: T0, finishedAt: T0 + 2_000 } }, at));
    const final = makeRun(
      {
        vpc: { status: 'done', startedAt: T0, finishedAt: T0 + 2_000 },
        subnets: {
          status: 'failed',
          startedAt: T0 + 2_000,
          finishedAt: T0 + 3_000,
          error: { message: 'boom', retryable: false },
        },
      },
      { status: 'failed', finishedAt: T0 + 3_000, summary: { failedSteps: ['subnets'], error: 'boom' } },
    );
    r.finish({ run: final, outcome: 'finished', outputs: {} });
    expect(out.text.split('\n')).toEqual([
      'create demo: run demo-create-1',
      '[  1m 5s] start  Create VPC',
      '[  1m 5s] done   Create VPC (2s)',
      // Never seen under way (it started and failed between two updates): only its failure.
      '[     3s] FAILED Create subnets: boom',
      'create demo failed after 3s: Create subnets: boom',
      '',
    ]);
  });

  test('the reason a step waits is printed once per change, never once per poll', () => {
    const out = buffer();
    const r = new LinesRenderer(out, TITLES);
    const db = (status: 'running' | 'waiting', note?: string) =>
      makeRun({ database: { status, startedAt: T0, ...(note ? { note } : {}) } }, { updatedAt: now() });
    r.update(db('running'));
    r.update(db('waiting', 'db: creating'));
    r.update(db('running', 'db: creating'));
    r.update(db('waiting', 'db: creating'));
    r.update(db('waiting', 'db: modifying'));
    expect(out.text.split('\n').slice(1, -1)).toEqual([
      '[  1m 5s] start  Create DB instance',
      '[  1m 5s] wait   Create DB instance: db: creating',
      '[  1m 5s] wait   Create DB instance: db: modifying',
    ]);
  });

  test("a failed step's title is printed once, even when its error starts with it", () => {
    const out = buffer();
    const r = new LinesRenderer(out, TITLES);
    const failed = makeRun(
      {
        vpc: {
          status: 'failed',
          startedAt: T0,
          finishedAt: T0 + 1_000,
          error: {
            message: 'Create VPC: VpcLimitExceeded: The maximum number of VPCs has been reached.',
            retryable: false,
          },
        },
      },
      {
        status: 'failed',
        finishedAt: T0 + 1_000,
        summary: {
          failedSteps: ['vpc'],
          error: 'Create VPC: VpcLimitExceeded: The maximum number of VPCs has been reached.',
        },
      },
    );
    r.finish({ run: failed, outcome: 'finished', outputs: {} });
    expect(out.text).toContain(
      'FAILED Create VPC: VpcLimitExceeded: The maximum number of VPCs has been reached.\n',
    );
    expect(out.text).toContain('create demo failed after 1s: Create VPC: VpcLimitExceeded:');
    expect(out.text.match(/Create VPC/g)).toHaveLength(2);
  });

  test('an interrupted follow says the run goes on and how to resume it', () => {
    const out = buffer();
    new LinesRenderer(out, TITLES).finish({ run: makeRun({}), outcome: 'interrupted', outputs: {} });
    expect(out.text).toContain('stopped following create demo (run demo-create-1, still running)');
    expect(out.text).toContain('run the same command again');
  });
});

describe('TtyRenderer', () => {
  test('redraws the live block in place and keeps finished steps above it', () => {
    const out = buffer(true, 60);
    const r = new TtyRenderer(out, TITLES);
    r.update(makeRun({ vpc: { status: 'running', startedAt: T0 } }, { updatedAt: now() }));
    const first = out.text;
    expect(first.startsWith('\r\x1b[0J')).toBe(true);
    expect(first).toContain('create demo [........................] 0/3  1m 5s\n');
    expect(first).toContain('  … Create VPC  1m 5s\n');

    out.text = '';
    r.update(
      makeRun({
        vpc: { status: 'done', startedAt: T0, finishedAt: T0 + 2_000 },
        subnets: { status: 'waiting', startedAt: T0 + 2_000, note: 'x'.repeat(200) },
      }),
    );
    // Up over the two lines drawn before, clear, the finished step, then the new block.
    expect(out.text.startsWith('\x1b[2A\r\x1b[0J✓ Create VPC (2s)\n')).toBe(true);
    const lines = out.text.split('\n');
    expect(
      Math.max(...lines.map((l) => l.replace(ESCAPES, '').replace('\r', '').length)),
    ).toBeLessThanOrEqual(59);

    out.text = '';
    r.finish({
      run: makeRun(
        { vpc: { status: 'done', startedAt: T0, finishedAt: T0 + 2_000 } },
        { status: 'succeeded', finishedAt: T0 + 9_000 },
      ),
      outcome: 'finished',
      outputs: { siteUrl: 'http://127.0.0.1:1/' },
    });
    expect(out.text).toBe('\x1b[2A\r\x1b[0Jcreate demo succeeded in 9s\n  Site: http://127.0.0.1:1/\n');
    out.text = '';
    r.update(makeRun({}));
    expect(out.text).toBe('');
  });
});

describe('JsonRenderer', () => {
  test('writes nothing while the run goes, then exactly one document', () => {
    const out = buffer();
    const r = new JsonRenderer(out);
    r.update(makeRun({}));
    expect(out.text).toBe('');
    const run = makeRun(
      { vpc: { status: 'done', attempts: 2, startedAt: T0, finishedAt: T0 + 2_000 } },
      { status: 'succeeded', finishedAt: T0 + 10_000 },
    );
    r.finish({ run, outcome: 'finished', outputs: { siteUrl: 'http://x/' } });
    const doc = JSON.parse(out.text);
    expect(doc).toEqual(runDocument({ run, outcome: 'finished', outputs: { siteUrl: 'http://x/' } }));
    expect(doc).toMatchObject({
      runId: 'demo-create-1',
      status: 'succeeded',
      outputs: { siteUrl: 'http://x/' },
      timings: {
        startedAt: '2026-11-27T04:00:00.000Z',
        finishedAt: '2026-11-27T04:00:10.000Z',
        elapsedMs: 10_000,
        steps: { vpc: { status: 'done', attempts: 2, elapsedMs: 2_000 }, subnets: { status: 'pending' } },
      },
    });
    expect(doc.error).toBeUndefined();
  });

  test('a failed run carries its error', () => {
    const run = makeRun(
      {},
      { status: 'failed', summary: { failedSteps: ['database'], error: 'no capacity' } },
    );
    expect(runDocument({ run, outcome: 'finished', outputs: {} }).error).toBe(
      'Create MySQL database: no capacity',
    );
  });

  test("each reason a step waited for is in the document once, in order, at the run record's time", () => {
    const out = buffer();
    const r = new JsonRenderer(out);
    const db = (status: 'waiting' | 'running' | 'done', note: string, at: number) =>
      makeRun({ database: { status, startedAt: T0, note } }, { updatedAt: at });
    r.update(db('waiting', 'db: creating', T0 + 1_000));
    r.update(db('running', 'db: creating', T0 + 2_000));
    r.update(db('waiting', 'db: creating', T0 + 3_000));
    r.update(db('waiting', 'db: backing-up', T0 + 60_000));
    r.finish({ run: db('done', 'db: available', T0 + 90_000), outcome: 'finished', outputs: {} });
    const doc = JSON.parse(out.text);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(doc.timings.steps.database).toMatchObject({
      note: 'db: available',
      waits: [
        { at: iso(T0 + 1_000), note: 'db: creating' },
        { at: iso(T0 + 60_000), note: 'db: backing-up' },
      ],
    });
  });
});

test('chooseRenderer: --json wins, then TTY, else lines', () => {
  const opts = { titles: TITLES };
  expect(chooseRenderer(buffer(true), { ...opts, json: true })).toBeInstanceOf(JsonRenderer);
  expect(chooseRenderer(buffer(true), { ...opts, json: false })).toBeInstanceOf(TtyRenderer);
  expect(chooseRenderer(buffer(false), { ...opts, json: false })).toBeInstanceOf(LinesRenderer);
});
