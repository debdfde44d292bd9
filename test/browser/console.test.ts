/**
 * The web console in a real browser (headless Chromium), on the whole sandbox: type a command
 * with completion, watch one message change in place, look at the environment's picture and
 * a DB failover swapping its primary, see mrkdwn drawn and markup shown as text, be refused as
 * another user in private, and destroy through Slack's confirm dialog. The emulator's clock is
 * stopped: the test moves virtual time itself (`runUntil`), so no step's outcome depends on how
 * fast a busy machine is; the page only watches. Every wait polls with a generous deadline.
 * Nothing may leave 127.0.0.1.
 *
 * Screenshots go to test-output/screenshots (and docs/screenshots with SITEBOT_UPDATE_SCREENSHOTS=1).
 */
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../helpers/browser';
import { browserSuite as suite, consoleSession, driveUntil, waitForText } from './console-session';
import type { TestSandbox } from '../helpers/sandbox';

const LONG = 180_000;
const HOUR = 3_600_000;
// A busy machine (CI shares its cores) may take minutes over the create alone.
jest.setTimeout(LONG * 4);

suite('web console', () => {
  const session = consoleSession({ SITEBOT_ADMINS: 'UADMIN' }, LONG);
  let sb: TestSandbox;
  let page: Page;
  beforeAll(() => {
    ({ sb, page } = session);
  });

  const drive = (done: () => boolean | Promise<boolean>, withinMs = 4 * HOUR) =>
    driveUntil(sb, done, withinMs, LONG);
  const envOf = (name: string) => sb.store.environments.get(name);
  /** Whether `name`'s last run is of `kind` and over. */
  const ranTo = async (name: string, kind: string) => {
    const env = await envOf(name);
    const run = env?.lastRunId ? await sb.store.runs.get(env.lastRunId) : undefined;
    return !!env && !env.currentRunId && run?.kind === kind && run.status !== 'running';
  };

  /**
   * chat.postMessage as the bot, from the test, as a well-behaved client: the stand-in holds a
   * channel to about one post a second, as Slack does, so `ratelimited` is waited out (its
   * Retry-After) and the post sent again.
   */
  const api = async (body: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${sb.urls.slackApi}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sb.config.slack.botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C1', ...body }),
      });
      const answer = (await res.json()) as { ok: boolean; error?: string };
      if (answer.error !== 'ratelimited' || attempt >= 5) return answer;
      const waitS = Number(res.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, waitS) * 1000));
    }
  };

  /** Types into the message box as a person would, then Enter. */
  const send = async (text: string) => {
    await page.fill('#composer-input', '');
    await page.type('#composer-input', text);
    await page.press('#composer-input', 'Enter');
  };

  const waitText = (selector: string, text: string) => waitForText(page, selector, text, LONG);

  test('completion from the grammar, then a create whose progress is one message changing in place', async () => {
    await page.type('#composer-input', '/site cr');
    await page.waitForSelector('#completion li[data-insert="/site create "]', { timeout: LONG });
    await page.press('#composer-input', 'Tab');
    expect(await page.inputValue('#composer-input')).toBe('/site create ');
    await page.type('#composer-input', 'demo');
    await page.press('#composer-input', 'Enter');

    // The run's message: let the run post it, then find it, mark the element, and count its redraws.
    await drive(() =>
      sb.slack.messages
        .list('C1')
        .some((m) => !m.ephemeral_to && JSON.stringify(m.blocks).includes('Create VPC')),
    );
    const handle = await page.waitForFunction(
      () =>
        [...document.querySelectorAll('#messages [data-ts]')].find((e) =>
          e.textContent?.includes('Create VPC'),
        ),
      null,
      { timeout: LONG, polling: 100 },
    );
    const ts = await handle.evaluate((el) => {
      const node = el as HTMLElement & { probe?: string; redraws?: number };
      node.probe = 'the same node';
      node.redraws = 0;
      new MutationObserver(() => (node.redraws! += 1)).observe(node, { childList: true });
      return node.dataset.ts!;
    });
    const first = await handle.evaluate((el) => el!.textContent);
    await drive(async () => (await envOf('demo'))?.status === 'ready');
    await page.waitForFunction(
      (t) => document.querySelector(`#messages [data-ts="${t}"]`)?.textContent?.includes('demo is ready'),
      ts,
      { timeout: LONG, polling: 100 },
    );
    const after = await page.evaluate((t) => {
      const nodes = document.querySelectorAll(`#messages [data-ts="${t}"]`);
      const node = nodes[0] as HTMLElement & { probe?: string; redraws?: number };
      const runMessages = [...document.querySelectorAll('#messages [data-ts]')].filter((e) =>
        e.textContent?.includes('Create VPC'),
      ).length;
      return {
        count: nodes.length,
        probe: node.probe,
        redraws: node.redraws,
        text: node.textContent,
        runMessages,
      };
    }, ts);
    expect(after).toMatchObject({ count: 1, probe: 'the same node', runMessages: 1 });
    expect(after.redraws).toBeGreaterThan(1);
    expect(after.text).not.toBe(first);
  });

  test("the ready message's thread: its reply count, and opened, the summary and the environment's PNG", async () => {
    const replies = page
      .locator('#messages .msg:not(.ephemeral)', { hasText: 'demo is ready' })
      .locator('button.replies');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('#messages button.replies')].some((b) => b.textContent === '2 replies'),
      null,
      { timeout: LONG, polling: 100 },
    );
    await replies.click();
    await page.waitForSelector('#pane .thread-messages figure.file img', { timeout: LONG });
    const thread = await page.evaluate(() => {
      const img = document.querySelector('#pane .thread-messages figure.file img') as HTMLImageElement;
      return {
        title: document.querySelector('#pane-title')?.textContent,
        messages: document.querySelectorAll('#pane .thread-messages [data-ts]').length,
        mention: document.querySelector('#pane .thread-messages .mention.me')?.textContent,
        img: { loaded: img.complete && img.naturalWidth > 0, alt: img.alt, src: new URL(img.src).pathname },
      };
    });
    expect(thread).toMatchObject({ title: 'Thread in #C1', messages: 3, mention: '@U1' });
    expect(thread.img.loaded).toBe(true);
    expect(thread.img.alt).toMatch(/^demo \(ready\) in ap-northeast-1/);
    expect(thread.img.src).toMatch(/^\/_console\/files\/F[0-9A-F]+$/);
  });

  test('the environment picture: an element per resource, labels as selectable text', async () => {
    await page.click('#env-list [data-env="demo"]');
    await page.waitForSelector('#diagram svg [data-kind="db-standby"]', { timeout: LONG });
    const picture = await page.evaluate(() => {
      const all = (kind: string) =>
        [...document.querySelectorAll(`#diagram svg [data-kind="${kind}"]`)] as SVGElement[];
      const text = document.querySelector('#diagram svg text')!;
      return {
        kinds: Object.fromEntries(
          ['region', 'vpc', 'igw', 'alb', 'az', 'subnet', 'instance', 'db-primary', 'db-standby'].map((k) => [
            k,
            all(k).length,
          ]),
        ),
        web: all('instance').map((e) => [e.dataset.role, e.dataset.state]),
        primaryAz: all('db-primary')[0].dataset.az,
        standbyAz: all('db-standby')[0].dataset.az,
        userSelect: getComputedStyle(text).userSelect,
      };
    });
    expect(picture.kinds).toEqual({
      region: 1,
      vpc: 1,
      igw: 1,
      alb: 1,
      az: 2,
      subnet: 4,
      instance: 2,
      'db-primary': 1,
      'db-standby': 1,
    });
    expect(picture.web).toEqual([
      ['web-1', 'running'],
      ['web-2', 'running'],
    ]);
    expect(picture.primaryAz).not.toBe(picture.standbyAz);
    expect(picture.userSelect).not.toBe('none');
    saveScreenshot('console.png', await page.screenshot());
    saveScreenshot('diagram.png', await page.locator('#diagram').screenshot());
  });

  test('a DB failover drill: the picture swaps primary and standby, and the probe timeline shows the swap', async () => {
    const before = await page.evaluate(() => ({
      primary: (document.querySelector('#diagram svg [data-kind="db-primary"]') as SVGElement).dataset.az,
      standby: (document.querySelector('#diagram svg [data-kind="db-standby"]') as SVGElement).dataset.az,
    }));
    await page.click('#pane [data-command="/site failover demo db"]');
    await drive(() => ranTo('demo', 'failover'));
    await waitText('#messages [data-ts]', 'Failover drill on demo (db):');
    await page.waitForFunction(
      (az) =>
        (document.querySelector('#diagram svg [data-kind="db-primary"]') as SVGElement | null)?.dataset.az ===
        az,
      before.standby,
      { timeout: LONG, polling: 200 },
    );
    expect(await page.getAttribute('#diagram svg [data-kind="db-standby"]', 'data-az')).toBe(before.primary);
    // The timeline is redrawn as the drill goes: the swap's AZ after is there once RDS has moved.
    await page.waitForSelector('#drill svg [data-kind="az-swap"][data-after]', { timeout: LONG });
    const drill = await page.evaluate(() => ({
      swap: (document.querySelector('#drill svg [data-kind="az-swap"]') as SVGElement).dataset,
      probes: [...document.querySelectorAll('#drill svg [data-kind="probes"]')].map(
        (e) => (e as SVGElement).dataset.result,
      ),
      phase: (document.querySelector('#drill svg [data-kind="phase"]') as SVGElement).dataset.phase,
    }));
    expect({ ...drill.swap }).toMatchObject({ before: before.primary, after: before.standby });
    expect(drill.phase).toBe('db');
    expect(drill.probes).toContain('ok');
    saveScreenshot('drill.png', await page.locator('#drill').screenshot());
  });

  test('mrkdwn and emoji drawn as Slack does; markup in messages and commands shown as text, never run', async () => {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    const posted = await api({
      text: 'formatting sample',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Sample :rocket:' } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '*bold* _italic_ ~struck~ `inline` <https://example.com/x|a link> <@U1> &lt;b&gt;not bold&lt;/b&gt; :white_check_mark:\n```block *not bold*```',
          },
          fields: [{ type: 'mrkdwn', text: '*TTL*\n24h' }],
        },
        { type: 'divider' },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: '<javascript:alert(1)|not a link> <script>alert(2)</script>' }],
        },
      ],
    });
    expect(posted.ok).toBe(true);
    await waitText('#messages [data-ts]', 'Sample');
    const drawn = await page.evaluate(() => {
      const msg = [...document.querySelectorAll('#messages [data-ts]')].find((e) =>
        e.textContent?.includes('Sample'),
      )!;
      const q = (s: string) => [...msg.querySelectorAll(s)].map((e) => e.textContent);
      return {
        header: q('.bk-header'),
        b: q('b'),
        i: q('i'),
        s: q('s'),
        code: q('code'),
        pre: q('pre'),
        links: [...msg.querySelectorAll('a')].map((a) => [
          a.textContent,
          a.getAttribute('href'),
          a.getAttribute('rel'),
        ]),
        mention: q('.mention.me'),
        emoji: q('.emoji'),
        divider: msg.querySelectorAll('hr').length,
        scripts: msg.querySelectorAll('script').length,
        text: msg.textContent,
      };
    });
    expect(drawn.header).toEqual(['Sample 🚀']);
    expect(drawn.b).toEqual(['bold', 'TTL']);
    expect(drawn.i).toEqual(['italic']);
    expect(drawn.s).toEqual(['struck']);
    expect(drawn.code).toEqual(['inline']);
    expect(drawn.pre).toEqual(['block *not bold*']);
    expect(drawn.links).toEqual([['a link', 'https://example.com/x', 'noopener noreferrer']]);
    expect(drawn.mention).toEqual(['@U1']);
    expect(drawn.emoji).toEqual(['🚀', '✅']);
    expect(drawn.divider).toBe(1);
    expect(drawn.scripts).toBe(0);
    expect(drawn.text).toContain('<b>not bold</b>');
    expect(drawn.text).toContain('<script>alert(2)</script>');

    // A command and a message carrying markup: the bot's answer and the message show it as text.
    // Slack sends the typed text with its specials escaped (&lt;b&gt;…); the bot echoes what it got.
    await send('/site create <b>x</b><script>window.hacked=1</script>');
    await waitText('#messages .msg.ephemeral', 'is longer than 20 characters');
    const echoed = await page.evaluate(() =>
      [...document.querySelectorAll('#messages .msg.ephemeral')]
        .map((e) => e.textContent ?? '')
        .find((t) => t.includes('is longer than 20 characters'))!,
    );
    expect(echoed).toMatch(/env name '(<|&lt;)b(>|&gt;)x(<|&lt;)\/b(>|&gt;)(<|&lt;)scr/);
    await send('<img src=x onerror="window.hacked=2"><b>plain</b>');
    await waitText('#messages [data-ts]', '<img src=x onerror="window.hacked=2"><b>plain</b>');
    const after = await page.evaluate(() => ({
      hacked: (window as unknown as { hacked?: number }).hacked,
      scripts: document.querySelectorAll('#messages script').length,
      imgs: document.querySelectorAll('#messages img:not(.file img)').length,
      bold: [...document.querySelectorAll('#messages b')]
        .map((b) => b.textContent)
        .filter((t) => t === 'x' || t === 'plain'),
    }));
    expect(after).toEqual({ hacked: undefined, scripts: 0, imgs: 0, bold: [] });
    expect(dialogs).toBe(0);
  });

  test('what the strict stand-in warned about or refused carries a visible warning, a refused post included', async () => {
    // Slack takes it but reads `<env>` as a control sequence: a warning.
    expect(await api({ text: 'warned: /site extend <env>' })).toMatchObject({ ok: true });
    // Slack refuses it (a section's text is at most 3000 characters): never stored, yet shown here.
    const refused = await api({
      text: 'an oversized message',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(3001) } }],
    });
    expect(refused).toMatchObject({ ok: false, error: 'invalid_blocks' });
    await waitText('#messages .msg.undelivered .verdict', 'invalid_blocks');
    const notes = await page.evaluate(() => {
      // A try the stand-in turned away for the pace (`ratelimited`, sent again by `api`) is shown
      // refused too; the checks below are about the post that got through to the block checks.
      const paced = (msg: Element) =>
        msg.textContent?.includes('refused this message (nobody saw it): ratelimited');
      const of = (text: string) =>
        [...document.querySelectorAll('#messages [data-ts]')]
          .filter((e) => e.textContent?.includes(text) && !paced(e))
          .map((msg) => ({
            className: msg.className,
            verdicts: [...msg.querySelectorAll('.verdict')].map((v) => [v.className, v.textContent]),
          }));
      return { warned: of('warned: /site extend'), refused: of('an oversized message') };
    });
    expect(notes.warned).toEqual([
      { className: 'msg', verdicts: [['verdict', expect.stringMatching(/^⚠ unescaped_mrkdwn/)]] },
    ]);
    expect(notes.refused).toEqual([
      {
        className: 'msg undelivered',
        verdicts: [
          [
            'verdict refused',
            expect.stringMatching(
              /^⚠ Slack refused this message \(nobody saw it\): invalid_blocks: .* \(at \/blocks\/0\/text\/text\)$/,
            ),
          ],
        ],
      },
    ]);
  });

  test('as another user, a destroy of demo is refused in private: only that user sees it', async () => {
    await page.selectOption('#user-select', 'U2');
    await send('/site destroy demo');
    const refusal = await page.waitForFunction(
      () =>
        [...document.querySelectorAll('#messages .msg.ephemeral')].find((e) =>
          e.textContent?.includes('(the owner of demo) or an admin can do that'),
        ),
      null,
      { timeout: LONG, polling: 100 },
    );
    expect(await refusal.evaluate((e) => e!.textContent)).toContain('Only visible to you');
    const ts = await refusal.evaluate((e) => (e as HTMLElement).dataset.ts!);
    await page.selectOption('#user-select', 'U1');
    expect(await page.locator(`#messages [data-ts="${ts}"]`).count()).toBe(0);
  });

  test("Destroy behind Slack's confirm dialog: Keep it does nothing, Destroy tears the environment down", async () => {
    await send('/site destroy demo');
    const button = page
      .locator('#messages .msg:not(.ephemeral) [data-action-id="site_destroy_confirm"]')
      .last();
    await button.waitFor({ timeout: LONG });
    const ts = await button.evaluate((b) => (b.closest('[data-ts]') as HTMLElement).dataset.ts!);
    await button.click();
    await page.waitForSelector('#dialog-backdrop:not([hidden])', { timeout: LONG });
    expect(await page.textContent('#dialog-title')).toBe('Destroy demo?');
    await page.click('#dialog-deny');
    await page.waitForSelector('#dialog-backdrop[hidden]', { state: 'attached', timeout: LONG });
    expect((await sb.store.environments.get('demo'))?.status).toBe('ready');

    await button.click();
    await page.waitForSelector('#dialog-backdrop:not([hidden])', { timeout: LONG });
    expect(await page.getAttribute('#dialog-confirm', 'class')).toContain('danger');
    await page.click('#dialog-confirm');
    await drive(async () => (await envOf('demo'))?.status === 'destroyed');
    // The confirmation message itself becomes the teardown's progress, then its receipt.
    await page.waitForFunction(
      (t) => /Destroyed demo/.test(document.querySelector(`#messages [data-ts="${t}"]`)?.textContent ?? ''),
      ts,
      { timeout: LONG, polling: 200 },
    );
    expect((await sb.store.environments.get('demo'))?.status).toBe('destroyed');
    await page.waitForFunction(() => !document.querySelector('#env-list [data-env="demo"]'), null, {
      timeout: LONG,
    });
  });
});
