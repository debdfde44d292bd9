/**
 * The stand-in's file upload flow (files.getUploadURLExternal → POST the bytes →
 * files.completeUploadExternal), driven by @slack/web-api's own filesUploadV2, and every way it
 * says no: no files:write scope, a completion before the bytes, a second completion, bytes
 * that do not match the declared length, a thread without a channel.
 */
import { webApi } from '@slack/bolt';
import { startSlackStandIn, type SlackStandIn } from '../../../src/sandbox/slack/server';

const TOKEN = 'xoxb-sandbox-files';
let withScope: SlackStandIn;
let without: SlackStandIn;

beforeAll(async () => {
  withScope = await startSlackStandIn({
    signingSecret: 's',
    botToken: TOKEN,
    scopes: ['commands', 'chat:write', 'files:write'],
  });
  without = await startSlackStandIn({ signingSecret: 's', botToken: TOKEN });
});
afterAll(async () => {
  await withScope.close();
  await without.close();
});

const api = async (sb: SlackStandIn, method: string, body: Record<string, unknown>) => {
  const res = await fetch(`${sb.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { scopes: res.headers.get('x-oauth-scopes'), body: (await res.json()) as Record<string, unknown> };
};
const client = (sb: SlackStandIn) =>
  new webApi.WebClient(TOKEN, { slackApiUrl: sb.apiUrl, retryConfig: { retries: 0 } });

test('without files:write both methods answer missing_scope, and every answer names the scopes', async () => {
  const auth = await api(without, 'auth.test', {});
  expect(auth.scopes).toBe('commands,chat:write');
  for (const method of ['files.getUploadURLExternal', 'files.completeUploadExternal']) {
    expect(
      (await api(without, method, { filename: 'a.png', length: 3, files: [{ id: 'F1' }] })).body,
    ).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'files:write',
      provided: 'commands,chat:write',
    });
  }
  const scopes = (await client(without).auth.test()).response_metadata?.scopes;
  expect(scopes).toEqual(['commands', 'chat:write']);
});

test('filesUploadV2 shares the bytes as a thread reply; url_private needs the token', async () => {
  const parent = await client(withScope).chat.postMessage({ channel: 'CF', text: 'ready' });
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]);
  const out = await client(withScope).filesUploadV2({
    channel_id: 'CF',
    thread_ts: parent.ts!,
    file: png,
    filename: 'demo.png',
    title: 'demo diagram',
    initial_comment: 'the picture',
  });
  expect(out.ok).toBe(true);
  const reply = withScope.messages.list('CF').find((m) => m.thread_ts === parent.ts)!;
  expect(reply).toMatchObject({ text: 'the picture', user: 'U0SITEBOT' });
  expect(reply.files).toEqual([
    expect.objectContaining({
      name: 'demo.png',
      title: 'demo diagram',
      mimetype: 'image/png',
      filetype: 'png',
      size: 9,
    }),
  ]);
  const url = reply.files![0].url_private;
  expect((await fetch(url)).status).toBe(403);
  const download = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(Buffer.from(await download.arrayBuffer())).toEqual(png);
});

test('the flow refuses what Slack refuses', async () => {
  expect((await api(withScope, 'files.getUploadURLExternal', { filename: 'x.png' })).body).toEqual({
    ok: false,
    error: 'invalid_arguments',
  });
  expect(
    (
      await api(withScope, 'files.getUploadURLExternal', {
        filename: 'x.png',
        length: 3,
        alt_txt: 'a'.repeat(1001),
      })
    ).body,
  ).toEqual({
    ok: false,
    error: 'alt_txt_too_large',
  });
  const { body } = await api(withScope, 'files.getUploadURLExternal', { filename: 'x.txt', length: 3 });
  const id = body.file_id as string;
  // Completed before any bytes arrived: nothing to share.
  expect(
    (await api(withScope, 'files.completeUploadExternal', { files: [{ id }], channel_id: 'CR' })).body,
  ).toEqual({
    ok: false,
    error: 'file_not_found',
  });
  expect((await fetch(body.upload_url as string, { method: 'POST', body: 'four' })).status).toBe(400);
  // A multipart form is accepted as well as raw bytes.
  const form = new FormData();
  form.append('filename', new Blob(['abc']), 'x.txt');
  expect((await fetch(body.upload_url as string, { method: 'POST', body: form })).status).toBe(200);
  expect(
    (await api(withScope, 'files.completeUploadExternal', { files: [{ id }], thread_ts: '1.000001' })).body,
  ).toEqual({
    ok: false,
    error: 'invalid_arguments',
  });
  expect(
    (await api(withScope, 'files.completeUploadExternal', { files: [{ id, title: 'T' }], channel_id: 'CR' }))
      .body,
  ).toEqual({
    ok: true,
    files: [{ id, title: 'T' }],
  });
  // Once only.
  expect(
    (await api(withScope, 'files.completeUploadExternal', { files: [{ id }], channel_id: 'CR' })).body,
  ).toEqual({
    ok: false,
    error: 'file_not_found',
  });
  expect(withScope.messages.list('CR')).toHaveLength(1);
  expect(withScope.files.read(id)?.data.toString()).toBe('abc');
});
