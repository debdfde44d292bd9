/**
 * The Lambda functions against a Slack that misbehaves (test/helpers/fake-slack.ts): a Web API
 * that hangs, answers 429 with a 30-minute Retry-After, `not_in_channel`, `is_archived`. The
 * slack handler and the remind pass are the deployed entry points over a container runtime
 * whose store and outbox are in memory, SQS mocked (messages recorded, jobs handed to the worker
 * by the test, as SQS would).
 *
 * Each case failed before the delivery rework (issue 13, "Measured today"): the ack waited on
 * the service's Slack calls; `not_in_channel` answered "Something went wrong"; a 429 held the
 * Lambda for Retry-After; an archived channel lost the auto-destroy for good.
 * Later: run the channel states and rate limits against the strict stand-in (issue 13 §1).
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../src/aws/clients';
import { loadConfig } from '../../src/config/config';
import type { LambdaRuntime } from '../../src/handlers/runtime';
import { SqsTickScheduler } from '../../src/handlers/sqs-tick-scheduler';
import { SqsWorkQueue } from '../../src/handlers/sqs-work-queue';
import { slackSignature } from '../../src/sandbox/slack/signing';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack';
import { MemoryOutbox } from '../helpers/memory-outbox';
import { createMemoryStore } from '../helpers/memory-store';
import { newEnvironment } from '../helpers/records';
import { slashCommandBody } from '../helpers/slack';

const QUEUE_URL = 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/sitebot-test-ticks';
const sqsMock = mockClient(SQSClient);

let fake: FakeSlack;
let runtime: LambdaRuntime;
let clients: AwsClients;
jest.mock('../../src/handlers/runtime', () => ({ getRuntime: async () => runtime }));

// Imported after the mock is registered (jest hoists jest.mock above imports anyway).
import { handler } from '../../src/handlers/slack';
import { createRemindPass } from '../../src/handlers/remind';
import { createLambdaWorker, createLambdaWorkflows, type SqsEvent } from '../../src/handlers/worker';

const store = createMemoryStore();
const outbox = new MemoryOutbox();
const logs: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  const config = loadConfig({
    SLACK_API_URL: fake.apiUrl,
    SLACK_BOT_ID: 'B0LAMBDA',
    SLACK_BOT_USER_ID: 'U0SITEBOT',
    SITEBOT_TABLE_PREFIX: 'sitebot-test',
  });
  const nowhere = 'http://127.0.0.1:9';
  clients = createAwsClients({
    region: config.region,
    endpoints: Object.fromEntries(
      ['ec2', 'rds', 'elbv2', 'ssm', 'secretsManager', 'dynamodb', 'iam'].map((k) => [k, nowhere]),
    ),
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const sqs = new SQSClient({ region: config.region });
  runtime = {
    config,
    clients,
    store,
    outbox,
    ticks: new SqsTickScheduler({ sqs, queueUrl: QUEUE_URL }),
    work: new SqsWorkQueue({ sqs, queueUrl: QUEUE_URL }),
  };
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm' });
  jest.spyOn(console, 'log').mockImplementation((line: unknown) => void logs.push(String(line)));
});
afterAll(async () => {
  jest.restoreAllMocks();
  sqsMock.restore();
  await fake.close();
});
beforeEach(() => {
  fake.calls.length = 0;
  fake.responses.length = 0;
  logs.length = 0;
  sqsMock.resetHistory();
  fake.script('chat.postMessage', 'ok');
  fake.script('chat.update', 'ok');
});

/** Resolves with `promise`, or fails once `ms` have passed without an answer. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function slashCommand(text: string, channel: string, responseId: string) {
  const body = slashCommandBody({ text, channel, user: 'UOWNER', responseUrl: fake.responseUrl(responseId) });
  const ts = Math.floor(Date.now() / 1000);
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(runtime.config.slack.signingSecret, ts, body),
    },
    requestContext: {},
    isBase64Encoded: false,
    body,
  };
}

/** What went to SQS since the test began. */
const sent = () =>
  sqsMock.commandCalls(SendMessageCommand).map((c) => ({
    body: JSON.parse(c.args[0].input.MessageBody!) as Record<string, unknown>,
    delay: c.args[0].input.DelaySeconds ?? 0,
  }));

/** Hands the queued jobs to the worker, as SQS would. */
async function runQueuedJobs(): Promise<void> {
  const worker = createLambdaWorker(runtime, createLambdaWorkflows(runtime, { clients }), (l) =>
    logs.push(l),
  );
  const jobs = sent().filter((m) => 'job' in m.body);
  const event: SqsEvent = {
    Records: jobs.map((m, i) => ({ messageId: `job-${i}`, body: JSON.stringify(m.body) })),
  };
  expect(await worker(event, { getRemainingTimeInMillis: () => 60_000 })).toEqual({ batchItemFailures: [] });
}

/** Everything the person saw: the ack, then what reached the response_url. */
const seen = (ack: { body: string }, responseId: string) => [
  ack.body,
  ...fake.responses.filter((r) => r.id === responseId).map((r) => JSON.stringify(r.body)),
];

test('/site create is acked at once while every Slack Web API call hangs, and the ack makes none', async () => {
  fake.script('chat.postMessage', 'hold');
  const ack = await within(handler(slashCommand('create demo', 'C1', 'create-demo'), {}), 10_000, 'the ack');
  expect(ack.statusCode).toBe(200);
  expect(JSON.parse(ack.body)).toMatchObject({ text: expect.stringContaining('Working on it') });
  expect(fake.calls).toEqual([]);
  expect(sent()).toEqual([
    { body: { job: expect.objectContaining({ kind: 'command', text: 'create demo' }) }, delay: 0 },
  ]);
  expect(await store.environments.get('demo')).toBeUndefined();
});

test('the worker then runs the create: progress message, run, first tick, the answer via response_url', async () => {
  await handler(slashCommand('create shop', 'C1', 'create-shop'), {});
  await runQueuedJobs();
  expect(fake.posted('C1').map((c) => c.args.text)).toEqual(['Creating shop… 0s so far']);
  const env = await store.environments.get('shop');
  expect(env?.currentRunId).toBeDefined();
  expect(sent().filter((m) => 'runId' in m.body)).toEqual([{ body: { runId: env!.currentRunId }, delay: 0 }]);
  const answer = fake.responses.find((r) => r.id === 'create-shop');
  expect(answer?.body.text).toContain(`Creating *shop* (run \`${env!.currentRunId}\`)`);
});

test('bot not in the channel: told privately to invite the bot, naming the command; nothing started', async () => {
  fake.script('chat.postMessage', { error: 'not_in_channel' });
  const ack = await handler(slashCommand('create lonely', 'CNOTIN', 'lonely'), {});
  await runQueuedJobs();
  const saw = seen(ack, 'lonely');
  expect(saw.some((t) => t.includes('/invite <@U0SITEBOT>') && t.includes('/site create lonely'))).toBe(true);
  expect(saw.some((t) => t.includes('Something went wrong'))).toBe(false);
  expect(await store.environments.get('lonely')).toBeUndefined();
  expect(await store.locks.get('lonely')).toBeUndefined();
  expect(await store.runs.listByEnv('lonely')).toEqual([]);
});

const H = 3_600_000;

test('a 429 with a 30-minute Retry-After never holds a Lambda: the reminder is kept for later', async () => {
  // 02:00 in Tokyo: no digest due, only the warning.
  const now = Date.UTC(2026, 10, 26, 17, 0, 0);
  await store.environments.create(
    newEnvironment({
      name: 'busy-slack',
      channel: 'C429',
      // Its expiry chosen 3 h ahead: the 2 h warning was still ahead then, so it is due now.
      createdAt: now - 2 * H,
      updatedAt: now - 2 * H,
      expiresAt: now + H,
    }),
  );
  fake.script('chat.postMessage', { status: 429, retryAfterSec: 1800 });
  const result = await within(createRemindPass(runtime, () => now)(), 15_000, 'the reminder pass');
  expect(result).toMatchObject({ warned: 1 });
  expect(fake.calls.filter((c) => c.answer === '429')).toHaveLength(1);
  const [kept] = [...outbox.messages.values()].filter((m) => m.about.env === 'busy-slack');
  expect(kept).toMatchObject({ status: 'pending', attempts: 1 });
  expect(kept.dueAt).toBeGreaterThanOrEqual(Date.now() + 1_790_000);
  // Brought back by SQS (at most 900 s ahead; the sweep takes it from there).
  expect(sent().filter((m) => m.body.deliver === kept.id)).toEqual([
    { body: { deliver: kept.id }, delay: 900 },
  ]);
});

test('auto-destroy in an archived channel: the teardown starts and is recorded; the notice is given up and logged', async () => {
  const now = Date.UTC(2026, 10, 26, 17, 0, 0);
  await store.environments.create(
    newEnvironment({
      name: 'archived',
      channel: 'CARCH',
      createdAt: now - 30 * H,
      updatedAt: now - 30 * H,
      expiresAt: now - 60_000,
    }),
  );
  fake.script('chat.postMessage', { error: 'is_archived' });
  await within(createRemindPass(runtime, () => now)(), 15_000, 'the reminder pass');
  const env = await store.environments.get('archived');
  expect(env?.status).toBe('destroying');
  const [run] = await store.runs.listByEnv('archived');
  expect(run).toMatchObject({ kind: 'destroy', status: 'running', runId: env!.currentRunId });
  expect(sent().some((m) => m.body.runId === run.runId)).toBe(true);
  expect(logs.join('\n')).toMatch(/gave up on reminder\.auto-destroy .*\(env archived\).*is_archived/);
});
