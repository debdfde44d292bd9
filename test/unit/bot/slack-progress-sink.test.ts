import { SlackOutbox } from '../../../src/bot/outbox';
import {
  SlackProgressSink,
  type ChatClient,
  type SlackProgressSinkOptions,
} from '../../../src/bot/slack-progress-sink';
import { slackPlatformError, slackRateLimitedError } from '../../../src/bot/slack-errors';
import type { Run, StepState } from '../../../src/state/types';
import { MemoryOutbox } from '../../helpers/memory-outbox';
import { createMemoryStore } from '../../helpers/memory-store';

const T0 = 1_700_000_000_000;

const STEPS = [
  { id: 'vpc', title: 'Create VPC', needs: [] },
  { id: 'subnets', title: 'Create subnets', needs: ['vpc'] },
  { id: 'site', title: 'Check the site', needs: ['subnets'] },
];

function run(version: number, overrides: Partial<Run> = {}): Run {
  return {
    runId: 'demo-create-1',
    env: 'demo',
    kind: 'create',
    status: 'running',
    requestedBy: 'UOWNER',
    params: {},
    steps: {
      vpc: { status: 'done', attempts: 1, startedAt: T0, finishedAt: T0 + 1_000 },
      subnets: { status: 'running', attempts: version, startedAt: T0 + 1_000, note: `poll ${version}` },
    },
    createdAt: T0,
    updatedAt: T0 + version,
    notify: { channel: 'C1', messageTs: '100.000001' },
    version,
    ...overrides,
  };
}

/** The VPC step of a finished run, with the id it recorded. */
const vpcDone: StepState = {
  status: 'done',
  attempts: 1,
  startedAt: T0,
  finishedAt: T0 + 1_000,
  outputs: { vpcId: 'vpc-1' },
};

function succeeded(version: number): Run {
  return run(version, {
    status: 'succeeded',
    finishedAt: T0 + 60_000,
    steps: {
      vpc: vpcDone,
      subnets: { status: 'done', attempts: 2, startedAt: T0 + 1_000, finishedAt: T0 + 5_000 },
      site: {
        status: 'done',
        attempts: 1,
        startedAt: T0 + 5_000,
        finishedAt: T0 + 60_000,
        outputs: { siteUrl: 'http://demo.example/', dbEndpoint: 'demo-db.x', azs: ['a1', 'c1'] },
      },
    },
  });
}

interface Call {
  method: 'post' | 'update';
  at: number;
  args: { channel: string; text: string; ts?: string; thread_ts?: string; blocks?: unknown[] };
}

function fakeClient(options: { failUpdates?: number; goneTs?: string[]; channelError?: string } = {}) {
  const calls: Call[] = [];
  let failures = options.failUpdates ?? 0;
  let nextTs = 200;
  const client: ChatClient = {
    chat: {
      async postMessage(args) {
        calls.push({ method: 'post', at: Date.now(), args });
        if (options.channelError) throw slackPlatformError(options.channelError);
        return { ts: `${nextTs++}.000001` };
      },
      async update(args) {
        calls.push({ method: 'update', at: Date.now(), args });
        if (options.channelError) throw slackPlatformError(options.channelError);
        if (options.goneTs?.includes(args.ts)) throw slackPlatformError('message_not_found');
        if (failures > 0) {
          failures--;
          throw new Error('ratelimited');
        }
        return {};
      },
    },
  };
  return { client, calls };
}

/**
 * The sink as wired in production: a run's end through the outbox (in memory here), whose
 * retries come back at once with its clock moved on by the delay asked for.
 */
function sinkWith(
  client: ChatClient,
  options: Omit<SlackProgressSinkOptions, 'client' | 'steps' | 'finals'> = {},
) {
  let now = T0;
  const logs: string[] = [];
  const repo = new MemoryOutbox();
  const outbox: SlackOutbox = new SlackOutbox({
    repo,
    chat: client,
    store: createMemoryStore(),
    owner: 'test',
    now: () => now,
    random: () => 0,
    log: (line) => logs.push(line),
    scheduler: {
      deliverLater: async (id, ms) => {
        now += ms;
        await outbox.deliver(id);
      },
    },
  });
  const sink = new SlackProgressSink({
    client,
    steps: () => STEPS,
    finals: outbox,
    messages: repo,
    ...options,
  });
  return { sink, logs, repo };
}

const body = (c: Call) => `${c.args.text}\n${JSON.stringify(c.args.blocks ?? [])}`;

test('a burst of updates becomes at most one chat.update per interval, ending with the latest state', async () => {
  const { client, calls } = fakeClient();
  const { sink } = sinkWith(client, { minIntervalMs: 100 });
  for (let v = 1; v <= 30; v++) await sink.onRunUpdate(run(v), { type: 'step', stepId: 'subnets' });
  await sink.flush();
  const updates = calls.filter((c) => c.method === 'update');
  expect(updates.length).toBeGreaterThanOrEqual(2);
  expect(updates.length).toBeLessThan(5);
  for (let i = 1; i < updates.length; i++)
    expect(updates[i].at - updates[i - 1].at).toBeGreaterThanOrEqual(95);
  expect(updates.every((c) => c.args.ts === '100.000001' && c.args.channel === 'C1')).toBe(true);
  expect(body(updates[updates.length - 1])).toContain('poll 30');
  expect(calls.filter((c) => c.method === 'post')).toHaveLength(0);
});

test('the final state is awaited and delivered, then one thread reply mentions the requester', async () => {
  const { client, calls } = fakeClient();
  const { sink } = sinkWith(client, { minIntervalMs: 100 });
  await sink.onRunUpdate(run(1), { type: 'started' });
  await sink.onRunUpdate(run(2), { type: 'step', stepId: 'subnets' });
  await sink.onRunUpdate(succeeded(3), { type: 'finished' });
  // No flush: returning from the final update means it is in Slack.
  const last = calls.filter((c) => c.method === 'update').pop() as Call;
  expect(body(last)).toContain('demo is ready');
  expect(body(last)).toContain('http://demo.example/');
  expect(body(last)).toContain('critical path (1m): Create VPC → Create subnets → Check the site');
  const replies = calls.filter((c) => c.args.thread_ts === '100.000001');
  expect(replies).toHaveLength(1);
  expect(replies[0].args.text).toMatch(/^<@UOWNER> .*demo is ready/);
  // Late duplicates of the end change nothing.
  await sink.onRunUpdate(succeeded(3), { type: 'finished' });
  await sink.flush();
  expect(calls.filter((c) => c.args.thread_ts)).toHaveLength(1);
});

test('a final update that Slack refuses is tried again, never dropped', async () => {
  const { client, calls } = fakeClient({ failUpdates: 2 });
  const { sink, logs } = sinkWith(client, { minIntervalMs: 20 });
  await sink.onRunUpdate(succeeded(5), { type: 'finished' });
  const updates = calls.filter((c) => c.method === 'update');
  expect(updates).toHaveLength(3);
  expect(body(updates[2])).toContain('demo is ready');
  expect(logs.filter((l) => l.includes('failed'))).toHaveLength(2);
  expect(calls.filter((c) => c.args.thread_ts)).toHaveLength(1);
});

test('a deleted progress message: a new one is posted and edited from then on; the end and the mention arrive', async () => {
  const { client, calls } = fakeClient({ goneTs: ['100.000001'] });
  const errors: unknown[] = [];
  const { sink, repo } = sinkWith(client, { minIntervalMs: 10, onError: (err) => errors.push(err) });
  await sink.onRunUpdate(run(1), { type: 'started' });
  await sink.flush();
  await sink.onRunUpdate(run(2), { type: 'step', stepId: 'subnets' });
  await sink.flush();
  await sink.onRunUpdate(succeeded(3), { type: 'finished' });
  expect(calls.map((c) => `${c.method} ${c.args.ts ?? c.args.thread_ts ?? ''}`)).toEqual([
    'update 100.000001', // gone
    'post ', // its replacement: 200.000001
    'update 200.000001',
    'update 200.000001', // the end
    'post 200.000001', // the thread reply
  ]);
  expect(body(calls[3])).toContain('demo is ready');
  expect(calls[4].args.text).toMatch(/^<@UOWNER> .*demo is ready/);
  // Remembered, for the run's ticks in another process.
  expect(await repo.runMessage('demo-create-1')).toEqual({ channel: 'C1', ts: '200.000001' });
  expect(errors).toHaveLength(1);
});

test('a progress message deleted before the end: the end is posted as a new message, with the reply under it', async () => {
  const { client, calls } = fakeClient({ goneTs: ['100.000001'] });
  const { sink } = sinkWith(client, { minIntervalMs: 10 });
  await sink.onRunUpdate(succeeded(3), { type: 'finished' });
  expect(calls.map((c) => `${c.method} ${c.args.ts ?? c.args.thread_ts ?? ''}`)).toEqual([
    'update 100.000001',
    'post ',
    'post 200.000001',
  ]);
  expect(body(calls[1])).toContain('demo is ready');
  expect(calls[2].args.text).toContain('<@UOWNER>');
});

test('another process already replaced the message: this one edits the replacement', async () => {
  const { client, calls } = fakeClient({ goneTs: ['100.000001'] });
  const { sink, repo } = sinkWith(client, { minIntervalMs: 10 });
  await repo.setRunMessage('demo-create-1', { channel: 'C1', ts: '150.000001' });
  await sink.onRunUpdate(run(4), { type: 'step', stepId: 'subnets' });
  await sink.flush();
  expect(calls.map((c) => `${c.method} ${c.args.ts ?? ''}`)).toEqual(['update 150.000001']);
});

test('a run started without a message (auto-destroy): the one posted is remembered, and another process edits it', async () => {
  const { client, calls } = fakeClient();
  const first = sinkWith(client, { minIntervalMs: 10 });
  await first.sink.onRunUpdate(run(1, { notify: { channel: 'C9' } }), { type: 'started' });
  await first.sink.flush();
  const other = new SlackProgressSink({
    client,
    steps: () => STEPS,
    finals: { send: async () => true },
    messages: first.repo,
    minIntervalMs: 10,
  });
  await other.onRunUpdate(run(2, { notify: { channel: 'C9' } }), { type: 'step', stepId: 'subnets' });
  await other.flush();
  expect(calls.map((c) => `${c.method} ${c.args.ts ?? ''}`)).toEqual(['post ', 'update 200.000001']);
});

test('a channel the bot can no longer post in: progress edits stop; the end is given up and logged with the run', async () => {
  const { client, calls } = fakeClient({ channelError: 'is_archived' });
  const { sink, logs } = sinkWith(client, { minIntervalMs: 10, onError: () => undefined });
  await sink.onRunUpdate(run(1), { type: 'started' });
  await sink.flush();
  for (let v = 2; v < 6; v++) {
    await sink.onRunUpdate(run(v), { type: 'step', stepId: 'subnets' });
    await sink.flush();
  }
  expect(calls).toHaveLength(1);
  await sink.onRunUpdate(succeeded(6), { type: 'finished' });
  expect(calls).toHaveLength(2);
  expect(logs.join('\n')).toMatch(
    /gave up on create\.finished .*\(env demo, run demo-create-1\).*is_archived/,
  );
});

test('a run without a message gets one posted, then edited in place', async () => {
  const { client, calls } = fakeClient();
  const { sink } = sinkWith(client, { minIntervalMs: 10 });
  await sink.onRunUpdate(run(1, { notify: { channel: 'C9' } }), { type: 'started' });
  await sink.flush();
  await sink.onRunUpdate(run(2, { notify: { channel: 'C9' } }), { type: 'step', stepId: 'subnets' });
  await sink.flush();
  expect(calls.map((c) => c.method)).toEqual(['post', 'update']);
  expect(calls[1].args.ts).toBe('200.000001');
  expect(sink.messageOf('demo-create-1')).toEqual({ channel: 'C9', ts: '200.000001' });
});

test('a failed create says what failed in plain words, what was left, and how to clean up or retry', async () => {
  const { client, calls } = fakeClient();
  const { sink } = sinkWith(client, { minIntervalMs: 10 });
  const failed = run(4, {
    status: 'failed',
    finishedAt: T0 + 30_000,
    steps: {
      vpc: vpcDone,
      subnets: {
        status: 'failed',
        attempts: 3,
        startedAt: T0 + 1_000,
        finishedAt: T0 + 30_000,
        error: { message: 'no capacity in ap-northeast-1c', retryable: false },
      },
    },
    summary: { error: 'no capacity in ap-northeast-1c' },
  });
  await sink.onRunUpdate(failed, { type: 'finished' });
  const text = body(calls.find((c) => c.method === 'update') as Call);
  expect(text).toContain('create of demo failed');
  expect(text).toContain('*Create subnets* failed: no capacity in ap-northeast-1c');
  expect(text).toContain(
    'Created so far and still there (they cost money until removed): 1 resource — 1 VPC.',
  );
  expect(text).toContain('/site destroy demo');
  expect(text).toContain('/site create demo` again: it resumes');
  const reply = calls.find((c) => c.args.thread_ts) as Call;
  expect(reply.args.text).toContain('<@UOWNER>');
  expect(reply.args.text).toContain('/site destroy demo');
});

test('a failed run that is resumed (same run id) is shown again in its message', async () => {
  const { client, calls } = fakeClient();
  const { sink } = sinkWith(client, { minIntervalMs: 10 });
  await sink.onRunUpdate(run(1, { status: 'failed', finishedAt: T0 + 5_000 }), { type: 'finished' });
  await sink.onRunUpdate(run(2), { type: 'step', stepId: 'subnets' });
  await sink.onRunUpdate(succeeded(3), { type: 'finished' });
  const updates = calls.filter((c) => c.method === 'update');
  expect(body(updates[0])).toContain('create of demo failed');
  expect(body(updates[updates.length - 1])).toContain('demo is ready');
  expect(calls.filter((c) => c.args.thread_ts)).toHaveLength(2);
});

test('edits of all messages together keep one pace (chat.update is per workspace), and a 429 pauses them all for its Retry-After', async () => {
  const { client, calls } = fakeClient();
  const update = client.chat.update.bind(client.chat);
  let limited = 1;
  client.chat.update = async (args) => {
    if (args.ts === '100.000002' && limited-- > 0) {
      calls.push({ method: 'update', at: Date.now(), args });
      throw slackRateLimitedError(1);
    }
    return update(args);
  };
  const { sink } = sinkWith(client, { minIntervalMs: 0, editSpacingMs: 150 });
  const other = (v: number) => run(v, { runId: 'r2', notify: { channel: 'C1', messageTs: '100.000002' } });
  for (let v = 1; v <= 6; v++) {
    await sink.onRunUpdate(other(v), { type: 'step', stepId: 'subnets' });
    await sink.onRunUpdate(run(v), { type: 'step', stepId: 'subnets' });
  }
  await sink.flush();
  const updates = calls.filter((c) => c.method === 'update');
  expect(updates.length).toBeGreaterThanOrEqual(3);
  const gaps = updates.slice(1).map((c, i) => c.at - updates[i].at);
  // The 429 came first: nothing for its second, then one edit per 150 ms across both messages.
  expect(gaps[0]).toBeGreaterThanOrEqual(990);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(145);
  // Both messages end with their latest state.
  expect(body(updates.filter((c) => c.args.ts === '100.000001').at(-1)!)).toContain('poll 6');
  expect(body(updates.filter((c) => c.args.ts === '100.000002').at(-1)!)).toContain('poll 6');
});
