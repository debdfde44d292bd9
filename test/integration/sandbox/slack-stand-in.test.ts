/**
 * The Slack stand-in says no as Slack does. Driven through its HTTP surface with Slack's own Web
 * API client, a fake bot (an HTTP server the test scripts, which can hold its answer) and a
 * clock the test moves, so nothing depends on real-time speed.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { startSlackStandIn, type SlackStandIn } from '../../../src/sandbox/slack/server';
import { slackSignature } from '../../../src/sandbox/slack/signing';
import { waitFor } from '../../helpers/slack';
import { expectNoSlackViolations } from '../../helpers/slack-violations';

const TOKEN = 'xoxb-test';
const SECRET = 'test-signing-secret';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** An app behind a Request URL: records what Slack sent, answers with `answer` (which may wait). */
class FakeBot {
  readonly received: Received[] = [];
  answer: (r: Received) => Promise<{ status: number; body: string }> = async () => ({
    status: 200,
    body: '',
  });
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(r);
        void this.answer(r).then(({ status, body }) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(body),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/slack/events`;
  }

  last(): Received {
    return this.received[this.received.length - 1];
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}

/** The Web API client logs every refusal; the tests look at them instead. */
const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => webApi.LogLevel.ERROR,
  setName: () => undefined,
};

let t = Date.UTC(2030, 0, 1);
const clock = { now: () => t, advance: (ms: number) => (t += ms) };
let slack: SlackStandIn;
let bot: FakeBot;
let client: webApi.WebClient;

beforeAll(async () => {
  bot = new FakeBot();
  await bot.start();
  slack = await startSlackStandIn({
    signingSecret: SECRET,
    botToken: TOKEN,
    now: clock.now,
    botUrl: bot.url,
  });
  client = new webApi.WebClient(TOKEN, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: quiet,
  });
});
afterAll(async () => {
  await slack.close();
  await bot.close();
});
beforeEach(() => {
  slack.clearViolations();
  bot.answer = async () => ({ status: 200, body: '' });
  // A fresh minute: every rate-limit bucket is full again.
  clock.advance(10 * 60_000);
});

/** The Web API error a call fails with (the client throws platform errors). */
async function failure(call: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call;
  } catch (err) {
    return (err as { data?: Record<string, unknown>; code?: string; retryAfter?: number }).data ?? { err };
  }
  throw new Error('the call succeeded');
}

const section = (text: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } });
const buttonBlock = (blockId?: string) => ({
  type: 'actions' as const,
  ...(blockId ? { block_id: blockId } : {}),
  elements: [
    {
      type: 'button' as const,
      action_id: 'go',
      text: { type: 'plain_text' as const, text: 'Go' },
      value: 'v',
    },
  ],
});

describe('messages and Block Kit', () => {
  it('refuses invalid blocks with invalid_blocks in Slack’s shape, records it, and stores nothing', async () => {
    const data = await failure(
      client.chat.postMessage({ channel: 'CBK', text: 'too long', blocks: [section('x'.repeat(3001))] }),
    );
    expect(data).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      response_metadata: {
        messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      },
    });
    expect(slack.messages.list('CBK')).toEqual([]);
    expect(slack.violations()).toEqual([
      expect.objectContaining({
        level: 'refused',
        method: 'chat.postMessage',
        channel: 'CBK',
        error: 'invalid_blocks',
        path: '/blocks/0/text/text',
        excerpt: 'too long',
      }),
    ]);
  });

  it('accepts the same message within the limit', async () => {
    const posted = await client.chat.postMessage({
      channel: 'CBK',
      text: 'fits',
      blocks: [section('x'.repeat(3000))],
    });
    expect(posted.ok).toBe(true);
    expect(slack.violations()).toEqual([]);
  });

  it('refuses text over 40,000 characters: msg_too_long', async () => {
    expect(
      await failure(client.chat.postMessage({ channel: 'CBK', text: 'x'.repeat(40_001) })),
    ).toMatchObject({
      error: 'msg_too_long',
    });
    expect((await client.chat.postMessage({ channel: 'CBK', text: 'x'.repeat(40_000) })).ok).toBe(true);
  });

  it('fills in block_ids the bot did not set, as Slack does, and keeps the ones it set', async () => {
    const posted = await client.chat.postMessage({
      channel: 'CIDS',
      text: 'ids',
      blocks: [section('a'), buttonBlock('mine')],
    });
    const blocks = posted.message!.blocks as { block_id: string }[];
    expect(blocks[0].block_id).toMatch(/^[A-Za-z0-9+/=]{3,5}$/);
    expect(blocks[1].block_id).toBe('mine');
    expect(slack.messages.find('CIDS', posted.ts!)!.blocks).toEqual(blocks);
  });

  it('takes text Slack would misrender, but records a warning and flags the message', async () => {
    const posted = await client.chat.postMessage({ channel: 'CMD', text: 'usage: /site extend <env> <dur>' });
    expect(posted.ok).toBe(true);
    expect(slack.violations()).toEqual([
      expect.objectContaining({ level: 'warning', error: 'unescaped_mrkdwn', path: '/text', ts: posted.ts }),
      expect.objectContaining({ level: 'warning', error: 'unescaped_mrkdwn', path: '/text', ts: posted.ts }),
    ]);
    expect(slack.messages.find('CMD', posted.ts!)!.flags).toEqual([
      expect.objectContaining({ level: 'warning', error: 'unescaped_mrkdwn' }),
      expect.objectContaining({ level: 'warning', error: 'unescaped_mrkdwn' }),
    ]);
    const escaped = await client.chat.postMessage({
      channel: 'CMD',
      text: 'usage: /site extend &lt;env&gt;',
    });
    expect(slack.messages.find('CMD', escaped.ts!)!.flags).toEqual([]);
  });

  it('warns when a block_id the bot set is used again by another message', async () => {
    await client.chat.postMessage({ channel: 'CRE', text: 'one', blocks: [buttonBlock('destroy:demo')] });
    expect(slack.violations()).toEqual([]);
    await client.chat.postMessage({ channel: 'CRE', text: 'two', blocks: [buttonBlock('destroy:demo')] });
    expect(slack.violations()).toEqual([
      expect.objectContaining({
        level: 'warning',
        error: 'reused_block_id',
        path: '/blocks/0/block_id',
        excerpt: 'two',
      }),
    ]);
  });
  it('warns when an update keeps a block_id, or a new message takes one an old iteration had', async () => {
    const posted = await client.chat.postMessage({
      channel: 'CRE2',
      text: 'v1',
      blocks: [buttonBlock('remind:demo')],
    });
    await client.chat.update({
      channel: 'CRE2',
      ts: posted.ts!,
      text: 'v2',
      blocks: [buttonBlock('remind:demo')],
    });
    // The buttons go away; the id stays spent.
    await client.chat.update({ channel: 'CRE2', ts: posted.ts!, text: 'done' });
    await client.chat.postMessage({ channel: 'CRE2', text: 'again', blocks: [buttonBlock('remind:demo')] });
    expect(slack.violations().map((v) => `${v.method} ${v.error} ${v.detail}`)).toEqual([
      'chat.update reused_block_id block_id "remind:demo" was already used by an earlier iteration of this message',
      `chat.postMessage reused_block_id block_id "remind:demo" was already used by message CRE2/${posted.ts}`,
    ]);
    await client.chat.postMessage({ channel: 'CRE2', text: 'fresh', blocks: [buttonBlock('remind:demo:2')] });
    expect(slack.violations()).toHaveLength(2);
  });
});

describe('chat.update', () => {
  it('edits the bot’s own message', async () => {
    const posted = await client.chat.postMessage({ channel: 'CUP', text: 'v1' });
    const updated = await client.chat.update({ channel: 'CUP', ts: posted.ts!, text: 'v2' });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'v2' });
    expect(slack.messages.find('CUP', posted.ts!)).toMatchObject({ text: 'v2', edits: 1 });
  });

  it('refuses someone else’s message: cant_update_message', async () => {
    const theirs = slack.postAsUser({ channel: 'CUP', user: 'U7', text: 'mine' });
    expect(await failure(client.chat.update({ channel: 'CUP', ts: theirs.ts, text: 'x' }))).toMatchObject({
      error: 'cant_update_message',
    });
    expect(slack.messages.find('CUP', theirs.ts)!.text).toBe('mine');
    expect(slack.violations()).toEqual([
      expect.objectContaining({
        level: 'refused',
        method: 'chat.update',
        error: 'cant_update_message',
        ts: theirs.ts,
      }),
    ]);
  });

  it('refuses an ephemeral message, a deleted one and one that never was: message_not_found', async () => {
    const eph = await client.chat.postEphemeral({ channel: 'CUP', user: 'U1', text: 'only you' });
    const gone = await client.chat.postMessage({ channel: 'CUP', text: 'progress' });
    expect(slack.deleteMessage('CUP', gone.ts!)).toBe(true);
    for (const ts of [eph.message_ts!, gone.ts!, '9.000009']) {
      expect(await failure(client.chat.update({ channel: 'CUP', ts, text: 'x' }))).toMatchObject({
        error: 'message_not_found',
      });
    }
  });

  it('a refused update leaves the message as it was and flags it', async () => {
    const posted = await client.chat.postMessage({ channel: 'CUP', text: 'v1', blocks: [section('ok')] });
    await failure(client.chat.update({ channel: 'CUP', ts: posted.ts!, text: 'v2', blocks: [section('')] }));
    expect(slack.messages.find('CUP', posted.ts!)).toMatchObject({
      text: 'v1',
      edits: 0,
      flags: [
        expect.objectContaining({ level: 'refused', error: 'invalid_blocks', path: '/blocks/0/text/text' }),
      ],
    });
  });

  it('with text and no blocks the old blocks go; with blocks they are replaced', async () => {
    const posted = await client.chat.postMessage({ channel: 'CUP', text: 'v1', blocks: [section('a')] });
    await client.chat.update({ channel: 'CUP', ts: posted.ts!, text: 'v2' });
    expect(slack.messages.find('CUP', posted.ts!)!.blocks).toEqual([]);
    await client.chat.update({ channel: 'CUP', ts: posted.ts!, blocks: [section('b')] });
    expect(slack.messages.find('CUP', posted.ts!)!.blocks).toEqual([
      expect.objectContaining({ text: { type: 'mrkdwn', text: 'b' } }),
    ]);
  });
});

describe('channels', () => {
  it('answers not_in_channel, is_archived and channel_not_found as set through the admin API', async () => {
    for (const state of ['not_in_channel', 'is_archived', 'channel_not_found'] as const) {
      const res = await fetch(`${slack.url}/_sandbox/slack/channels/CST`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ state }),
      });
      expect(res.status).toBe(200);
      expect(await failure(client.chat.postMessage({ channel: 'CST', text: 'hi' }))).toMatchObject({
        error: state,
      });
      expect(
        await failure(client.chat.postEphemeral({ channel: 'CST', user: 'U1', text: 'hi' })),
      ).toMatchObject({
        error: state,
      });
    }
    expect(slack.messages.list('CST')).toEqual([]);
    expect(await (await fetch(`${slack.url}/_sandbox/slack/channels/CST`)).json()).toMatchObject({
      state: 'channel_not_found',
    });
  });

  it('the same states are settable on the stand-in object, and member restores posting', async () => {
    const posted = await client.chat.postMessage({ channel: 'CST2', text: 'before' });
    slack.setChannelState('CST2', 'is_archived');
    expect(slack.channelState('CST2')).toBe('is_archived');
    expect(await failure(client.chat.update({ channel: 'CST2', ts: posted.ts!, text: 'x' }))).toMatchObject({
      error: 'is_archived',
    });
    slack.setChannelState('CST2', 'member');
    expect((await client.chat.postMessage({ channel: 'CST2', text: 'after' })).ok).toBe(true);
  });

  it('refuses an unknown state with a clear 400 and changes nothing', async () => {
    const res = await fetch(`${slack.url}/_sandbox/slack/channels/CST3`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'on_fire' }),
    });
    expect(res.status).toBe(400);
    expect(slack.channelState('CST3')).toBe('member');
  });
});

describe('rate limits', () => {
  it('chat.postMessage: a short burst, then HTTP 429 with Retry-After; time brings it back', async () => {
    const post = () =>
      fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'CRL', text: 'hi' }),
      });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await post();
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses.length).toBeGreaterThan(1);
    expect(limited!.headers.get('retry-after')).toBe('1');
    expect(await limited!.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(slack.violations()).toEqual([
      expect.objectContaining({
        level: 'refused',
        method: 'chat.postMessage',
        channel: 'CRL',
        error: 'ratelimited',
      }),
    ]);
    // Another channel is not affected; the same one is after a second.
    expect((await client.chat.postMessage({ channel: 'CRL2', text: 'hi' })).ok).toBe(true);
    clock.advance(1000);
    expect((await post()).status).toBe(200);
  });

  it('Slack’s client sees a rate-limited error with the retry delay', async () => {
    let err: unknown;
    for (let i = 0; i < 10 && !err; i++) {
      await client.chat.postMessage({ channel: 'CRL3', text: 'hi' }).catch((e: unknown) => (err = e));
    }
    expect(err).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
  });

  it('chat.update: Tier 3, 50 a minute across the workspace', async () => {
    const posted = await client.chat.postMessage({ channel: 'CRU', text: 'v0' });
    for (let i = 1; i <= 50; i++) await client.chat.update({ channel: 'CRU', ts: posted.ts!, text: `v${i}` });
    const err = await client.chat
      .update({ channel: 'CRU', ts: posted.ts!, text: 'v51' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'slack_webapi_rate_limited_error' });
    expect(slack.messages.find('CRU', posted.ts!)!.text).toBe('v50');
  });
});

describe('slash commands as Slack sends them', () => {
  it('signed, with every field, the text escaped', async () => {
    await slack.sendCommand({ command: '/site', text: 'extend <env> & co', user: 'U1', channel: 'CSC' });
    const { headers, body } = bot.last();
    const ts = Number(headers['x-slack-request-timestamp']);
    expect(headers['x-slack-signature']).toBe(slackSignature(SECRET, ts, body));
    const fields = Object.fromEntries(new URLSearchParams(body));
    expect(Object.keys(fields).sort()).toEqual(
      [
        'api_app_id',
        'channel_id',
        'channel_name',
        'command',
        'enterprise_id',
        'enterprise_name',
        'is_enterprise_install',
        'response_url',
        'team_domain',
        'team_id',
        'text',
        'token',
        'trigger_id',
        'user_id',
        'user_name',
      ].sort(),
    );
    expect(fields.text).toBe('extend &lt;env&gt; &amp; co');
  });

  it('shows a non-empty ack to the user, ephemeral unless in_channel', async () => {
    bot.answer = async () => ({ status: 200, body: JSON.stringify({ text: 'only you' }) });
    await slack.sendCommand({ text: 'a', user: 'U1', channel: 'CACK' });
    bot.answer = async () => ({
      status: 200,
      body: JSON.stringify({ response_type: 'in_channel', text: 'all' }),
    });
    await slack.sendCommand({ text: 'b', user: 'U1', channel: 'CACK' });
    expect(slack.messages.list('CACK')).toEqual([
      expect.objectContaining({ text: 'only you', ephemeral_to: 'U1' }),
      expect.objectContaining({ text: 'all', ephemeral_to: undefined }),
    ]);
  });

  it('ssl_check: unsigned ssl_check=1&token=…; an answer other than 200 is recorded', async () => {
    bot.answer = async () => ({ status: 401, body: '' });
    const refused = await slack.sendSslCheck();
    expect(refused.status).toBe(401);
    expect(bot.last().body).toBe('ssl_check=1&token=sandbox-verification-token');
    expect(bot.last().headers).not.toHaveProperty('x-slack-signature');
    expect(bot.last().headers).not.toHaveProperty('x-slack-request-timestamp');
    expect(slack.violations()).toEqual([
      expect.objectContaining({ level: 'refused', method: 'ssl_check', error: 'ssl_check_failed' }),
    ]);
    slack.clearViolations();
    bot.answer = async () => ({ status: 200, body: '' });
    const res = await fetch(`${slack.url}/_sandbox/slack/ssl-check`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(slack.violations()).toEqual([]);
  });
});

describe('the 3-second ack', () => {
  /** A second stand-in with its own ack deadline, closed after `fn`. */
  async function withDeadline(ackDeadlineMs: number, fn: (s: SlackStandIn) => Promise<void>) {
    const s = await startSlackStandIn({
      signingSecret: SECRET,
      botToken: TOKEN,
      botUrl: bot.url,
      ackDeadlineMs,
    });
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  }

  /** A bot that answers only when the test releases it. */
  function holdingBot(body: string) {
    let release: () => void = () => undefined;
    const released = new Promise<void>((r) => (release = r));
    bot.answer = async () => {
      await released;
      return { status: 200, body };
    };
    return () => release();
  }

  it('no ack by the deadline: operation_timeout recorded and shown to the user; the late ack is ignored', () =>
    withDeadline(20, async (strict) => {
      const release = holdingBot(JSON.stringify({ text: 'too late' }));
      const answer = strict.sendCommand({ text: 'slow', user: 'U1', channel: 'CTO' });
      // Released only once the stand-in has given up: the order does not depend on speed.
      await waitFor(() => (strict.violations().length ? true : undefined));
      release();
      expect(await answer).toMatchObject({ status: 200, late: true });
      expect(strict.violations()).toEqual([
        expect.objectContaining({
          level: 'refused',
          method: 'slash_command',
          channel: 'CTO',
          error: 'operation_timeout',
        }),
      ]);
      expect(strict.messages.list('CTO')).toEqual([
        expect.objectContaining({
          user: 'USLACKBOT',
          ephemeral_to: 'U1',
          text: '/site failed with the error "operation_timeout"',
        }),
      ]);
    }));

  it('an ack inside the deadline is shown and nothing is recorded', () =>
    withDeadline(60_000, async (patient) => {
      bot.answer = async () => ({ status: 200, body: JSON.stringify({ text: 'quick' }) });
      expect(await patient.sendCommand({ text: 'fast', user: 'U1', channel: 'CTO' })).not.toHaveProperty(
        'late',
      );
      expect(patient.violations()).toEqual([]);
      expect(patient.messages.list('CTO')).toEqual([expect.objectContaining({ text: 'quick' })]);
    }));

  it('a button press not acked in time is recorded and flags the message', () =>
    withDeadline(20, async (strict) => {
      const api = new webApi.WebClient(TOKEN, { slackApiUrl: strict.apiUrl, logger: quiet });
      const posted = await api.chat.postMessage({ channel: 'CTB', text: 'press', blocks: [buttonBlock()] });
      const release = holdingBot('');
      const press = strict.pressButton({ channel: 'CTB', ts: posted.ts!, action_id: 'go' });
      await waitFor(() => (strict.violations().length ? true : undefined));
      release();
      expect(await press).toMatchObject({ late: true });
      expect(strict.violations()).toEqual([
        expect.objectContaining({ method: 'block_actions', error: 'operation_timeout', ts: posted.ts }),
      ]);
      expect(strict.messages.find('CTB', posted.ts!)!.flags).toEqual([
        expect.objectContaining({ level: 'refused', error: 'operation_timeout' }),
      ]);
    }));
});

describe('button presses as Slack sends them', () => {
  const payloadOf = (r: Received) =>
    JSON.parse(new URLSearchParams(r.body).get('payload')!) as Record<string, unknown> & {
      actions: { block_id: string }[];
    };

  it('a channel message: container, message, and the block_id Slack assigned', async () => {
    const posted = await client.chat.postMessage({ channel: 'CBA', text: 'press', blocks: [buttonBlock()] });
    await slack.pressButton({ channel: 'CBA', ts: posted.ts!, action_id: 'go', user: 'U2' });
    const p = payloadOf(bot.last());
    expect(p.container).toEqual({
      type: 'message',
      message_ts: posted.ts,
      channel_id: 'CBA',
      is_ephemeral: false,
    });
    expect(p.message).toMatchObject({ ts: posted.ts });
    const assigned = (posted.message!.blocks as { block_id: string }[])[0].block_id;
    expect(p.actions[0].block_id).toBe(assigned);
  });

  it('an ephemeral message: container says so and there is no message', async () => {
    const eph = await client.chat.postEphemeral({
      channel: 'CBA',
      user: 'U2',
      text: 'press',
      blocks: [buttonBlock()],
    });
    await slack.pressButton({ channel: 'CBA', ts: eph.message_ts!, action_id: 'go', user: 'U2' });
    const p = payloadOf(bot.last());
    expect(p.container).toMatchObject({ is_ephemeral: true, message_ts: eph.message_ts });
    expect(p).not.toHaveProperty('message');
  });
});

describe('response_url', () => {
  async function responseUrl(channel: string): Promise<string> {
    await slack.sendCommand({ text: 'x', user: 'U1', channel });
    return new URLSearchParams(bot.last().body).get('response_url')!;
  }
  const respond = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('takes 5 posts, then answers 404 used_url and shows nothing more', async () => {
    const url = await responseUrl('CRU5');
    for (let i = 1; i <= 5; i++) {
      const res = await respond(url, { text: `reply ${i}` });
      expect(res.status).toBe(200);
    }
    const sixth = await respond(url, { text: 'reply 6' });
    expect(sixth.status).toBe(404);
    expect(await sixth.text()).toBe('used_url');
    expect(slack.messages.list('CRU5').map((m) => m.text)).toEqual([1, 2, 3, 4, 5].map((i) => `reply ${i}`));
    expect(slack.violations()).toEqual([
      expect.objectContaining({
        level: 'refused',
        method: 'response_url',
        channel: 'CRU5',
        error: 'used_url',
        // Not in channel: the reply would have been U1's alone, and so is its refusal.
        to: 'U1',
      }),
    ]);
    slack.clearViolations();
    expect((await respond(url, { text: 'for all', response_type: 'in_channel' })).status).toBe(404);
    expect(slack.violations()).toEqual([expect.not.objectContaining({ to: expect.anything() })]);
  });

  it('a refused ephemeral, or a refused ack, is recorded as for its one reader', async () => {
    const tooLong = [section('x'.repeat(3001))];
    const eph = client.chat.postEphemeral({ channel: 'CEPH', user: 'U2', text: 'yours', blocks: tooLong });
    expect(await failure(eph)).toMatchObject({ error: 'invalid_blocks' });
    const post = client.chat.postMessage({ channel: 'CEPH2', text: 'all', blocks: tooLong });
    expect(await failure(post)).toMatchObject({ error: 'invalid_blocks' });
    bot.answer = async () => ({ status: 200, body: JSON.stringify({ text: 'ack', blocks: tooLong }) });
    await slack.sendCommand({ text: 'x', user: 'U3', channel: 'CEPH3' });
    expect(slack.violations().map((v) => [v.method, v.channel, v.to])).toEqual([
      ['chat.postEphemeral', 'CEPH', 'U2'],
      ['chat.postMessage', 'CEPH2', undefined],
      ['ack', 'CEPH3', 'U3'],
    ]);
  });

  it('works for 30 minutes, then answers 404 expired_url', async () => {
    const url = await responseUrl('CRU30');
    clock.advance(30 * 60_000);
    expect((await respond(url, { text: 'just in time' })).status).toBe(200);
    clock.advance(1);
    const late = await respond(url, { text: 'too late' });
    expect(late.status).toBe(404);
    expect(await late.text()).toBe('expired_url');
  });

  it('refuses a body Slack would refuse, and does not show it', async () => {
    const url = await responseUrl('CRUB');
    const res = await respond(url, {
      text: 'x',
      blocks: [{ type: 'header', text: { type: 'mrkdwn', text: '*h*' } }],
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('invalid_blocks');
    expect(slack.messages.list('CRUB')).toEqual([]);
    expect(slack.violations()).toEqual([
      expect.objectContaining({
        method: 'response_url',
        error: 'invalid_blocks',
        path: '/blocks/0/text/type',
      }),
    ]);
  });
});

describe('the violation log over HTTP', () => {
  it('GET lists what was refused and warned about; DELETE clears it', async () => {
    await failure(client.chat.postMessage({ channel: 'CVL', text: '' }));
    const listed = (await (await fetch(`${slack.url}/_sandbox/slack/violations`)).json()) as {
      violations: unknown[];
    };
    expect(listed.violations).toEqual([
      expect.objectContaining({
        seq: 1,
        level: 'refused',
        method: 'chat.postMessage',
        error: 'no_text',
        channel: 'CVL',
      }),
    ]);
    expect((await fetch(`${slack.url}/_sandbox/slack/violations`, { method: 'DELETE' })).status).toBe(200);
    expect(slack.violations()).toEqual([]);
  });

  it('flags ride along with messages read through the admin API', async () => {
    await client.chat.postMessage({ channel: 'CFL', text: 'a & b' });
    const res = (await (await fetch(`${slack.url}/_sandbox/slack/messages?channel=CFL`)).json()) as {
      messages: Record<string, unknown>[];
    };
    expect(res.messages[0].flags).toEqual([
      expect.objectContaining({ level: 'warning', error: 'unescaped_mrkdwn' }),
    ]);
  });
});

describe('expectNoSlackViolations', () => {
  it('passes on a clean run and fails, listing them, once something was refused', async () => {
    expectNoSlackViolations(slack);
    await failure(client.chat.postMessage({ channel: 'CHL', text: 'x'.repeat(40_001) }));
    expect(() => expectNoSlackViolations({ slack })).toThrow(/msg_too_long at chat.postMessage CHL/);
    expectNoSlackViolations(slack, { ignore: ['msg_too_long'] });
  });
});
