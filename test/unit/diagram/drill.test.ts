/** The drill picture: spans of equal answers, the outage window, the fault and recovery, the AZ swap. */
import { drillSvg, drillTimeline } from '../../../src/diagram/drill';
import type { Run } from '../../../src/state/types';
import { byKind, readSvg } from '../../helpers/svg';

const T0 = 1_800_000_000_000;
const probe = (result: number | 'timeout', count: number, firstAt: number) => ({
  result,
  count,
  firstAt: T0 + firstAt,
  lastAt: T0 + firstAt + (count - 1) * 1000,
  maxLatencyMs: 5,
  totalLatencyMs: 5 * count,
});

function run(status: Run['status'], dbStage: string): Run {
  return {
    runId: 'run-1',
    env: 'demo',
    kind: 'failover',
    status,
    requestedBy: 'U1',
    params: { target: 'db' },
    createdAt: T0,
    updatedAt: T0,
    steps: {
      'db-drill': {
        status: status === 'running' ? 'waiting' : 'done',
        attempts: 3,
        outputs: {
          stage: dbStage,
          dbId: 'demo-db',
          multiAz: true,
          azBefore: 'ap-northeast-1a',
          azAfter: 'ap-northeast-1c',
          statuses: ['available', 'rebooting', 'available'],
          rebootIssuedAt: T0 + 10_000,
          recoveredAt: T0 + 40_000,
          runs: [
            probe(200, 12, 0),
            probe(504, 8, 12_000),
            probe('timeout', 10, 20_000),
            probe(200, 15, 30_000),
          ],
        },
      },
    },
    version: 1,
  };
}

test('a finished DB drill: one span per run of equal answers, the outage from first failure to first success, the swap', () => {
  const t = drillTimeline(run('succeeded', 'done'), T0 + 60_000);
  expect(t.phases).toHaveLength(1);
  const db = t.phases[0];
  expect(db.spans.map((s) => [s.ok, s.count])).toEqual([
    [true, 12],
    [false, 8],
    [false, 10],
    [true, 15],
  ]);
  expect(db.outages).toEqual([{ startAt: T0 + 12_000, endAt: T0 + 30_000, ms: 18_000 }]);
  expect(db.verdict).toBe('pass');

  const els = readSvg(drillSvg(t));
  expect(byKind(els, 'probes').map((e) => e.attrs['data-result'])).toEqual(['ok', 'failed', 'failed', 'ok']);
  expect(byKind(els, 'probes').map((e) => e.attrs['data-status'])).toEqual(['200', '504', 'timeout', '200']);
  expect(byKind(els, 'outage')[0].attrs['data-ms']).toBe('18000');
  expect(byKind(els, 'fault')).toHaveLength(1);
  expect(byKind(els, 'recovered')).toHaveLength(1);
  expect(byKind(els, 'az-swap')[0].attrs).toMatchObject({
    'data-before': 'ap-northeast-1a',
    'data-after': 'ap-northeast-1c',
  });
  expect(els.filter((e) => e.tag === 'text').some((e) => e.text === 'outage 18s')).toBe(true);
  // The spans lie in time order along the axis, without overlapping.
  const xs = byKind(els, 'probes').map((e) => [Number(e.attrs.x), Number(e.attrs.x) + Number(e.attrs.width)]);
  xs.slice(1).forEach(([from], i) => expect(from).toBeGreaterThanOrEqual(xs[i][1] - 0.001));
});

test('a drill still running has no verdict yet; one that never probed says so', () => {
  const t = drillTimeline(run('running', 'await-recovered'), T0 + 60_000);
  expect(t.running).toBe(true);
  expect(t.phases[0]).toMatchObject({ verdict: 'incomplete', reason: 'under way' });
  const empty = drillTimeline({ ...run('running', 'baseline'), steps: {} }, T0 + 5_000);
  expect(empty.phases).toEqual([]);
  expect(readSvg(drillSvg(empty)).some((e) => e.text === 'no probe has run yet')).toBe(true);
});
