import { ENGLISH } from '../../src/i18n/texts';
/**
 * The Lambda worker edits the run's Slack progress message, and every edit it owes is sent
 * before the handler resolves (Lambda freezes the container right after, so a throttle timer
 * left pending would fire only at some later invocation). Real workflows on the AWS emulator,
 * a fake Slack Web API on loopback, SQS mocked, the state in memory.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../../src/aws/clients';
import { WORKFLOW_STEPS } from '../../src/bot/slack-sinks';
import { renderRunMessage } from '../../src/bot/views/run-message';
import { loadConfig } from '../../src/config/config';
import type { LambdaRuntime } from '../../src/handlers/runtime';
import { SqsTickScheduler } from '../../src/handlers/sqs-tick-scheduler';
import { SqsWorkQueue } from '../../src/handlers/sqs-work-queue';
import { createLambdaWorker, createLambdaWorkflows } from '../../src/handlers/worker';
import { startEmulator, type RunningEmulator } from '../../src/sandbox/aws/server';
import { MemoryOutbox } from '../helpers/memory-outbox';
import { createMemoryStore } from '../helpers/memory-store';

const QUEUE_URL = 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/sitebot-test-ticks';
/** The sink's domain clock, fixed so the expected message can be rendered the same way. */
const SINK_NOW = 1_800_000_000_000;

interface SlackCall {
  method: string;
  channel: string;
  ts?: string;
  blocks?: unknown;
}

/** chat.postMessage / chat.update on 127.0.0.1, recording what arrives. */
async function startFakeSlack(): Promise<{ server: Server; apiUrl: string; calls: SlackCall[] }> {
  const calls: SlackCall[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      const form = new URLSearchParams(body);
      const blocks = form.get('blocks');
      calls.push({
        method,
        channel: form.get('channel') ?? '',
        ts: form.get('ts') ?? undefined,
        blocks: blocks ? (JSON.parse(blocks) as unknown) : undefined,
      });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ ok: true, channel: form.get('channel'), ts: form.get('ts') ?? '1700000000.000100' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, apiUrl: `http://127.0.0.1:${port}/api/`, calls };
}

describe('Lambda worker: Slack progress', () => {
  const sqsMock = mockClient(SQSClient);
  let emulator: RunningEmulator;
  let slack: Awaited<ReturnType<typeof startFakeSlack>>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, speed: 0, env: {} });
    slack = await startFakeSlack();
  });
  afterEach(() => sqsMock.reset());
  afterAll(async () => {
    sqsMock.restore();
    await emulator.close();
    await new Promise((resolve) => slack.server.close(resolve));
  });

  it('edits the run message during a tick and has sent the latest state when the handler resolves', async () => {
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm' });
    const config = loadConfig({ SLACK_API_URL: slack.apiUrl, SITEBOT_TABLE_PREFIX: 'sitebot-test' });
    const clients = createAwsClients({
      region: config.region,
      endpoints: {
        ec2: emulator.url,
        rds: emulator.url,
        elbv2: emulator.url,
        ssm: emulator.url,
        secretsManager: emulator.url,
        serviceQuotas: emulator.url,
        iam: emulator.url,
      },
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const store = createMemoryStore();
    const ticks = new SqsTickScheduler({
      sqs: new SQSClient({ region: config.region }),
      queueUrl: QUEUE_URL,
    });
    const work = new SqsWorkQueue({ sqs: new SQSClient({ region: config.region }), queueUrl: QUEUE_URL });
    const runtime: LambdaRuntime = { config, clients, store, ticks, work, outbox: new MemoryOutbox() };
    // A long throttle: every edit after the first in a tick waits on a timer, unless flushed.
    const workflows = createLambdaWorkflows(runtime, { clients, now: () => SINK_NOW, minIntervalMs: 400 });
    const handler = createLambdaWorker(runtime, workflows, () => undefined);

    const started = await workflows.runtime.service.startRun({
      kind: 'create',
      env: 'demo',
      requestedBy: 'U1',
      channel: 'C1',
      params: {},
      notify: { channel: 'C1', messageTs: '1700000000.000100' },
    });
    if (!started.ok) throw new Error(JSON.stringify(started.message));
    const runId = started.run.runId;
    slack.calls.length = 0;

    const out = await handler({ Records: [{ messageId: 'm1', body: JSON.stringify({ runId }) }] });
    expect(out).toEqual({ batchItemFailures: [] });

    const updates = slack.calls.filter((c) => c.method === 'chat.update');
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((u) => u.channel === 'C1' && u.ts === '1700000000.000100')).toBe(true);
    // The last edit shows the run as stored after the tick: nothing was left on a timer.
    const stored = await store.runs.get(runId);
    if (!stored) throw new Error('run not stored');
    expect(Object.values(stored.steps).some((s) => s.status !== 'pending')).toBe(true);
    const expected = renderRunMessage(ENGLISH, stored, WORKFLOW_STEPS(ENGLISH, 'create'));
    expect(updates[updates.length - 1].blocks).toEqual(JSON.parse(JSON.stringify(expected.blocks)));
  }, 30_000);
});
