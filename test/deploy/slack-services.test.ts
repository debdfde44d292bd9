/**
 * The slack Lambda's services: `/site create` through createLambdaServices records the run,
 * posts its progress message and hands the first tick to the worker as an SQS message, without
 * running a step (no AWS call besides SQS; the store is in memory).
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import type { webApi } from '@slack/bolt';
import { createAwsClients } from '../../src/aws/clients';
import type { CommandContext } from '../../src/bot/services';
import { loadConfig } from '../../src/config/config';
import type { LambdaRuntime } from '../../src/handlers/runtime';
import { createLambdaServices } from '../../src/handlers/slack';
import { SqsTickScheduler } from '../../src/handlers/sqs-tick-scheduler';
import { createMemoryStore } from '../helpers/memory-store';

const QUEUE_URL = 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/sitebot-test-ticks';

describe('slack Lambda services', () => {
  const sqsMock = mockClient(SQSClient);
  afterEach(() => sqsMock.reset());
  afterAll(() => sqsMock.restore());

  function setup() {
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm' });
    const config = loadConfig({ SITEBOT_TABLE_PREFIX: 'sitebot-test' });
    // Every other service on a dead loopback port: a step run here would fail the test.
    const clients = createAwsClients({
      region: config.region,
      endpoints: { ec2: 'http://127.0.0.1:9', rds: 'http://127.0.0.1:9', elbv2: 'http://127.0.0.1:9' },
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const store = createMemoryStore();
    const ticks = new SqsTickScheduler({
      sqs: new SQSClient({ region: config.region }),
      queueUrl: QUEUE_URL,
    });
    const runtime: LambdaRuntime = { config, clients, store, ticks };
    const posted: { channel: string; text: string }[] = [];
    const client = {
      chat: {
        postMessage: async (args: { channel: string; text: string }) => {
          posted.push(args);
          return { ok: true, ts: '1700000000.000200' };
        },
        update: async () => ({ ok: true }),
      },
    } as unknown as webApi.WebClient; // only chat.postMessage/update are called
    const ctx: CommandContext = {
      userId: 'U1',
      channelId: 'C1',
      client,
      respond: jest.fn(),
      now: () => 1_800_000_000_000,
    };
    return { services: createLambdaServices(runtime), store, posted, ctx };
  }

  it('provides every command and the buttons', () => {
    const { services } = setup();
    for (const key of ['startCreate', 'extend', 'startDestroy', 'startFailover', 'handleButton'] as const) {
      expect(typeof services[key]).toBe('function');
    }
  });

  it('/site create starts the run and queues its first tick for the worker', async () => {
    const { services, store, posted, ctx } = setup();
    const reply = await services.startCreate!(
      { kind: 'create', env: 'demo', ttlMs: 3_600_000, multiAz: 'now', dryRun: false },
      ctx,
    );
    expect(JSON.stringify(reply)).toContain('Creating *demo*');
    expect(posted).toEqual([expect.objectContaining({ channel: 'C1', text: 'Creating demo… 0s so far' })]);
    const env = await store.environments.get('demo');
    const runId = env?.currentRunId;
    expect(runId).toBeDefined();
    const run = await store.runs.get(runId!);
    expect(run?.notify).toEqual({ channel: 'C1', messageTs: '1700000000.000200' });
    const sent = sqsMock.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([
      expect.objectContaining({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ runId }) }),
    ]);
  });
});
