/**
 * 1,000 generated requests Slack did not sign correctly (test/helpers/forgeries.ts) against the
 * bot's HTTP server — all refused with 401/400/413: no service is called, nothing is stored,
 * nothing is posted, no job is queued. A correctly signed request before and after passes (the
 * control: the refusals are the forgeries', not a server that refuses everything). A body over
 * the limit sent chunked, without content-length, is refused too, without being read whole.
 * (request-verification.test.ts holds one hand-written example of each; this is the volume.)
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { ephemeral } from '../../src/bot/views/reply';
import { mrkdwn } from '../../src/bot/views/mrkdwn';
import { MAX_BODY_BYTES } from '../../src/bot/request-screen';
import { FORGED_CHANNELS, forgeries, genuineHelp, isRefusal } from '../helpers/forgeries';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { slashCommandBody } from '../helpers/slack';
import { slackSignature } from '../../src/sandbox/slack/signing';

let sb: TestSandbox;
const reply = () => Promise.resolve(ephemeral(mrkdwn`ok`, []));
const services = {
  startCreate: jest.fn(reply),
  startDestroy: jest.fn(reply),
  startFailover: jest.fn(reply),
};

beforeAll(async () => {
  sb = await startTestSandbox({ services });
});
afterAll(async () => {
  await sb?.stop();
});

async function sendGenuine(): Promise<void> {
  const control = genuineHelp(sb.config.slack.signingSecret);
  const res = await fetch(sb.urls.bot, { method: 'POST', headers: control.headers, body: control.body });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('/site create');
}

test('1,000 forged or broken requests: all 401/400/413, nothing called, stored, queued or posted', async () => {
  await sendGenuine();
  const before = await sb.itemCounts();
  const jobsBefore = sb.jobs.queued;
  const secret = sb.config.slack.signingSecret;
  const samples = fc.sample(forgeries(secret), { numRuns: 1_000, seed: 9 });
  const byKind: Record<string, number> = {};
  const wrong: { kind: string; status: number }[] = [];
  for (const f of samples) {
    const res = await fetch(sb.urls.bot, { method: 'POST', headers: f.headers(), body: f.body });
    await res.text();
    const kind = f.kind.replace(/ .*/, '');
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (!isRefusal(f, res.status)) wrong.push({ kind: f.kind, status: res.status });
  }
  expect(wrong).toEqual([]);
  expect(samples).toHaveLength(1_000);
  // Every kind of forgery was tried a fair number of times.
  expect(Object.keys(byKind).length).toBeGreaterThanOrEqual(8);
  for (const s of Object.values(services)) expect(s).not.toHaveBeenCalled();
  expect(sb.jobs.queued).toBe(jobsBefore);
  expect(await sb.itemCounts()).toEqual(before);
  for (const c of FORGED_CHANNELS) expect(await sb.messages(c)).toEqual([]);
  await sendGenuine();
}, 60_000);

test('a correctly signed body over the limit, sent chunked (no content-length), is refused with 413 and runs nothing', async () => {
  const before = await sb.itemCounts();
  const jobsBefore = sb.jobs.queued;
  // Twice the limit: more than the bot takes, less than Bolt's own 4 MB limit.
  const body = `${slashCommandBody({ text: 'create demo', channel: 'CF1' })}&pad=${'x'.repeat(2 * MAX_BODY_BYTES)}`;
  const ts = Math.floor(Date.now() / 1000);
  const url = new URL(sb.urls.bot);
  const status = await new Promise<number>((resolve, reject) => {
    let answered = false;
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': slackSignature(sb.config.slack.signingSecret, ts, body),
        },
      },
      (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    expect(req.getHeader('content-length')).toBeUndefined();
    // The server may close the connection on us once it has answered: that is the point.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
    req.end();
  });
  expect(status).toBe(413);
  expect(services.startCreate).not.toHaveBeenCalled();
  expect(sb.jobs.queued).toBe(jobsBefore);
  expect(await sb.itemCounts()).toEqual(before);
});
