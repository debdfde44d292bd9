/**
 * `npm start` as a newcomer runs it: the first line it prints is the web console's URL, and that
 * URL serves the console. Every port is 0 (free ports), so it runs beside other sandboxes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from '../helpers/slack';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');

let child: ChildProcess | undefined;
let stdout = '';
let stderr = '';

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  // npm runs the sandbox as a child of its own: stop the whole process group this test started.
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
});

test('prints the console URL first, and the URL serves the console', async () => {
  child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      SITEBOT_SLACK_PORT: '0',
      SITEBOT_DYNAMODB_PORT: '0',
      SANDBOX_AWS_PORT: '0',
      SANDBOX_REMIND_EVERY: '0',
      // A Japanese team's sandbox: the terminal console speaks SITEBOT_LANG (its start-up lines are logs).
      SITEBOT_LANG: 'ja',
    },
  });
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

  const first = await waitFor(() => {
    if (child!.exitCode !== null) throw new Error(`npm start exited ${child!.exitCode}: ${stderr}`);
    const nl = stdout.indexOf('\n');
    return nl >= 0 ? stdout.slice(0, nl) : undefined;
  }, 150_000);
  const url = /^Console: (http:\/\/127\.0\.0\.1:\d+\/)\s/.exec(first)?.[1];
  expect({ first, url }).toEqual({ first: expect.stringMatching(/^Console: /), url: expect.any(String) });

  const page = await fetch(url!);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(await page.text()).toContain('<script src="/console.js"');
  // The terminal console runs too, after the URL.
  await waitFor(() => (stdout.includes('Slack コンソール: チャンネル C1') ? true : undefined), 30_000);
  expect(stdout.indexOf('Slack コンソール')).toBeGreaterThan(stdout.indexOf('Console: '));
});
