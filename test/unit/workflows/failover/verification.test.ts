/** "Did the fault really happen?" read from what the drill steps recorded: never a pass when it did not. */
import { appendSamples } from '../../../../src/workflows/failover/probe-log';
import { buildPhaseReport } from '../../../../src/workflows/failover/report';
import { dbPhaseRecord } from '../../../../src/workflows/failover/steps/db-drill';
import { webPhaseRecord } from '../../../../src/workflows/failover/steps/web-drill';
import { english } from '../../../../src/i18n/english';
import { inEnglish } from '../../../helpers/english-said';

const okRuns = appendSamples(
  [],
  Array.from({ length: 30 }, (_, i) => ({ at: i * 1_000, result: 200, latencyMs: 1 })),
);

describe('web drill', () => {
  const base = {
    stage: 'done',
    instanceId: 'i-2',
    role: 'web-2',
    stopIssuedAt: 10_000,
    healthyAt: 200_000,
    runs: okRuns,
  };

  test('instance stopped and target out of service: observed', () => {
    const record = webPhaseRecord(
      {
        ...base,
        states: ['running', 'stopping', 'stopped', 'pending', 'running'],
        health: ['healthy', 'unused', 'healthy'],
      },
      1_000,
    )!;
    expect(record).toMatchObject({
      faultObserved: true,
      completed: true,
      faultAt: 10_000,
      recoveredAt: 200_000,
    });
    expect(buildPhaseReport(record).verdict).toBe('pass');
  });

  test.each([
    ['the instance never left running', ['running'], ['healthy', 'unused', 'healthy']],
    ['the target never left service', ['running', 'stopping', 'stopped', 'running'], ['healthy']],
  ])('%s: not observed, not a pass', (_label, states, health) => {
    const record = webPhaseRecord({ ...base, states, health }, 1_000)!;
    expect(record.faultObserved).toBe(false);
    expect(buildPhaseReport(record).verdict).toBe('fault-not-observed');
  });

  test('no stop sent: not observed; skipped: no phase', () => {
    const { stopIssuedAt: _s, ...noStop } = base;
    expect(
      inEnglish(webPhaseRecord({ ...noStop, states: ['running'], health: ['healthy'] }, 1_000)),
    ).toMatchObject({
      faultObserved: false,
      evidence: 'no stop was sent',
    });
    expect(webPhaseRecord({ stage: 'skipped' }, 1_000)).toBeUndefined();
    expect(webPhaseRecord({}, 1_000)).toBeUndefined();
  });
});

describe('db drill', () => {
  const base = {
    stage: 'done',
    dbId: 'demo-db',
    multiAz: true,
    rebootIssuedAt: 10_000,
    recoveredAt: 100_000,
    statuses: ['available', 'rebooting', 'available'],
    azBefore: 'ap-northeast-1a',
    runs: okRuns,
  };

  test('Multi-AZ: the primary AZ changed is the proof', () => {
    expect(inEnglish(dbPhaseRecord({ ...base, azAfter: 'ap-northeast-1c' }, 1_000))).toMatchObject({
      faultObserved: true,
      evidence: 'demo-db available → rebooting → available; primary AZ ap-northeast-1a → ap-northeast-1c',
    });
    const same = dbPhaseRecord({ ...base, azAfter: 'ap-northeast-1a' }, 1_000)!;
    expect(same.faultObserved).toBe(false);
    expect(english(same.evidence)).toMatch(/\(unchanged\)$/);
    expect(buildPhaseReport(same).verdict).toBe('fault-not-observed');
  });

  test('single-AZ (forced): a reboot seen is the proof, and the report says it was not a failover', () => {
    const single = { ...base, multiAz: false, azAfter: 'ap-northeast-1a' };
    expect(inEnglish(dbPhaseRecord(single, 1_000))).toMatchObject({
      faultObserved: true,
      remark: 'single-AZ DB: a reboot is an outage, not a failover',
    });
    expect(dbPhaseRecord({ ...single, statuses: ['available'] }, 1_000)!.faultObserved).toBe(false);
  });

  test('a drill that stopped before recovering is incomplete', () => {
    const record = dbPhaseRecord({ ...base, stage: 'await-recovered' }, 1_000)!;
    expect(buildPhaseReport(record).verdict).toBe('incomplete');
  });
});
