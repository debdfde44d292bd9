/**
 * The pictures in Japanese: every label and tooltip of the environment and of a drill comes from
 * the Japanese catalogue, so none is an English phrase (AWS's own names — VPC, Application Load
 * Balancer, MySQL — ids and states aside), and the document says its language.
 */
import { describeModel } from '../../../src/diagram/describe';
import { drillSvg, drillTimeline } from '../../../src/diagram/drill';
import { environmentSvg } from '../../../src/diagram/environment-svg';
import { buildDiagramModel } from '../../../src/diagram/model';
import { textsFor } from '../../../src/i18n/texts';
import type { Run } from '../../../src/state/types';
import { readSvg } from '../../helpers/svg';
import { found } from './fixtures';

const JA = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' });
/** Two lowercase English words in a row (`not created`, `sync replication`): a phrase left in English. */
const ENGLISH_PHRASE = /\b[a-z]{3,} [a-z]{3,}\b/;

/** What a person reads in a picture: its `<text>` labels and `<title>` tooltips. */
function words(svg: string): string[] {
  const labels = readSvg(svg).flatMap((e) => (e.tag === 'text' && e.text ? [e.text] : []));
  const tips = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
  return [...labels, ...tips];
}

test('the environment: Japanese labels, tooltips and legend', () => {
  const model = buildDiagramModel(found());
  const svg = environmentSvg(model, JA);
  expect(svg).toContain('xml:lang="ja"');
  const all = words(svg);
  expect(all.filter((w) => ENGLISH_PHRASE.test(w))).toEqual([]);
  for (const label of [
    'インターネットゲートウェイ',
    'DB スタンバイ',
    '同期レプリケーション',
    '実行中 / 正常',
  ])
    expect(all).toContain(label);
  expect(all.some((w) => w.startsWith('アベイラビリティーゾーン '))).toBe(true);
  // The English picture of the same model says it in English (the default).
  expect(words(environmentSvg(model))).toContain('Internet gateway');
  expect(describeModel(model, JA)).not.toMatch(ENGLISH_PHRASE);
});

test('an environment not built yet: "not created" in Japanese', () => {
  const model = buildDiagramModel(
    found({
      vpc: undefined,
      subnets: [],
      igw: undefined,
      instances: [],
      loadBalancer: undefined,
      db: undefined,
    }),
  );
  const all = words(environmentSvg(model, JA));
  expect(all.filter((w) => ENGLISH_PHRASE.test(w))).toEqual([]);
  expect(all.join('\n')).toContain('未作成');
});

test("a web drill's timeline in Japanese, its verdict's reason too", () => {
  const t0 = 1_800_000_000_000;
  const run = {
    runId: 'run-web',
    env: 'demo',
    kind: 'failover',
    status: 'succeeded',
    requestedBy: 'U1',
    params: { target: 'web', lang: 'ja' },
    createdAt: t0,
    updatedAt: t0,
    version: 1,
    steps: {
      'web-drill': {
        status: 'done',
        attempts: 1,
        outputs: {
          stage: 'done',
          instanceId: 'i-0abc',
          stoppedAt: t0 + 5_000,
          recoveredAt: t0 + 60_000,
          runs: [
            {
              result: 200,
              count: 60,
              firstAt: t0,
              lastAt: t0 + 59_000,
              maxLatencyMs: 4,
              totalLatencyMs: 240,
            },
          ],
        },
      },
    },
  } as unknown as Run;
  const svg = drillSvg(drillTimeline(run, t0 + 61_000), JA);
  const all = words(svg);
  expect(all.filter((w) => ENGLISH_PHRASE.test(w))).toEqual([]);
  expect(all).toContain('ウェブ層');
  expect(all.some((w) => w.startsWith('demo のフェイルオーバー訓練'))).toBe(true);
});
