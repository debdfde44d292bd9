/**
 * The Slack stand-in as the bot sees it: Web API calls (form and JSON, token checked),
 * response_url posts, button presses delivered as signed block_actions, and the console.
 */
import { PassThrough } from 'node:stream';
import type { BotServices } from '../../src/bot/services';
import { ephemeral, type Block } from '../../src/bot/views/reply';
import { mrkdwn } from '../../src/bot/views/mrkdwn';
import { startConsole } from '../../src/sandbox/slack/console';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { waitFor } from '../helpers/slack';
import { failOnSlackViolations } from '../helpers/slack-violations';

let sb: TestSandbox;
failOnSlackViolations(() => sb);
let progressTs = '';

// A fresh block_id per message, as Slack requires of the bot (a reused one is a violation).
let confirmations = 0;
const confirmBlocks = (label: string): Block[] => [
  { type: 'section', text: { type: 'mrkdwn', text: `Destroy *demo*? ${label}` } },
  {
    type: 'actions',
    block_id: `confirm-${++confirmations}`,
    elements: [
      {
        type: 'button',
        action_id: 'destroy_confirm',
        text: { type: 'plain_text', text: 'Destroy' },
        value: 'demo',
      },
      {
        type: 'button',
        action_id: 'destroy_cancel',
        text: { type: 'plain_text', text: 'Cancel' },
        value: 'demo',
      },
    ],
  },
];

// A stand-in for a future workflow starter: posts a progress message, updates it, replies in a thread.
const services: BotServices = {
  async startCreate(cmd, ctx) {
    const posted = await ctx.client.chat.postMessage({
      channel: ctx.channelId,
      text: `creating ${cmd.env}: 0/2`,
    });
    progressTs = posted.ts ?? '';
    await ctx.client.chat.update({
      channel: ctx.channelId,
      ts: progressTs,
      text: `creating ${cmd.env}: 2/2`,
    });
    await ctx.client.chat.postMessage({ channel: ctx.channelId, thread_ts: progressTs, text: 'done' });
    await ctx.client.chat.postMessage({
      channel: ctx.channelId,
      text: 'confirm?',
      blocks: confirmBlocks('(y/n)'),
    });
    await ctx.respond({ response_type: 'ephemeral', text: 'later reply via response_url' });
    return ephemeral(mrkdwn`create ${cmd.env} accepted`, []);
  },
};

beforeAll(async () => {
  sb = await startTestSandbox({ services });
  sb.bot.app.action('destroy_confirm', async ({ ack, respond, body }) => {
    await ack();
    await respond({ replace_original: true, text: `confirmed by ${body.user.id}`, blocks: [] });
  });
});
afterAll(async () => {
  await sb.stop();
});

test('bot messages: posted, updated in place, thread reply, response_url reply', async () => {
  const res = await sb.command('create demo', 'U1', 'CWEB');
  expect(JSON.parse(res.body)).toMatchObject({ text: 'create demo accepted' });
  const messages = await waitFor(async () => {
    const m = await sb.messages('CWEB');
    return m.length >= 5 ? m : undefined;
  });
  const progress = messages.find((m) => m.ts === progressTs);
  expect(progress).toMatchObject({ text: 'creating demo: 2/2', edits: 1, user: 'U0SITEBOT' });
  expect(messages.find((m) => m.thread_ts === progressTs)).toMatchObject({ text: 'done' });
  expect(messages.find((m) => m.text === 'later reply via response_url')).toMatchObject({
    ephemeral_to: 'U1',
  });
  expect(messages.find((m) => m.text === 'create demo accepted')).toMatchObject({ ephemeral_to: 'U1' });
});

test('a button press reaches the bot as a signed block_actions and can replace the message', async () => {
  const messages = await sb.messages('CWEB');
  const confirm = messages.find((m) => m.text === 'confirm?');
  expect(confirm).toBeDefined();
  const res = await fetch(`${sb.urls.slack}/_sandbox/slack/action`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'CWEB', ts: confirm!.ts, action_id: 'destroy_confirm', user: 'UPRESS' }),
  });
  expect(res.status).toBe(200);
  const updated = await waitFor(async () =>
    (await sb.messages('CWEB')).find((m) => m.ts === confirm!.ts && m.text === 'confirmed by UPRESS'),
  );
  expect(updated.blocks).toEqual([]);
});

test('pressing a button that is not there is a 404', async () => {
  const res = await fetch(`${sb.urls.slack}/_sandbox/slack/action`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'CWEB', ts: '1.000001', action_id: 'nope' }),
  });
  expect(res.status).toBe(404);
});

test('the Web API checks the bot token and accepts form or JSON bodies', async () => {
  const api = sb.urls.slackApi;
  const bad = await fetch(`${api}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: 'Bearer xoxb-wrong', 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'CAPI', text: 'hi' }),
  });
  expect(await bad.json()).toEqual({ ok: false, error: 'invalid_auth' });
  const none = await fetch(`${api}auth.test`, { method: 'POST' });
  expect(await none.json()).toEqual({ ok: false, error: 'not_authed' });

  const form = await fetch(`${api}chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token: sb.config.slack.botToken,
      channel: 'CAPI',
      text: 'from a form',
      blocks: JSON.stringify([{ type: 'divider' }]),
    }).toString(),
  });
  const posted = (await form.json()) as { ok: boolean; ts: string };
  expect(posted.ok).toBe(true);
  const json = await fetch(`${api}chat.update`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sb.config.slack.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'CAPI', ts: posted.ts, text: 'edited' }),
  });
  expect(await json.json()).toMatchObject({ ok: true, ts: posted.ts });
  const missing = await fetch(`${api}chat.update`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sb.config.slack.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'CAPI', ts: '9.000009', text: 'x' }),
  });
  expect(await missing.json()).toEqual({ ok: false, error: 'message_not_found' });
  // The refusal is in the log too; it was provoked on purpose, so it is not the bot's to answer for.
  expect(sb.slack.violations().map((v) => v.error)).toContain('message_not_found');
  sb.slack.clearViolations();
  // As in Slack: new text without `blocks` drops the old blocks.
  expect(await sb.messages('CAPI')).toEqual([
    expect.objectContaining({ text: 'edited', blocks: [], edits: 1 }),
  ]);
});

test('the console sends /site commands, prints replies as text (mrkdwn read), and presses buttons by number', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  const ui = startConsole({ slack: sb.slack, channel: 'CCON', user: 'UCON', input, output });
  try {
    input.write('/site help\n');
    // Generous deadlines: a busy machine answers slowly.
    await waitFor(() => (printed.includes('== /site commands ==') ? true : undefined), 60_000);
    expect(printed).toContain('(only you)');

    input.write('/site create demo\n');
    await waitFor(
      () =>
        /#\d+\n\s+Destroy demo\? \(y\/n\)\n\s+\[\d+\.1 Destroy\] \[\d+\.2 Cancel\]/.test(printed)
          ? true
          : undefined,
      60_000,
    );
    const n = /\[(\d+)\.1 Destroy\]/.exec(printed)![1];
    input.write(`press ${n}.1\n`);
    await waitFor(
      () => (printed.includes(`#${n} (updated`) && printed.includes('confirmed by UCON') ? true : undefined),
      60_000,
    );
  } finally {
    ui.close();
  }
});
