/**
 * The worker's glue with the real engine: an SQS tick message → WorkflowRunner.tick → the next
 * tick as a delayed SQS message, until the run finishes. SQS is mocked; the store is in memory.
 */
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { SqsTickScheduler } from '../../src/handlers/sqs-tick-scheduler';
import { createWorkerHandler, type SqsEvent } from '../../src/handlers/worker';
import { WorkflowRunner, WorkflowService, type WorkflowDefinition } from '../../src/workflows';
import { createMemoryStore } from '../helpers/memory-store';

const QUEUE_URL = 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/sitebot-test-ticks';

/** A resource that takes two polls to become ready, then a step that needs it. */
function twoStepWorkflow(): { workflow: WorkflowDefinition<object>; calls: string[] } {
  const calls: string[] = [];
  let polls = 0;
  const workflow: WorkflowDefinition<object> = {
    kind: 'create',
    steps: [
      {
        id: 'slow',
        title: 'Slow resource',
        needs: [],
        async run() {
          calls.push('slow');
          polls += 1;
          return polls < 2
            ? { status: 'wait', retryInMs: 30_000 }
            : { status: 'done', outputs: { id: 'r-1' } };
        },
      },
      {
        id: 'after',
        title: 'After',
        needs: ['slow'],
        async run() {
          calls.push('after');
          return { status: 'done' };
        },
      },
    ],
  };
  return { workflow, calls };
}

describe('worker + WorkflowRunner + SqsTickScheduler', () => {
  const sqsMock = mockClient(SQSClient);
  afterEach(() => sqsMock.reset());
  afterAll(() => sqsMock.restore());

  it('drives a run to the end one SQS message at a time', async () => {
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'x' });
    let now = 1_800_000_000_000;
    const clock = { now: () => now };
    const store = createMemoryStore();
    const ticks = new SqsTickScheduler({
      sqs: new SQSClient({ region: 'ap-northeast-1' }),
      queueUrl: QUEUE_URL,
      now: clock.now,
    });
    const { workflow, calls } = twoStepWorkflow();
    const runner = new WorkflowRunner({
      store,
      workflows: { create: workflow },
      deps: {},
      scheduler: ticks,
      clock,
    });
    const service = new WorkflowService({ store, workflows: { create: workflow }, scheduler: ticks, clock });
    const handler = createWorkerHandler({
      tick: (runId) => runner.tick(runId),
      requeue: (runId, dueAt) => ticks.enqueue(runId, dueAt),
      now: clock.now,
      log: () => undefined,
    });

    const started = await service.startRun({
      kind: 'create',
      env: 'demo',
      requestedBy: 'U1',
      channel: 'C1',
      params: {},
    });
    if (!started.ok) throw new Error(JSON.stringify(started.message));
    const runId = started.run.runId;

    // Deliver each sent message as SQS would once its delay has passed, until none is left.
    let delivered = 0;
    const delays: number[] = [];
    while (delivered < sqsMock.commandCalls(SendMessageCommand).length) {
      const input = sqsMock.commandCalls(SendMessageCommand)[delivered].args[0].input;
      delays.push(input.DelaySeconds ?? 0);
      now += (input.DelaySeconds ?? 0) * 1000;
      const event: SqsEvent = { Records: [{ messageId: `m-${delivered}`, body: input.MessageBody! }] };
      delivered += 1;
      expect(await handler(event)).toEqual({ batchItemFailures: [] });
      if (delivered > 20) throw new Error('run did not finish');
    }

    expect(calls).toEqual(['slow', 'slow', 'after']);
    expect((await store.runs.get(runId))?.status).toBe('succeeded');
    expect(delays[0]).toBe(0); // the first tick right away
    expect(delays).toContain(30); // the step's wait became DelaySeconds
    expect(
      sqsMock.commandCalls(SendMessageCommand).every((c) => c.args[0].input.QueueUrl === QUEUE_URL),
    ).toBe(true);
  });
});
