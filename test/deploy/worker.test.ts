import { createWorkerHandler, type SqsEvent } from '../../src/handlers/worker';

const T0 = 1_800_000_000_000;

function record(messageId: string, body: unknown): SqsEvent['Records'][number] {
  return { messageId, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function setup(tick: (runId: string) => Promise<unknown> = async () => ({ outcome: 'scheduled' })) {
  const ticked: string[] = [];
  const requeued: [string, number][] = [];
  const logs: string[] = [];
  const handler = createWorkerHandler({
    tick: async (runId) => {
      ticked.push(runId);
      return tick(runId);
    },
    requeue: async (runId, dueAt) => {
      requeued.push([runId, dueAt]);
    },
    now: () => T0,
    log: (line) => logs.push(line),
  });
  return { handler, ticked, requeued, logs };
}

describe('worker handler', () => {
  it('ticks the run of each message and reports no failure when all succeed', async () => {
    const { handler, ticked } = setup();
    const out = await handler({ Records: [record('m1', { runId: 'a' }), record('m2', { runId: 'b' })] });
    expect(ticked.sort()).toEqual(['a', 'b']);
    expect(out).toEqual({ batchItemFailures: [] });
  });

  it('reports exactly the messages whose tick failed', async () => {
    const { handler } = setup(async (runId) => {
      if (runId === 'b') throw new Error('DynamoDB unavailable');
      return { outcome: 'scheduled' };
    });
    const out = await handler({
      Records: [record('m1', { runId: 'a' }), record('m2', { runId: 'b' }), record('m3', { runId: 'c' })],
    });
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
  });

  it('fails malformed messages (they reach the DLQ) without stopping the others', async () => {
    const { handler, ticked, logs } = setup();
    const out = await handler({
      Records: [
        record('bad-json', '{not json'),
        record('no-run', { notRunId: 'x' }),
        record('empty-run', { runId: '' }),
        record('ok', { runId: 'a' }),
      ],
    });
    expect(ticked).toEqual(['a']);
    expect(out.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([
      'bad-json',
      'empty-run',
      'no-run',
    ]);
    expect(logs.join('\n')).toContain('malformed tick message bad-json');
  });

  it('ticks a run once for duplicate messages in one batch, and fails all of them together', async () => {
    const { handler, ticked } = setup(async () => {
      throw new Error('boom');
    });
    const out = await handler({ Records: [record('m1', { runId: 'a' }), record('m2', { runId: 'a' })] });
    expect(ticked).toEqual(['a']);
    expect(out.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m1', 'm2']);
  });

  it('puts a not-yet-due hop back on the queue instead of ticking', async () => {
    const { handler, ticked, requeued } = setup();
    const out = await handler({ Records: [record('m1', { runId: 'a', notBefore: T0 + 600_000 })] });
    expect(ticked).toEqual([]);
    expect(requeued).toEqual([['a', T0 + 600_000]]);
    expect(out).toEqual({ batchItemFailures: [] });
  });

  it('ticks a hop that is due (or due within a second)', async () => {
    const { handler, ticked, requeued } = setup();
    await handler({
      Records: [
        record('m1', { runId: 'a', notBefore: T0 - 5 }),
        record('m2', { runId: 'b', notBefore: T0 + 500 }),
      ],
    });
    expect(ticked.sort()).toEqual(['a', 'b']);
    expect(requeued).toEqual([]);
  });

  it('reports a failed re-enqueue so SQS delivers the hop again', async () => {
    const handler = createWorkerHandler({
      tick: async () => undefined,
      requeue: async () => {
        throw new Error('SQS down');
      },
      now: () => T0,
      log: () => undefined,
    });
    const out = await handler({ Records: [record('m1', { runId: 'a', notBefore: T0 + 3_600_000 })] });
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });

  it('logs the error name and message, not the message body', async () => {
    const { handler, logs } = setup(async () => {
      throw Object.assign(new Error('lease lost'), { name: 'ConflictError' });
    });
    await handler({ Records: [record('m1', { runId: 'run-xyz' })] });
    expect(logs).toEqual(['worker: tick of run run-xyz failed: ConflictError: lease lost']);
  });

  it('runs the jobs and outbox deliveries that share the queue with ticks, failing only what failed', async () => {
    const jobs: string[] = [];
    const deliveries: string[] = [];
    const handler = createWorkerHandler({
      tick: async () => undefined,
      requeue: async () => undefined,
      runJob: async (job) => {
        jobs.push(job.id);
        if (job.id === 'job-bad') throw new Error('DynamoDB unavailable');
      },
      deliver: async (id) => void deliveries.push(id),
      now: () => T0,
      log: () => undefined,
    });
    const job = (id: string) => ({
      job: {
        kind: 'command',
        id,
        text: 'create demo',
        userId: 'U1',
        channelId: 'C1',
        responseUrl: 'https://hooks.slack.test/r/1',
        receivedAt: T0,
      },
    });
    const out = await handler({
      Records: [
        record('m1', job('job-1')),
        record('m2', { deliver: 'remind#demo#1#2#warn#3' }),
        record('m3', job('job-bad')),
        record('m4', { job: { kind: 'command', id: 'no-url' } }),
      ],
    });
    expect(jobs.sort()).toEqual(['job-1', 'job-bad']);
    expect(deliveries).toEqual(['remind#demo#1#2#warn#3']);
    expect(out.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m3', 'm4']);
  });
});
