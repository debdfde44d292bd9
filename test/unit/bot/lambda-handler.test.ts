/**
 * The Lambda entry point with the container runtime replaced by an in-memory one: the same
 * Bolt app answers API Gateway (HTTP API v2) events; Slack's ssl_check gets 200 and nothing
 * else; unsigned or stale requests get 401, oversized ones 413.
 */
import { createAwsClients } from '../../../src/aws/clients';
import { loadConfig } from '../../../src/config/config';
import { slackSignature } from '../../../src/sandbox/slack/signing';
import { createMemoryStore } from '../../helpers/memory-store';
import { newEnvironment } from '../../helpers/records';
import { slashCommandBody } from '../../helpers/slack';

const config = loadConfig({ SLACK_BOT_ID: 'B1', SLACK_BOT_USER_ID: 'U0BOT' });
const store = createMemoryStore();
// Clients are built lazily and never called by these commands (help, list); ticks are not sent.
// Every endpoint is a closed loopback port, so a stray call could never leave the machine.
const nowhere = 'http://127.0.0.1:9';
const clients = createAwsClients({
  region: config.region,
  endpoints: Object.fromEntries(
    ['ec2', 'rds', 'elbv2', 'ssm', 'secretsManager', 'dynamodb', 'sqs', 'iam', 'serviceQuotas'].map((k) => [
      k,
      nowhere,
    ]),
  ),
});
const ticks = { schedule: jest.fn(async () => undefined) };
const work = { enqueue: jest.fn(async () => undefined) };
const getRuntime = jest.fn(async () => ({ config, store, clients, ticks, work }));
jest.mock('../../../src/handlers/runtime', () => ({ getRuntime: () => getRuntime() }));

// Imported after the mock is registered (jest hoists jest.mock above imports anyway).
import { handler } from '../../../src/handlers/slack';

function event(body: string, headers: Record<string, string>) {
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    requestContext: {},
    isBase64Encoded: false,
    body,
  };
}

function signed(body: string, ts = Math.floor(Date.now() / 1000), secret = config.slack.signingSecret) {
  return event(body, {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': slackSignature(secret, ts, body),
  });
}

test("Slack's ssl_check (no signature, no timestamp) → 200 and nothing else, before anything is built", async () => {
  const probe = event('ssl_check=1&token=some-verification-token', {});
  expect(await handler(probe, {})).toEqual({ statusCode: 200, body: '' });
  // A probe that smuggles a command along runs nothing either.
  const smuggled = event(`ssl_check=1&${slashCommandBody({ text: 'create demo' })}`, {});
  expect(await handler(smuggled, {})).toEqual({ statusCode: 200, body: '' });
  expect(getRuntime).not.toHaveBeenCalled();
  expect(work.enqueue).not.toHaveBeenCalled();
});

test('a body over 1 MB → 413 before anything is built, signed or not', async () => {
  const big = `${slashCommandBody({ text: 'help' })}&pad=${'x'.repeat(1024 * 1024)}`;
  expect((await handler(signed(big), {})).statusCode).toBe(413);
  expect(getRuntime).not.toHaveBeenCalled();
});

test('a stale or future timestamp → 401, before the runtime is even built (runs first: nothing built yet)', async () => {
  const now = Math.floor(Date.now() / 1000);
  expect((await handler(signed(slashCommandBody({ text: 'help' }), now - 301), {})).statusCode).toBe(401);
  expect((await handler(signed(slashCommandBody({ text: 'help' }), now + 301), {})).statusCode).toBe(401);
  expect((await handler(event(slashCommandBody({ text: 'help' }), {}), {})).statusCode).toBe(401);
  expect(getRuntime).not.toHaveBeenCalled();
});

test('a signed /site help is answered in the response body', async () => {
  const res = await handler(signed(slashCommandBody({ text: 'help' })), {});
  expect(res.statusCode).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({
    response_type: 'ephemeral',
    text: expect.stringContaining('/site list'),
  });
});

test('list reads the runtime store', async () => {
  const now = Date.now();
  await store.environments.create(
    newEnvironment({ name: 'lambda-env', createdAt: now, updatedAt: now, expiresAt: now + 3_600_000 }),
  );
  const res = await handler(signed(slashCommandBody({ text: 'list' })), {});
  expect(res.body).toContain('lambda-env');
});

test('a base64-encoded body (as API Gateway may send it) is read as sent', async () => {
  const plain = signed(slashCommandBody({ text: 'help' }));
  const res = await handler(
    { ...plain, body: Buffer.from(plain.body).toString('base64'), isBase64Encoded: true },
    {},
  );
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('/site list');
});

test('a command that acts is queued as a job and acked; the handler itself posts nothing', async () => {
  const res = await handler(
    signed(slashCommandBody({ text: 'create queued', user: 'U7', channel: 'C7' })),
    {},
  );
  expect(JSON.parse(res.body)).toMatchObject({ text: expect.stringContaining('Working on it') });
  expect(work.enqueue).toHaveBeenCalledWith(
    expect.objectContaining({ kind: 'command', text: 'create queued', userId: 'U7', channelId: 'C7' }),
  );
});

test('a forged signature → 401', async () => {
  const res = await handler(signed(slashCommandBody({ text: 'help' }), undefined, 'wrong-secret'), {});
  expect(res).toEqual({ statusCode: 401, body: '' });
});
