/**
 * The failover report tells what the people watching the site saw, and why, in the reader's
 * language: no outage with two targets in a web drill, the 504s of a DB failover, the primary's
 * new AZ (or a single-AZ database that stays where it was). Through the run message, as posted.
 */
import { renderRunMessage } from '../../../src/bot/views/run-message';
import { WORKFLOW_STEPS } from '../../../src/bot/workflow-steps';
import { ENGLISH, textsFor, type Texts } from '../../../src/i18n/texts';
import type { Run } from '../../../src/state/types';
import { checkMessage } from '../../../src/sandbox/slack/message-check';
import { appendSamples, type ProbeResult } from '../../../src/workflows/failover/probe-log';
import { buildDrillReport, type PhaseRecord } from '../../../src/workflows/failover/report';
import { shown } from '../../helpers/block-kit';

const T0 = 1_700_000_000_000;
const JA = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' });

/** One probe a second: '.' 200, '4' 504, '3' 503, 't' a timeout. */
function probes(pattern: string) {
  const code: Record<string, ProbeResult> = { '.': 200, '4': 504, '3': 503, t: 'timeout' };
  return appendSamples(
    [],
    [...pattern].map((ch, i) => ({ at: T0 + i * 1_000, result: code[ch], latencyMs: 5 })),
  );
}

const webPhase = (pattern: string): PhaseRecord => ({
  phase: 'web',
  runs: probes(pattern),
  intervalMs: 1_000,
  faultAt: T0 + 2_000,
  recoveredAt: T0 + 20_000,
  faultObserved: true,
  evidence: 'i-0002 (web-2) running → stopped',
  completed: true,
  subject: 'i-0002 (web-2)',
});

const dbPhase = (pattern: string, extra: Partial<PhaseRecord> = {}): PhaseRecord => ({
  phase: 'db',
  runs: probes(pattern),
  intervalMs: 1_000,
  faultAt: T0 + 2_000,
  faultObserved: true,
  evidence: 'sitebot-demo-db: primary AZ a → c',
  completed: true,
  azBefore: 'ap-northeast-1a',
  azAfter: 'ap-northeast-1c',
  subject: 'sitebot-demo-db',
  ...extra,
});

function drillRun(records: PhaseRecord[]): Run {
  const report = buildDrillReport({
    env: 'demo',
    runId: 'demo-failover-1',
    target: 'all',
    records,
    startedAt: T0,
    finishedAt: T0 + 120_000,
  });
  return {
    runId: 'demo-failover-1',
    env: 'demo',
    kind: 'failover',
    status: 'succeeded',
    requestedBy: 'U1',
    params: { target: 'all' },
    steps: {},
    createdAt: T0,
    updatedAt: T0 + 120_000,
    finishedAt: T0 + 120_000,
    summary: { drill: report },
    notify: { channel: 'C1', messageTs: '1.000001' },
    version: 9,
  };
}

function shownIn(t: Texts, run: Run): string {
  const message = renderRunMessage(t, run, WORKFLOW_STEPS(t, 'failover'));
  expect(checkMessage({ text: message.text, blocks: message.blocks }).ok).toBe(true);
  return shown(JSON.stringify(message.blocks));
}

test('web drill with two targets: no outage, and why; DB failover: the 504s and the AZ that changed, and why', () => {
  const run = drillRun([webPhase('..........'), dbPhase('..4444t4....')]);
  const en = shownIn(ENGLISH, run);
  expect(en).toContain('What you saw:');
  expect(en).toContain('No request failed while i-0002 (web-2) was stopped');
  expect(en).toContain('With two targets a web server can go without an outage');
  expect(en).toContain('5 of them 504 Gateway Timeout');
  expect(en).toContain('The primary moved from ap-northeast-1a to ap-northeast-1c');
  const ja = shownIn(JA, run);
  expect(ja).toContain('何が起きていたか:');
  expect(ja).toContain('ターゲットが 2 つあれば');
  expect(ja).toContain('504 Gateway Timeout が 5 件');
  expect(ja).toContain('プライマリが ap-northeast-1a から ap-northeast-1c に移りました');
  expect(ja).not.toMatch(/What you saw|No request failed|drill\.saw/);
});

test('requests lost while a web server left service, and a single-AZ reboot that stays in its AZ', () => {
  const run = drillRun([
    webPhase('..33......'),
    dbPhase('..tttt....', { azAfter: 'ap-northeast-1a', remark: 'single-AZ DB: a reboot, not a failover' }),
  ]);
  const en = shownIn(ENGLISH, run);
  expect(en).toContain('2 requests failed while i-0002 (web-2) was leaving service');
  expect(en).toContain('could not answer for 4s while the database rebooted');
  expect(en).toContain('The primary stayed in ap-northeast-1a');
  const ja = shownIn(JA, run);
  expect(ja).toContain('リクエストが 2 件失敗しました');
  expect(ja).toContain('プライマリは ap-northeast-1a のままでした');
});

test('a Multi-AZ reboot that did not switch over: the 504s are still explained, and that the AZ did not change', () => {
  const run = drillRun([
    webPhase('..........'),
    dbPhase('..44......', { faultObserved: false, azAfter: 'ap-northeast-1a' }),
  ]);
  const en = shownIn(ENGLISH, run);
  expect(en).toContain('2 of them 504 Gateway Timeout');
  expect(en).toContain('The primary is still in ap-northeast-1a');
  expect(en).not.toContain('single-AZ database has no standby');
  const ja = shownIn(JA, run);
  expect(ja).toContain('プライマリは ap-northeast-1a のままです');
  expect(ja).toContain('障害を確認できず');
});
