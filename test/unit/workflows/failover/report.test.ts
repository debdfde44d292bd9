import { english } from '../../../../src/i18n/english';
/** The drill report: outage windows, sparkline, failure kinds, verdicts against objectives. */
import { appendSamples, type ProbeResult, type ProbeRun } from '../../../../src/workflows/failover/probe-log';
import {
  buildDrillReport,
  buildPhaseReport,
  lastDrillSummary,
  longestOutage,
  outageWindows,
  renderDrillReport,
  sparkline,
  type PhaseRecord,
} from '../../../../src/workflows/failover/report';
import { inEnglish } from '../../../helpers/english-said';

const T0 = 1_000_000;

/** One probe a second from T0 with the given results ('.' = 200, 3 = 503, 4 = 504, t = timeout, c = connection error). */
function log(pattern: string, start = T0): ProbeRun[] {
  const code: Record<string, ProbeResult> = {
    '.': 200,
    '3': 503,
    '4': 504,
    t: 'timeout',
    c: 'connection-error',
  };
  return appendSamples(
    [],
    [...pattern].map((ch, i) => ({
      at: start + i * 1_000,
      result: code[ch],
      latencyMs: ch === 't' ? 5_000 : 3,
    })),
  );
}

const web = (pattern: string, extra: Partial<PhaseRecord> = {}): PhaseRecord => ({
  phase: 'web',
  runs: log(pattern),
  intervalMs: 1_000,
  faultAt: T0 + 2_000,
  recoveredAt: T0 + 9_000,
  faultObserved: true,
  evidence: 'i-1 (web-2) running → stopping → stopped; target healthy → unused',
  completed: true,
  subject: 'i-1 (web-2)',
  ...extra,
});

const db = (pattern: string, extra: Partial<PhaseRecord> = {}): PhaseRecord => ({
  phase: 'db',
  runs: log(pattern),
  intervalMs: 1_000,
  faultAt: T0 + 2_000,
  faultObserved: true,
  evidence: 'demo-db available → rebooting → available; primary AZ a → c',
  completed: true,
  azBefore: 'ap-northeast-1a',
  azAfter: 'ap-northeast-1c',
  subject: 'demo-db',
  ...extra,
});

describe('outage windows', () => {
  test('first failure → first success after it, each window', () => {
    expect(outageWindows(log('..44..3t...'), 1_000)).toEqual([
      { startAt: T0 + 2_000, endAt: T0 + 4_000, ms: 2_000 },
      { startAt: T0 + 6_000, endAt: T0 + 8_000, ms: 2_000 },
    ]);
  });

  test('failures of different kinds in a row are one window', () => {
    expect(outageWindows(log('.43tc4.'), 1_000)).toEqual([
      { startAt: T0 + 1_000, endAt: T0 + 6_000, ms: 5_000 },
    ]);
  });

  test('a log that ends failing has an open window as long as the failures seen', () => {
    expect(outageWindows(log('..444'), 1_000)).toEqual([{ startAt: T0 + 2_000, ms: 3_000 }]);
  });

  test('no failure, no window; the longest is picked', () => {
    expect(outageWindows(log('.....'), 1_000)).toEqual([]);
    expect(longestOutage(log('.4..444.44.'), 1_000)).toEqual({
      startAt: T0 + 4_000,
      endAt: T0 + 7_000,
      ms: 3_000,
    });
  });
});

describe('sparkline', () => {
  test('one character per probe while it fits', () => {
    expect(sparkline(log('..44.'))).toBe('▁▁██▁');
  });

  test('compressed to 60 characters; a slice with any failure shows █', () => {
    const runs = log('.'.repeat(300) + '4' + '.'.repeat(299));
    const line = sparkline(runs);
    expect([...line]).toHaveLength(60);
    expect(line.replace(/▁/g, '')).toBe('█');
    expect(line.indexOf('█')).toBe(30);
  });

  test('a long outage keeps its proportion', () => {
    const line = sparkline(log('.'.repeat(100) + '4'.repeat(100) + '.'.repeat(100)));
    expect(line).toBe('▁'.repeat(20) + '█'.repeat(20) + '▁'.repeat(20));
  });

  test('empty log, empty line; custom width', () => {
    expect(sparkline([])).toBe('');
    expect([...sparkline(log('.'.repeat(50)), 10)]).toHaveLength(10);
  });
});

describe('phase report', () => {
  test('counts requests, successes and failures by kind', () => {
    const r = buildPhaseReport(db('..4444tc3...'));
    expect(r).toMatchObject({
      requests: 12,
      successes: 5,
      failures: 7,
      failuresByKind: { '504': 4, timeout: 1, 'connection-error': 1, '503': 1 },
      outageCount: 1,
      longestOutage: { startAt: T0 + 2_000, endAt: T0 + 9_000, ms: 7_000 },
      maxLatencyMs: 5_000,
      azBefore: 'ap-northeast-1a',
      azAfter: 'ap-northeast-1c',
    });
  });

  test('web: 0 failed requests passes, one fails (objective configurable)', () => {
    expect(buildPhaseReport(web('..........'))).toMatchObject({ verdict: 'pass', timeToRecoverMs: 7_000 });
    const one = buildPhaseReport(web('....3.....'));
    expect(inEnglish(one)).toMatchObject({ verdict: 'fail', reason: '1 failed request, 0 allowed' });
    expect(
      buildPhaseReport(web('....3.....'), { webMaxFailedRequests: 1, dbMaxOutageMs: 120_000 }).verdict,
    ).toBe('pass');
  });

  test('db: outage ≤ objective passes, longer fails, never recovered fails', () => {
    const objectives = { webMaxFailedRequests: 0, dbMaxOutageMs: 5_000 };
    expect(buildPhaseReport(db('..44444...'), objectives).verdict).toBe('pass'); // 5 s
    expect(inEnglish(buildPhaseReport(db('..444444..'), objectives))).toMatchObject({
      verdict: 'fail',
      reason: 'outage 6s > 5s',
    });
    expect(inEnglish(buildPhaseReport(db('..4444'), objectives))).toMatchObject({
      verdict: 'fail',
      reason: 'the site never answered again during the drill',
    });
  });

  test('a fault that did not happen is never a pass, even with perfect numbers', () => {
    const r = buildPhaseReport(
      db('..........', { faultObserved: false, evidence: 'primary AZ a → a (unchanged)' }),
    );
    expect(r.verdict).toBe('fault-not-observed');
    expect(english(r.reason)).toMatch(/did not happen.*not a pass/);
  });

  test('a phase that did not finish is incomplete', () => {
    expect(buildPhaseReport(web('.....', { completed: false })).verdict).toBe('incomplete');
  });
});

describe('drill report', () => {
  const input = (records: PhaseRecord[], target: 'web' | 'db' | 'all' = 'all') => ({
    env: 'demo',
    runId: 'run-1',
    target,
    records,
    startedAt: T0,
    finishedAt: T0 + 60_000,
  });

  test('passes only when every expected phase passes', () => {
    expect(buildDrillReport(input([web('....'), db('..44..')])).verdict).toBe('pass');
    expect(buildDrillReport(input([web('....')])).verdict).toBe('incomplete'); // db never ran
    expect(buildDrillReport(input([web('....')], 'web')).verdict).toBe('pass');
    expect(buildDrillReport(input([web('..3.'), db('..44..')])).verdict).toBe('fail');
    expect(buildDrillReport(input([web('....'), db('......', { faultObserved: false })])).verdict).toBe(
      'fault-not-observed',
    );
    expect(buildDrillReport(input([], 'db')).verdict).toBe('incomplete');
  });

  test('renders as plain text with the numbers, the AZ change and the sparkline', () => {
    const text = renderDrillReport(buildDrillReport(input([web('....'), db('..44..')])));
    expect(text.map((s) => english(s))).toEqual([
      'Failover drill on demo (all): PASS',
      'web: stopped i-1 (web-2) — PASS: 0 failed requests, 0 allowed',
      '  4 requests, 4 ok, 0 failed; no outage; recovered in 7s; objective: 0 failed requests',
      '  observed: i-1 (web-2) running → stopping → stopped; target healthy → unused',
      '  ▁▁▁▁',
      'db: rebooted demo-db; primary AZ ap-northeast-1a → ap-northeast-1c — PASS: outage 2s ≤ 2m',
      '  6 requests, 4 ok, 2 failed (504 ×2); longest outage 2s; objective: outage ≤ 2m',
      '  observed: demo-db available → rebooting → available; primary AZ a → c',
      '  ▁▁██▁▁',
    ]);
  });

  test('the summary kept on the env is compact plain data', () => {
    const summary = lastDrillSummary(buildDrillReport(input([web('....'), db('..44..')])));
    expect(inEnglish(summary)).toEqual({
      runId: 'run-1',
      at: T0 + 60_000,
      target: 'all',
      verdict: 'pass',
      headline: 'Failover drill on demo (all): PASS',
      phases: [
        { phase: 'web', verdict: 'pass', requests: 4, failures: 0, sparkline: '▁▁▁▁' },
        {
          phase: 'db',
          verdict: 'pass',
          requests: 6,
          failures: 2,
          longestOutageMs: 2_000,
          azBefore: 'ap-northeast-1a',
          azAfter: 'ap-northeast-1c',
          sparkline: '▁▁██▁▁',
        },
      ],
    });
  });
});
