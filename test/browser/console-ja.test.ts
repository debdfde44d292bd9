/**
 * The web console in Japanese (SITEBOT_LANG=ja), in headless Chromium on the whole sandbox: the
 * page's own words, the completion hints, a create whose progress and ready message are Japanese,
 * the environment's picture with Japanese labels, and the switch back to English. Markup in a
 * catalogue text would be shown as text: the page puts every text in as DOM text. The emulator's
 * clock is stopped (the test moves virtual time); every wait polls with a deadline. Nothing may
 * leave 127.0.0.1.
 *
 * Screenshots: console-ja.png and diagram-ja.png (docs/screenshots with SITEBOT_UPDATE_SCREENSHOTS=1).
 */
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../helpers/browser';
import { browserSuite as suite, consoleSession, driveUntil, waitForText } from './console-session';
import type { TestSandbox } from '../helpers/sandbox';

const LONG = 180_000;
const HOUR = 3_600_000;
jest.setTimeout(LONG * 4);

suite('web console in Japanese', () => {
  const session = consoleSession({ SITEBOT_LANG: 'ja' }, LONG);
  let sb: TestSandbox;
  let page: Page;
  beforeAll(() => {
    ({ sb, page } = session);
  });

  const drive = (done: () => boolean | Promise<boolean>, withinMs = 4 * HOUR) =>
    driveUntil(sb, done, withinMs, LONG);

  const waitText = (selector: string, text: string) => waitForText(page, selector, text, LONG);

  test("the page speaks the workspace's language", async () => {
    const page0 = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      channels: document.querySelector('#sidebar h2')?.textContent,
      placeholder: (document.querySelector('#composer-input') as HTMLInputElement).placeholder,
      send: document.querySelector('#send')?.textContent,
      envs: document.querySelector('#env-list')?.textContent,
      langChoice: (document.querySelector('#lang-select') as HTMLSelectElement).value,
    }));
    expect(page0).toEqual({
      lang: 'ja',
      title: 'sitebot サンドボックス — Slack コンソール',
      channels: 'チャンネル',
      placeholder: '/site help、/site create demo … と入力',
      send: '送信',
      envs: 'まだありません: /site create demo',
      langChoice: 'ja',
    });
  });

  test('completion hints in Japanese', async () => {
    await page.fill('#composer-input', '');
    await page.type('#composer-input', '/site create ');
    await waitText('#completion li .hint', '環境名: 小文字の英字・数字・ハイフンで 3〜20 文字');
    await page.fill('#composer-input', '');
  });

  test('a create in Japanese, and its picture with Japanese labels', async () => {
    await page.type('#composer-input', '/site create demo');
    await page.press('#composer-input', 'Enter');
    await drive(() => sb.slack.messages.list('C1').some((m) => !m.ephemeral_to && m.user === 'U0SITEBOT'));
    await drive(async () => (await sb.store.environments.get('demo'))?.status === 'ready');
    await waitText('#messages .msg', 'demo の準備ができました');
    await waitText('#env-list', '準備完了');
    // The picture posted in the ready message's thread speaks the run's language too.
    const picture = await driveUntil(
      sb,
      () => sb.slack.messages.list('C1').some((m) => m.files?.some((f) => f.alt_txt)),
      HOUR,
      LONG,
    ).then(() => sb.slack.messages.list('C1').flatMap((m) => m.files ?? [])[0]);
    expect(picture.alt_txt).toMatch(/^demo \(準備完了\)、ap-northeast-1: /);

    await page.click('#env-list [data-env="demo"]');
    await page.waitForSelector('#diagram svg [data-kind="db-standby"]', { timeout: LONG });
    const pane = await page.evaluate(() => ({
      title: document.querySelector('#pane-title')?.textContent,
      buttons: [...document.querySelectorAll('#pane .env-actions button')].map((b) => b.textContent),
      svgLang: document.querySelector('#diagram svg')?.getAttribute('xml:lang'),
      labels: [...document.querySelectorAll('#diagram svg text')].map((t) => t.textContent ?? ''),
    }));
    expect(pane.title).toBe('環境 demo');
    expect(pane.buttons).toEqual([
      'ステータス',
      'フェイルオーバー訓練 (ウェブ + DB)',
      'DB フェイルオーバー訓練',
      '8 時間延長',
      '削除…',
    ]);
    expect(pane.svgLang).toBe('ja');
    for (const label of [
      'アベイラビリティーゾーン ap-northeast-1a',
      'インターネットゲートウェイ',
      'DB スタンバイ',
    ])
      expect(pane.labels).toContain(label);
    expect(pane.labels.some((l) => l.startsWith('リージョン '))).toBe(true);
    expect(pane.labels.some((l) => l.startsWith('ターゲットグループ '))).toBe(true);
    saveScreenshot('console-ja.png', await page.screenshot());
    saveScreenshot('diagram-ja.png', await page.locator('#diagram').screenshot());
  });

  test('the language switch serves the page again in English, keeping who and where', async () => {
    await page.selectOption('#lang-select', 'en');
    await page.waitForFunction(
      () => document.documentElement.lang === 'en' && document.body.dataset.ready === 'true',
      null,
      { timeout: LONG, polling: 100 },
    );
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.textContent('#sidebar h2')).toBe('Channels');
    // The bot's messages keep the language they were written in: the run's starter's.
    await waitText('#messages .msg', 'demo の準備ができました');
  });
});
