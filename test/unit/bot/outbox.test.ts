/**
 * The outbox's delivery rules, on a manual clock: at once when Slack takes it; again with
 * backoff, never before Retry-After; resumed after the last step done; a message that is gone is
 * posted anew; given up (and logged with env and run) when no retry can help or after 24 h.
 */
import { SlackOutbox } from '../../../src/bot/outbox';
import type { ChatClient, PostMessageArgs, UpdateMessageArgs } from '../../../src/bot/slack-chat';
import { slackPlatformError, slackRateLimitedError } from '../../../src/bot/slack-errors';
import type { OutboxStep } from '../../../src/state';
import { MemoryOutbox } from '../../helpers/memory-outbox';
import { createMemoryStore } from '../../helpers/memory-store';
import { newEnvironment } from '../../helpers/records';

const T0 = 1_800_000_000_000;

/** Slack whose next answers are scripted: an Error to throw, or undefined to succeed. */
function fakeChat() {
  const calls: { method: 'post' | 'update'; args: PostMessageArgs | UpdateMessageArgs }[] = [];
  const failures: (Error | undefined)[] = [];
  let ts = 0;
  const answer = () => {
    const failure = failures.shift();
    if (failure) throw failure;
  };
  const chat: ChatClient = {
    chat: {
      async postMessage(args) {
        calls.push({ method: 'post', args });
        answer();
        return { ts: `${++ts}.000000` };
      },
      async update(args) {
        calls.push({ method: 'update', args });
        answer();
        return {};
      },
    },
  };
  return { chat, calls, failures };
}

function setup() {
  let now = T0;
  const repo = new MemoryOutbox();
  const store = createMemoryStore();
  const slack = fakeChat();
  const logs: string[] = [];
  const later: { id: string; delayMs: number }[] = [];
  const outbox = new SlackOutbox({
    repo,
    chat: slack.chat,
    store,
    owner: 'test',
    now: () => now,
    random: () => 0,
    log: (line) => logs.push(line),
    scheduler: { deliverLater: async (id, delayMs) => void later.push({ id, delayMs }) },
  });
  return { outbox, repo, store, slack, logs, later, advance: (ms: number) => (now += ms), now: () => now };
}

const post = (text: string, extra: Partial<Extract<OutboxStep, { op: 'post' }>> = {}): OutboxStep => ({
  op: 'post',
  channel: 'C1',
  text,
  ...extra,
});
const about = { purpose: 'test.note', env: 'demo', runId: 'run-1' };

test('delivered at once when Slack takes it; the same id sent again is a no-op', async () => {
  const { outbox, repo, slack } = setup();
  expect(await outbox.send({ id: 'note-1', about, steps: [post('hello')] })).toBe(true);
  expect(slack.calls).toHaveLength(1);
  expect((await repo.get('note-1'))?.status).toBe('delivered');
  expect(await outbox.send({ id: 'note-1', about, steps: [post('hello')] })).toBe(false);
  expect(await outbox.deliver('note-1')).toBe('skipped');
  expect(slack.calls).toHaveLength(1);
});

test('a 429 is tried again no sooner than its Retry-After, durably, and then delivered once', async () => {
  const { outbox, repo, slack, later, advance } = setup();
  slack.failures.push(slackRateLimitedError(120));
  await outbox.send({ id: 'note-2', about, steps: [post('hello')] });
  expect(later).toEqual([{ id: 'note-2', delayMs: 120_000 }]);
  expect(await repo.get('note-2')).toMatchObject({ status: 'pending', attempts: 1, dueAt: T0 + 120_000 });
  advance(119_999);
  expect(await outbox.deliver('note-2')).toBe('skipped'); // not due yet
  advance(1);
  expect(await outbox.deliver('note-2')).toBe('delivered');
  expect(slack.calls.filter((c) => c.method === 'post')).toHaveLength(2);
});

test('other failures back off 1 s, 2 s, 4 s… (half fixed, half jittered), up to 15 min', async () => {
  const { outbox, slack, later, advance } = setup();
  for (let i = 0; i < 12; i++) slack.failures.push(new Error('socket hang up'));
  await outbox.send({ id: 'note-3', about, steps: [post('hello')] });
  while (later.length < 12) {
    advance(later[later.length - 1].delayMs);
    await outbox.deliver('note-3');
  }
  expect(later.map((l) => l.delayMs)).toEqual([
    1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 450_000, 450_000, 450_000,
  ]);
  advance(450_000);
  expect(await outbox.deliver('note-3')).toBe('delivered');
});

test('a channel the bot cannot post in: given up at once and logged with env and run', async () => {
  const { outbox, repo, slack, logs, later } = setup();
  slack.failures.push(slackPlatformError('channel_not_found'));
  await outbox.send({ id: 'note-4', about, steps: [post('hello')] });
  expect(await repo.get('note-4')).toMatchObject({
    status: 'abandoned',
    lastError: expect.stringContaining('channel_not_found'),
  });
  expect(later).toEqual([]);
  expect(logs.join('\n')).toMatch(
    /gave up on test\.note \[note-4\] \(env demo, run run-1\) after 1 attempt.*channel_not_found/,
  );
});

test('still failing a day after it was written: given up and logged', async () => {
  const { outbox, repo, slack, logs, advance } = setup();
  slack.failures.push(new Error('down'));
  await outbox.send({ id: 'note-5', about, steps: [post('hello')] });
  advance(24 * 3_600_000 + 1);
  slack.failures.push(new Error('still down'));
  expect(await outbox.deliver('note-5')).toBe('abandoned');
  expect((await repo.get('note-5'))?.status).toBe('abandoned');
  expect(logs.some((l) => l.startsWith('outbox: gave up on test.note [note-5]'))).toBe(true);
});

test('a retry resumes after the last step done: the message is not posted twice, the reply goes under it', async () => {
  const { outbox, slack, later, advance } = setup();
  slack.failures.push(undefined, new Error('timeout'));
  await outbox.send({
    id: 'note-6',
    about,
    steps: [post('the end'), post('<@UOWNER> done', { threadOnLast: true })],
  });
  advance(later[0].delayMs);
  await outbox.deliver('note-6');
  const posts = slack.calls.map(
    (c) => `${c.args.text} ${'thread_ts' in c.args ? (c.args.thread_ts ?? '') : ''}`,
  );
  expect(posts).toEqual(['the end ', '<@UOWNER> done 1.000000', '<@UOWNER> done 1.000000']);
});

test('an update of a message that is gone is posted as a new message', async () => {
  const { outbox, slack } = setup();
  slack.failures.push(slackPlatformError('cant_update_message'));
  await outbox.send({
    id: 'note-7',
    about,
    steps: [
      { op: 'update', channel: 'C1', ts: '9.000000', text: 'final' },
      post('reply', { threadOnLast: true }),
    ],
  });
  expect(slack.calls.map((c) => `${c.method} ${c.args.text}`)).toEqual([
    'update final',
    'post final',
    'post reply',
  ]);
  expect(slack.calls[2].args).toMatchObject({ thread_ts: '1.000000' });
});

test('a reminder posted is recorded on its env once, so its buttons count', async () => {
  const { outbox, store } = setup();
  await store.environments.create(newEnvironment({ name: 'demo' }));
  const steps: OutboxStep[] = [post('expires soon'), { op: 'remember-reminder', env: 'demo' }];
  await outbox.send({ id: 'warn-1', about, steps });
  await outbox.send({ id: 'warn-1', about, steps });
  expect((await store.environments.get('demo'))?.meta?.reminderMessages).toEqual(['1.000000']);
});
