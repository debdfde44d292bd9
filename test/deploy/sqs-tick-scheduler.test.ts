import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  MAX_SQS_DELAY_SECONDS,
  SqsTickScheduler,
  tickMessageSchema,
} from '../../src/handlers/sqs-tick-scheduler';

const QUEUE_URL = 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/sitebot-test-ticks';
const T0 = 1_800_000_000_000;

function setup() {
  const sqs = mockClient(SQSClient);
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
  let now = T0;
  const scheduler = new SqsTickScheduler({
    sqs: new SQSClient({ region: 'ap-northeast-1' }),
    queueUrl: QUEUE_URL,
    now: () => now,
  });
  const sent = () =>
    sqs.commandCalls(SendMessageCommand).map((c) => ({
      delay: c.args[0].input.DelaySeconds,
      body: JSON.parse(c.args[0].input.MessageBody!) as unknown,
      queue: c.args[0].input.QueueUrl,
    }));
  return { sqs, scheduler, sent, advance: (ms: number) => (now += ms) };
}

describe('SqsTickScheduler', () => {
  it('sends { runId } with the delay rounded up to whole seconds', async () => {
    const { scheduler, sent, sqs } = setup();
    await scheduler.schedule('run-1', 12_300);
    expect(sent()).toEqual([{ delay: 13, body: { runId: 'run-1' }, queue: QUEUE_URL }]);
    sqs.restore();
  });

  it('sends an immediate tick for a zero or negative delay', async () => {
    const { scheduler, sent, sqs } = setup();
    await scheduler.schedule('run-1', 0);
    await scheduler.schedule('run-2', -5_000);
    expect(sent().map((m) => m.delay)).toEqual([0, 0]);
    sqs.restore();
  });

  it('uses the full 900 s without a hop when the wait is exactly 900 s', async () => {
    const { scheduler, sent, sqs } = setup();
    await scheduler.schedule('run-1', 900_000);
    expect(sent()).toEqual([{ delay: 900, body: { runId: 'run-1' }, queue: QUEUE_URL }]);
    sqs.restore();
  });

  it('sends a longer wait as a 900 s hop carrying the due time', async () => {
    const { scheduler, sent, sqs } = setup();
    await scheduler.schedule('run-1', 3_600_000);
    expect(sent()).toEqual([
      { delay: MAX_SQS_DELAY_SECONDS, body: { runId: 'run-1', notBefore: T0 + 3_600_000 }, queue: QUEUE_URL },
    ]);
    sqs.restore();
  });

  it('re-enqueues a hop for what is left, and without notBefore once SQS can hold the rest', async () => {
    const { scheduler, sent, advance, sqs } = setup();
    const dueAt = T0 + 2_000_000; // 2000 s away
    advance(900_000);
    await scheduler.enqueue('run-1', dueAt); // 1100 s left: another hop
    advance(900_000);
    await scheduler.enqueue('run-1', dueAt); // 200 s left: a plain delayed tick
    expect(sent()).toEqual([
      { delay: 900, body: { runId: 'run-1', notBefore: dueAt }, queue: QUEUE_URL },
      { delay: 200, body: { runId: 'run-1' }, queue: QUEUE_URL },
    ]);
    sqs.restore();
  });

  it('writes bodies that the worker schema accepts', async () => {
    const { scheduler, sent, sqs } = setup();
    await scheduler.schedule('run-1', 5_000);
    await scheduler.schedule('run-2', 5_000_000);
    for (const m of sent()) expect(tickMessageSchema.safeParse(m.body).success).toBe(true);
    sqs.restore();
  });

  it('propagates a failed send, so the caller can retry the tick', async () => {
    const { scheduler, sqs } = setup();
    sqs
      .on(SendMessageCommand)
      .rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(scheduler.schedule('run-1', 1_000)).rejects.toThrow('throttled');
    sqs.restore();
  });
});
