/**
 * The command line speaks SITEBOT_LANG: the same dry run, a refusal and a usage error, in
 * Japanese with `ja` and in English with `en` (and without it). `--json` stays English.
 */
import { useCliHarness } from './cli-harness';

const h = useCliHarness();

/** Sentences of the English catalogue that the dry run prints (total, assumptions, verdict). */
const ENGLISH_SENTENCES = [
  /nothing is created by a dry run/,
  /on-demand prices of/,
  /excludes data transfer/,
  /the account has room/,
  // The preflight's own lines.
  /in use; this create adds/,
  /: offered in/,
  /: orderable in/,
];

describe('sitebot create --dry-run', () => {
  test('ja: the plan, the estimate and the preflight verdict in Japanese', async () => {
    const ja = await h.run(['create', 'demo', '--dry-run'], { env: { SITEBOT_LANG: 'ja' } });
    expect(ja.code).toBe(0);
    const lines = ja.stdout.split('\n');
    expect(lines[0]).toMatch(/^demo の計画: ap-northeast-1 \(/);
    expect(ja.stdout).toContain('費用の見積もり: $');
    expect(ja.stdout).toContain('ドライランでは何も作成しません。');
    expect(ja.stdout).toContain('事前確認');
    // The steps by their Japanese titles, and no English sentence from our catalogue.
    expect(ja.stdout).toMatch(/サブネット/);
    // The preflight's checks, each in Japanese with its numbers.
    expect(ja.stdout).toContain(
      '\n  OK     ap-northeast-1 の VPC: 上限 5 のうち 0 を使用中、この作成で 1 増えます\n',
    );
    expect(ja.stdout).toContain('t3.micro: ap-northeast-1a と ap-northeast-1c で提供されています\n');
    expect(ja.stdout).toMatch(
      /の MySQL 8\.4 \(マルチ AZ\): ap-northeast-1a と ap-northeast-1c で作成できます\n/,
    );
    for (const sentence of ENGLISH_SENTENCES) expect(ja.stdout).not.toMatch(sentence);
  });

  test('ja: a create the preflight would refuse says which, the numbers and what to do in Japanese', async () => {
    await h.emu.admin('POST', '/_sandbox/quotas', { targetGroups: 0 });
    try {
      const ja = await h.run(['create', 'demo', '--dry-run'], { env: { SITEBOT_LANG: 'ja' } });
      expect(ja.code).toBe(3);
      const refusal =
        'ap-northeast-1 のターゲットグループ: 上限 0 のうち 0 を使用中で、この作成にはあと 1 必要です: ' +
        '使っていないターゲットグループを削除するか、クォータの引き上げをリクエストしてください ' +
        '(Service Quotas、Elastic Load Balancing)';
      expect(ja.stdout).toContain(`作成は拒否されます: ${refusal}\n`);
      expect(ja.stdout).toContain(`\n  拒否   ${refusal}\n`);
      const refused = await h.run(['create', 'demo'], { env: { SITEBOT_LANG: 'ja' } });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(refusal);
    } finally {
      await h.emu.admin('POST', '/_sandbox/reset');
    }
  });

  test('en (and no SITEBOT_LANG): the same in English', async () => {
    for (const env of [{ SITEBOT_LANG: 'en' }, {}] as Record<string, string>[]) {
      const en = await h.run(['create', 'demo', '--dry-run'], { env });
      expect(en.code).toBe(0);
      expect(en.stdout.split('\n')[0]).toMatch(/^Plan for demo in ap-northeast-1 \(/);
      expect(en.stdout).not.toMatch(/[\u3040-\u30ff]/); // no kana
      for (const sentence of ENGLISH_SENTENCES) expect(en.stdout).toMatch(sentence);
    }
  });

  test('--json stays English in ja', async () => {
    const json = await h.run(['create', 'demo', '--dry-run', '--json'], { env: { SITEBOT_LANG: 'ja' } });
    const doc = JSON.parse(json.stdout) as {
      plan: { resources: { detail: unknown }[] };
      estimate: { assumptions: unknown; lines: { name: unknown; item: string }[] };
    };
    expect(json.code).toBe(0);
    expect(JSON.stringify(doc)).not.toMatch(/[\u3040-\u30ff]/);
    // In words, not catalogue keys: a script reads the plan, its cost lines and assumptions as text.
    expect(json.stdout).not.toMatch(/"key":/);
    expect(doc.plan.resources.find((r) => String(r.detail).includes('10.0.0.0/16'))).toBeDefined();
    expect(doc.estimate.lines.map((l) => l.name)).toEqual(doc.estimate.lines.map((l) => l.item));
    expect(doc.estimate.assumptions).toMatch(/^ap-northeast-1 on-demand prices of \d{4}-\d\d-\d\d; /);
  });
});

test('a refusal and a usage error follow SITEBOT_LANG', async () => {
  const ja = await h.run(['status', 'ghost'], { env: { SITEBOT_LANG: 'ja' } });
  expect(ja.stderr).toBe('ghost という環境はありません\n');
  const en = await h.run(['status', 'ghost'], { env: { SITEBOT_LANG: 'en' } });
  expect(en.stderr).toBe('no environment named ghost\n');
  const usageJa = await h.run(['status', 'Demo'], { env: { SITEBOT_LANG: 'ja' } });
  expect(usageJa.code).toBe(2);
  expect(usageJa.stderr).toMatch(/^sitebot: 環境名 'Demo' /);
  expect(usageJa.stderr).toContain('(sitebot help を参照してください)');
  const usageEn = await h.run(['status', 'Demo'], { env: { SITEBOT_LANG: 'en' } });
  expect(usageEn.stderr).toBe(
    "sitebot: env name 'Demo' may only contain lowercase letters, digits and hyphens (see sitebot help)\n",
  );
});

test('sitebot help in both languages', async () => {
  const ja = await h.run(['help'], { env: { SITEBOT_LANG: 'ja' } });
  expect(ja.stdout).toMatch(/^sitebot — スケーラブルな Web サイト環境/);
  expect(ja.stdout).toContain('終了コード:');
  const en = await h.run(['help'], { env: { SITEBOT_LANG: 'en' } });
  expect(en.stdout).toMatch(/^sitebot — build, drill, cost and tear down/);
});
