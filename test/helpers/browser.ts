/**
 * Headless Chromium for the web console's tests (playwright-core, Debian's `chromium`): a fresh
 * profile, no sandbox (containers), no background traffic, and every request that is not for
 * 127.0.0.1 refused and recorded, so a test can show the page reached nothing else.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM);

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to send anywhere but 127.0.0.1 (refused). */
  offBox: string[];
  /** Errors the page threw, and what it logged about its Content-Security-Policy (a refused load). */
  pageErrors: string[];
  close(): Promise<void>;
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(viewport = { width: 1480, height: 900 }): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'sitebot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
  });
  const offBox: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.hostname === '127.0.0.1') return route.continue();
    offBox.push(url.href);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
  });
  return {
    context,
    page,
    offBox,
    pageErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Saves a screenshot under test-output/screenshots, and — with SITEBOT_UPDATE_SCREENSHOTS=1 —
 * under docs/screenshots, where README.md shows it.
 */
export function saveScreenshot(name: string, png: Buffer): void {
  const root = join(__dirname, '..', '..');
  const targets = [join(root, 'test-output', 'screenshots', name)];
  if (process.env.SITEBOT_UPDATE_SCREENSHOTS === '1') targets.push(join(root, 'docs', 'screenshots', name));
  for (const file of targets) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, png);
  }
}
