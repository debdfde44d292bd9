/**
 * One web console session for a browser suite: the whole sandbox on a stopped clock (as npm start,
 * with the scope to post the environment's picture), headless Chromium on its page once the page
 * says it is ready, and after each test the proof that the page reached nothing but 127.0.0.1 and
 * threw nothing. Plus the two waits every suite uses.
 */
import type { Page } from 'playwright-core';
import { chromiumInstalled, CHROMIUM, launchBrowser, type TestBrowser } from '../helpers/browser';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { waitFor } from '../helpers/slack';

// CI installs chromium and sets SITEBOT_BROWSER=required: there a missing browser fails, not skips.
if (!chromiumInstalled && process.env.SITEBOT_BROWSER === 'required') {
  throw new Error(`browser tests required, but ${CHROMIUM} is not installed (apt-get install -y chromium)`);
}
if (!chromiumInstalled) {
  console.warn(
    `web console browser tests skipped: ${CHROMIUM} is not installed (.ci/run installs Debian's chromium)`,
  );
}

/** `describe` where Chromium is installed, else `describe.skip`. */
export const browserSuite = chromiumInstalled ? describe : describe.skip;

export interface ConsoleSession {
  readonly sb: TestSandbox;
  readonly browser: TestBrowser;
  readonly page: Page;
}

/** Registers the suite's hooks; the session's parts are there from its `beforeAll` on. */
export function consoleSession(env: NodeJS.ProcessEnv, timeoutMs: number): ConsoleSession {
  const session = {} as { sb: TestSandbox; browser: TestBrowser; page: Page };
  beforeAll(async () => {
    session.sb = await startTestSandbox({
      speed: 0,
      env,
      slackScopes: ['commands', 'chat:write', 'files:write'],
    });
    session.browser = await launchBrowser();
    session.page = session.browser.page;
    await session.page.goto(session.sb.urls.console);
    await session.page.waitForFunction(() => document.body.dataset.ready === 'true', null, {
      timeout: timeoutMs,
    });
  }, timeoutMs);
  afterAll(async () => {
    await session.browser?.close();
    await session.sb?.stop();
  });
  afterEach(() => {
    expect(session.browser.offBox).toEqual([]);
    expect(session.browser.pageErrors).toEqual([]);
  });
  return session;
}

/**
 * Moves virtual time until `done` holds. A command typed on the page reaches the bot over HTTP,
 * so its run may not be there yet: until it is, there is nothing to drive, and the test waits
 * (up to `timeoutMs` of real time).
 */
export function driveUntil(
  sb: TestSandbox,
  done: () => boolean | Promise<boolean>,
  withinMs: number,
  timeoutMs: number,
): Promise<true> {
  return waitFor(async () => {
    try {
      await sb.workflows!.runUntil(done, { withinMs });
      return true as const;
    } catch (err) {
      if (/no run has anything left to do/.test(String(err))) return undefined;
      throw err;
    }
  }, timeoutMs);
}

/** Waits until an element matching `selector` has `text` in it. */
export function waitForText(page: Page, selector: string, text: string, timeoutMs: number) {
  return page.waitForFunction(
    ([sel, t]) => [...document.querySelectorAll(sel)].some((e) => (e.textContent ?? '').includes(t)),
    [selector, text] as const,
    { timeout: timeoutMs, polling: 100 },
  );
}
