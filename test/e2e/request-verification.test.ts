/**
 * Requests Slack did not sign, or signed too long ago, are refused with 401 before any work:
 * no listener runs, nothing is posted, nothing is stored. Slack's own unsigned ssl_check probe
 * is answered 200 and does nothing.
 */
import { slackSignature } from '../../src/sandbox/slack/signing';
import { ephemeral } from '../../src/bot/views/reply';
import { mrkdwn } from '../../src/bot/views/mrkdwn';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { postSigned, slashCommandBody } from '../helpers/slack';
import { failOnSlackViolations } from '../helpers/slack-violations';

let sb: TestSandbox;
failOnSlackViolations(() => sb);
const startCreate = jest.fn().mockResolvedValue(ephemeral(mrkdwn`create started`, []));

beforeAll(async () => {
  sb = await startTestSandbox({ services: { startCreate } });
});
afterAll(async () => {
  await sb.stop();
});

const body = () => slashCommandBody({ text: 'create demo', user: 'U1', channel: 'CSEC' });
const nowSec = () => Math.floor(Date.now() / 1000);

async function expectNothingHappened() {
  expect(startCreate).not.toHaveBeenCalled();
  expect(await sb.messages('CSEC')).toEqual([]);
  expect(await sb.itemCounts()).toEqual({ environments: 0, runs: 0, locks: 0, audit: 0, outbox: 0 });
}

test('a correctly signed request is accepted (control)', async () => {
  const res = await postSigned(sb.urls.bot, slashCommandBody({ text: 'help', channel: 'CCTL' }), {
    secret: sb.config.slack.signingSecret,
  });
  expect(res.status).toBe(200);
  expect(res.body).toContain('/site create');
});

test("Slack's ssl_check probe (unsigned, no timestamp) → 200 with an empty body, nothing done", async () => {
  for (const probe of ['ssl_check=1&token=some-verification-token', `ssl_check=1&${body()}`]) {
    const res = await fetch(sb.urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: probe,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  }
  await expectNothingHappened();
});

test('a body larger than any Slack payload → 413, unread', async () => {
  const big = `${body()}&padding=${'x'.repeat(1024 * 1024)}`;
  const res = await postSigned(sb.urls.bot, big, { secret: sb.config.slack.signingSecret });
  expect(res.status).toBe(413);
  await expectNothingHappened();
});

test('a forged signature → 401', async () => {
  const res = await postSigned(sb.urls.bot, body(), { secret: 'not-the-signing-secret' });
  expect(res.status).toBe(401);
  await expectNothingHappened();
});

test('a signature over a different body → 401', async () => {
  const ts = nowSec();
  const signature = slackSignature(sb.config.slack.signingSecret, ts, slashCommandBody({ text: 'help' }));
  const res = await postSigned(sb.urls.bot, body(), { secret: '', timestampSec: ts, signature });
  expect(res.status).toBe(401);
  await expectNothingHappened();
});

test('a missing signature → 401', async () => {
  const res = await fetch(sb.urls.bot, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(nowSec()),
    },
    body: body(),
  });
  expect(res.status).toBe(401);
  await expectNothingHappened();
});

test('a validly signed request with a timestamp older than 5 minutes → 401', async () => {
  const res = await postSigned(sb.urls.bot, body(), {
    secret: sb.config.slack.signingSecret,
    timestampSec: nowSec() - 5 * 60 - 5,
  });
  expect(res.status).toBe(401);
  await expectNothingHappened();
});

test('a validly signed request with a timestamp more than 5 minutes ahead → 401', async () => {
  const res = await postSigned(sb.urls.bot, body(), {
    secret: sb.config.slack.signingSecret,
    timestampSec: nowSec() + 5 * 60 + 5,
  });
  expect(res.status).toBe(401);
  await expectNothingHappened();
});

test('a timestamp within the window is accepted', async () => {
  const res = await postSigned(sb.urls.bot, slashCommandBody({ text: 'list', channel: 'CCTL' }), {
    secret: sb.config.slack.signingSecret,
    timestampSec: nowSec() - 4 * 60,
  });
  expect(res.status).toBe(200);
});
