/**
 * The web console's server side, without a browser: what the page may load (CSP, no inline
 * script), who may talk to it (its own host and origin, JSON only, known users), how commands
 * and typed messages reach the stand-in, and the live stream of changes.
 */
import { request } from 'node:http';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import type { ConsoleMessage } from '../../../src/sandbox/slack/web/client/types';
import { compareTs } from '../../../src/sandbox/slack/web/client/order';
import { waitFor } from '../../helpers/slack';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.stop();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${sb.urls.slack}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A GET with a Host header of our choosing (fetch will not send one). */
const getWithHost = (path: string, host: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sb.ports.slack, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

test('the page: its own script and styles only, under a strict Content-Security-Policy', async () => {
  const res = await fetch(sb.urls.console);
  expect(res.status).toBe(200);
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  const html = await res.text();
  expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/console.js" defer>']);
  expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  const js = await fetch(`${sb.urls.slack}/console.js`);
  expect(js.headers.get('content-type')).toContain('text/javascript');
  expect(await js.text()).toContain('EventSource');
});

test('requests for another host (DNS rebinding) or from another origin are refused', async () => {
  expect(await getWithHost('/', `127.0.0.1:${sb.ports.slack}`)).toBe(200);
  expect(await getWithHost('/', `localhost:${sb.ports.slack}`)).toBe(200);
  expect(await getWithHost('/', `attacker.example:${sb.ports.slack}`)).toBe(403);
  expect(await getWithHost('/_console/bootstrap', 'attacker.example')).toBe(403);
  const cross = await post(
    '/_console/command',
    { text: '/site help', user: 'U1', channel: 'C1' },
    { origin: 'http://attacker.example' },
  );
  expect(cross.status).toBe(403);
});

test('commands: JSON only, known users, /site only; a good one reaches the bot signed and its answer shows', async () => {
  const form = await fetch(`${sb.urls.slack}/_console/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'text=/site%20help&user=U1&channel=C1',
  });
  expect(form.status).toBe(415);
  expect(
    (await post('/_console/command', { text: '/site help', user: 'UNOBODY', channel: 'C1' })).status,
  ).toBe(400);
  const other = await post('/_console/command', { text: '/deploy now', user: 'U1', channel: 'C1' });
  expect(other.status).toBe(400);
  expect(((await other.json()) as { error: string }).error).toBe(
    '/deploy is not a valid command. In Slack, all messages that start with "/" are interpreted as commands.',
  );
  const ok = await post('/_console/command', { text: '/site help', user: 'U2', channel: 'CWEB' });
  expect(await ok.json()).toEqual({ status: 200 });
  const help = sb.slack.messages.list('CWEB').find((m) => m.ephemeral_to === 'U2');
  expect(JSON.stringify(help?.blocks)).toContain('/site create');
});

test('a typed message is stored as Slack stores typed text: its specials escaped', async () => {
  const res = await post('/_console/message', { text: '<b>hi</b> & bye', user: 'U1', channel: 'CTYPE' });
  expect(res.status).toBe(200);
  expect(sb.slack.messages.list('CTYPE')).toEqual([
    expect.objectContaining({ user: 'U1', text: '&lt;b&gt;hi&lt;/b&gt; &amp; bye' }),
  ]);
});

/** Reads the console's event stream until `until` holds for what arrived. */
async function streamEvents(act: () => Promise<void>, until: (received: string) => boolean) {
  const controller = new AbortController();
  const res = await fetch(`${sb.urls.slack}/_console/events`, { signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  let received = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      received += Buffer.from(value).toString('utf8');
    }
  })().catch(() => undefined);
  await act();
  await waitFor(() => (until(received) ? true : undefined));
  controller.abort();
  await reading;
  return received
    .split('\n\n')
    .filter((e) => e.startsWith('event: message'))
    .map((e) => JSON.parse(e.split('\ndata: ')[1]) as { type: string; message: ConsoleMessage });
}

const api = (method: string, body: Record<string, unknown>) =>
  fetch(`${sb.urls.slackApi}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sb.config.slack.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<{ ok: boolean; ts?: string; error?: string }>);

test('the event stream carries every change of the log as it happens', async () => {
  let ts = '';
  const events = await streamEvents(
    async () => {
      ts = sb.slack.messages.add({ channel: 'CSSE', user: 'U0SITEBOT', text: 'first', blocks: [] }).ts;
      sb.slack.messages.update('CSSE', ts, { text: 'second' });
    },
    (r) => r.includes('"text":"second"'),
  );
  expect(events.map((e) => [e.type, e.message.ts, e.message.text])).toEqual([
    ['new', ts, 'first'],
    ['update', ts, 'second'],
  ]);
  expect(events[0].message.verdict).toEqual({ refused: [], warnings: [] });
});

test("the strict stand-in's word on each message: warnings, refused updates, and posts Slack refused", async () => {
  const tooLong = 'x'.repeat(3001);
  let ts = '';
  const events = await streamEvents(
    async () => {
      // Accepted with a warning (an unescaped `<` Slack reads as a control sequence).
      ts = (await api('chat.postMessage', { channel: 'CVER', text: 'see /site extend <env>' })).ts!;
      // An update Slack refuses: the message stays as it was, flagged.
      const update = await api('chat.update', {
        channel: 'CVER',
        ts,
        text: 'new',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: tooLong } }],
      });
      expect(update).toMatchObject({ ok: false, error: 'invalid_blocks' });
      // A post Slack refuses outright: never stored, shown where it would have been.
      const post = await api('chat.postMessage', {
        channel: 'CVER',
        text: 'refused one',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: tooLong } }],
      });
      expect(post).toMatchObject({ ok: false, error: 'invalid_blocks' });
    },
    (r) => r.includes('"undelivered":true'),
  );
  const [posted, flagged, refused] = events;
  expect(posted.message.verdict.warnings).toEqual([expect.stringMatching(/^unescaped_mrkdwn/)]);
  expect(flagged).toMatchObject({ type: 'update', message: { ts, text: 'see /site extend <env>' } });
  expect(flagged.message.verdict.refused).toEqual([
    expect.stringMatching(/^invalid_blocks: .*\(at \/blocks\/0\/text\/text\)$/),
  ]);
  expect(refused.message).toMatchObject({ channel: 'CVER', text: 'refused one', user: 'U0SITEBOT' });
  expect(refused.message.verdict).toMatchObject({
    undelivered: true,
    refused: [expect.stringMatching(/^invalid_blocks/)],
  });
  expect(sb.slack.messages.list('CVER').map((m) => m.ts)).toEqual([ts]);

  // A page loaded later sees the same: the stored message with its flags, and the refused post after it.
  const listed = (await (await fetch(`${sb.urls.slack}/_console/messages?channel=CVER`)).json()) as {
    messages: ConsoleMessage[];
  };
  expect(
    listed.messages.map((m) => [m.text, m.verdict.undelivered ?? false, m.verdict.refused.length]),
  ).toEqual([
    ['see /site extend <env>', false, 1],
    ['refused one', true, 1],
  ]);
  expect(compareTs(listed.messages[0].ts, listed.messages[1].ts)).toBe(-1);
  expect(listed.messages[1]).not.toHaveProperty('ephemeral_to');
});

test('a refused ephemeral is shown only to whom it was for, as the ephemeral would have been', async () => {
  const tooLong = 'x'.repeat(3001);
  const refused = await api('chat.postEphemeral', {
    channel: 'CEPW',
    user: 'U2',
    text: 'for U2 only',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: tooLong } }],
  });
  expect(refused).toMatchObject({ ok: false, error: 'invalid_blocks' });
  const listed = (await (await fetch(`${sb.urls.slack}/_console/messages?channel=CEPW`)).json()) as {
    messages: ConsoleMessage[];
  };
  // The page shows an ephemeral only to the user it acts as (client/main.ts): U2 here.
  expect(listed.messages).toEqual([
    expect.objectContaining({
      text: 'for U2 only',
      ephemeral_to: 'U2',
      verdict: expect.objectContaining({ undelivered: true }),
    }),
  ]);
});

test('pictures: an unknown environment is 404, a name that is not one is 400', async () => {
  expect((await fetch(`${sb.urls.slack}/_console/envs/ghost/diagram.svg`)).status).toBe(404);
  expect((await fetch(`${sb.urls.slack}/_console/envs/Bad%20Name/diagram.svg`)).status).toBe(400);
  expect(
    ((await (await fetch(`${sb.urls.slack}/_console/envs`)).json()) as { environments: unknown[] })
      .environments,
  ).toEqual([]);
});
