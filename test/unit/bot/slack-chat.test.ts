/**
 * The bot's Slack client never sleeps through a rate limit past its caller's deadline:
 * `@slack/web-api` alone would wait out a 429 for about 30 minutes, inside a Lambda that has 29 s.
 */
import { SlackChat } from '../../../src/bot/slack-chat';
import { classifySlackError } from '../../../src/bot/slack-errors';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.calls.length = 0;
});

function client(options: { deadlineInMs: number; maxRateLimitWaits?: number }) {
  const slept: number[] = [];
  const chat = new SlackChat({
    token: 'xoxb-test',
    apiUrl: fake.apiUrl,
    deadline: () => Date.now() + options.deadlineInMs,
    sleep: async (ms) => void slept.push(ms),
    // These tests are about answers; per-channel pacing has its own test below.
    postSpacingMs: 0,
    ...(options.maxRateLimitWaits !== undefined ? { maxRateLimitWaits: options.maxRateLimitWaits } : {}),
  });
  return { chat, slept };
}

test('a 429 whose Retry-After fits the deadline is waited out, then the call goes through', async () => {
  fake.script('chat.postMessage', { status: 429, retryAfterSec: 2 }, 'ok');
  const { chat, slept } = client({ deadlineInMs: 20_000 });
  const posted = await chat.chat.postMessage({ channel: 'C1', text: 'hi' });
  expect(posted.ts).toBeDefined();
  expect(slept).toEqual([2_000]);
  expect(fake.calls.map((c) => c.answer)).toEqual(['429', 'ok']);
});

test('a 429 whose Retry-After does not fit comes back at once as a rate-limit error, not a 30-minute wait', async () => {
  fake.script('chat.postMessage', { status: 429, retryAfterSec: 1800 });
  const { chat, slept } = client({ deadlineInMs: 25_000 });
  const err = await chat.chat.postMessage({ channel: 'C1', text: 'hi' }).catch((e: unknown) => e);
  expect(classifySlackError(err)).toEqual({ kind: 'retry', code: 'ratelimited', retryAfterMs: 1_800_000 });
  expect(slept).toEqual([]);
  expect(fake.calls).toHaveLength(1);
});

test('with no waits allowed (the outbox), a 429 comes back at once whatever its Retry-After', async () => {
  fake.script('chat.update', { status: 429, retryAfterSec: 1 });
  const { chat, slept } = client({ deadlineInMs: 60_000, maxRateLimitWaits: 0 });
  await expect(chat.chat.update({ channel: 'C1', ts: '1.1', text: 'x' })).rejects.toMatchObject({
    retryAfter: 1,
  });
  expect(slept).toEqual([]);
});

test("Slack's error codes come back classified", async () => {
  fake.script('chat.postMessage', { error: 'not_in_channel' });
  const { chat } = client({ deadlineInMs: 10_000 });
  const err = await chat.chat.postMessage({ channel: 'C1', text: 'hi' }).catch((e: unknown) => e);
  expect(classifySlackError(err)).toEqual({ kind: 'channel', code: 'not_in_channel' });
});

test('no call is waited on past the deadline: a Slack that does not answer comes back as a timeout in time', async () => {
  fake.script('chat.postMessage', 'hold');
  const { chat } = client({ deadlineInMs: 300 });
  const err = await chat.chat.postMessage({ channel: 'C1', text: 'hi' }).catch((e: unknown) => e);
  expect(classifySlackError(err)).toMatchObject({ kind: 'retry', code: 'request_timeout' });
  expect(fake.calls).toHaveLength(1);
  fake.releaseAll();
});

test("Slack's own trouble is tried twice more, quickly", async () => {
  fake.script('chat.postMessage', { error: 'internal_error' }, { error: 'service_unavailable' }, 'ok');
  const { chat, slept } = client({ deadlineInMs: 20_000 });
  await chat.chat.postMessage({ channel: 'C1', text: 'hi' });
  expect(slept).toEqual([200, 400]);
});

test('a deadline that is not a time (no Lambda context: Infinity) falls back to the default budget', async () => {
  fake.script('chat.postMessage', 'ok');
  const chat = new SlackChat({
    token: 'xoxb-test',
    apiUrl: fake.apiUrl,
    deadline: () => Number.POSITIVE_INFINITY,
  });
  await expect(chat.chat.postMessage({ channel: 'C1', text: 'hi' })).resolves.toMatchObject({
    ts: expect.any(String),
  });
});

test('posts to one channel leave a second apart (Slack: about one a second per channel); other channels do not wait', async () => {
  fake.script('chat.postMessage', 'ok', 'ok', 'ok', 'ok');
  let clock = 1_000_000;
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    clock += ms;
  };
  const chat = new SlackChat({ token: 'xoxb-test', apiUrl: fake.apiUrl, now: () => clock, sleep });
  await chat.chat.postMessage({ channel: 'CPACE1', text: 'one' });
  await chat.chat.postMessage({ channel: 'CPACE1', text: 'two' });
  await chat.chat.postMessage({ channel: 'CPACE2', text: 'elsewhere' });
  expect(slept).toEqual([1_000]);
  // A second client in the same process shares the pace (the sink, the outbox, the job runner).
  const other = new SlackChat({
    token: 'xoxb-test',
    apiUrl: fake.apiUrl,
    now: () => clock,
    sleep: chat['options'].sleep,
  });
  await other.chat.postMessage({ channel: 'CPACE1', text: 'three' });
  expect(slept).toEqual([1_000, 1_000]);
  expect(fake.calls).toHaveLength(4);
});

test('a pacing wait that would pass the deadline is not made: the post goes at once', async () => {
  fake.script('chat.postMessage', 'ok', 'ok');
  const clock = 2_000_000;
  const slept: number[] = [];
  const chat = new SlackChat({
    token: 'xoxb-test',
    apiUrl: fake.apiUrl,
    now: () => clock,
    deadline: () => clock + 500,
    sleep: async (ms) => void slept.push(ms),
  });
  await chat.chat.postMessage({ channel: 'CPACE3', text: 'one' });
  await chat.chat.postMessage({ channel: 'CPACE3', text: 'two' });
  expect(slept).toEqual([]);
  expect(fake.calls).toHaveLength(2);
});
