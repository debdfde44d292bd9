/**
 * 1,000 generated requests Slack did not sign correctly — wrong secret, stale or future
 * timestamp, a real signature replayed over a changed body, missing headers, malformed form
 * bodies, oversized bodies (413, unread), wrong content types — all refused with 401/400/413: no service is
 * called, nothing is stored, nothing is posted. (request-verification.test.ts holds one
 * hand-written example of each; this is the generated volume.)
 */
import fc from 'fast-check';
import { slackSignature } from '../../src/sandbox/slack/signing';
import { ephemeral } from '../../src/bot/views/reply';
import { mrkdwn } from '../../src/bot/views/mrkdwn';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { blockActionsBody, slashCommandBody } from '../helpers/slack';

let sb: TestSandbox;
const reply = () => Promise.resolve(ephemeral(mrkdwn`ok`, []));
const services = {
  startCreate: jest.fn(reply),
  startDestroy: jest.fn(reply),
  startFailover: jest.fn(reply),
};
const CHANNELS = ['CF1', 'CF2', 'CF3'];

beforeAll(async () => {
  sb = await startTestSandbox({ services });
});
afterAll(async () => {
  await sb?.stop();
});

const nowSec = () => Math.floor(Date.now() / 1000);

interface Forgery {
  kind: string;
  /** Built when sent: timestamps are relative to the moment of sending, not of generating. */
  headers: () => Record<string, string>;
  body: string;
}

const command = fc
  .record({
    text: fc.oneof(
      fc.constantFrom('create demo', 'destroy demo', 'failover demo web', 'list', 'extend demo 2h'),
      fc.string({ maxLength: 40 }),
    ),
    user: fc.constantFrom('U1', 'U2', 'UEVIL'),
    channel: fc.constantFrom(...CHANNELS),
  })
  .map((f) => slashCommandBody(f));

const press = fc
  .record({
    user: fc.constantFrom('U1', 'UEVIL'),
    channel: fc.constantFrom(...CHANNELS),
    ts: fc.constant('1.000001'),
  })
  .map((f) => blockActionsBody({ ...f, actionId: 'destroy_confirm', value: 'demo' }));

const anyBody = fc.oneof(command, press);

function forgeries(secret: string): fc.Arbitrary<Forgery> {
  const form = 'application/x-www-form-urlencoded';
  const signedAt = (body: string, offsetSec: number, key: string) => {
    const ts = nowSec() + offsetSec;
    return {
      'content-type': form,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(key, ts, body),
    };
  };
  const signed =
    (body: string, offsetSec = 0, key = secret) =>
    () =>
      signedAt(body, offsetSec, key);
  return fc.oneof(
    fc
      .tuple(anyBody, fc.string({ minLength: 1, maxLength: 30 }))
      .filter(([, key]) => key !== secret)
      .map(([body, key]) => ({ kind: 'wrong secret', body, headers: signed(body, 0, key) })),
    fc
      .tuple(anyBody, fc.integer({ min: 5 * 60 + 2, max: 10 * 365 * 86_400 }))
      .map(([body, age]) => ({ kind: 'stale', body, headers: signed(body, -age) })),
    fc
      .tuple(anyBody, fc.integer({ min: 5 * 60 + 2, max: 10 * 365 * 86_400 }))
      .map(([body, ahead]) => ({ kind: 'future', body, headers: signed(body, ahead) })),
    fc
      .tuple(anyBody, anyBody)
      .filter(([a, b]) => a !== b)
      .map(([original, changed]) => ({
        kind: 'replayed signature, changed body',
        body: changed,
        headers: signed(original),
      })),
    fc
      .tuple(
        anyBody,
        fc.subarray(['content-type', 'x-slack-request-timestamp', 'x-slack-signature'], { minLength: 1 }),
      )
      .filter(([, drop]) => drop.some((h) => h !== 'content-type'))
      .map(([body, drop]) => {
        const headers = () => {
          const all: Record<string, string> = signedAt(body, 0, secret);
          for (const h of drop) delete all[h];
          return all;
        };
        return { kind: `missing ${drop.join('+')}`, body, headers };
      }),
    fc
      .tuple(anyBody, fc.constantFrom('garbage', 'v0=', 'v1=' + 'a'.repeat(64), 'v0=' + '0'.repeat(64)))
      .map(([body, signature]) => ({
        kind: 'bad signature',
        body,
        headers: () => ({ ...signedAt(body, 0, secret), 'x-slack-signature': signature }),
      })),
    fc.constantFrom('1e9', 'now', '', '-1', '17000000000000', 'NaN').chain((ts) =>
      anyBody.map((body) => ({
        kind: `bad timestamp ${ts}`,
        body,
        headers: () => ({ ...signedAt(body, 0, secret), 'x-slack-request-timestamp': ts }),
      })),
    ),
    // Unsigned and malformed: a form body that is not a slash command or a payload.
    fc
      .oneof(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('payload=%7B', 'payload={"type":', '%%%', '===&&&'),
      )
      .map((body) => ({
        kind: 'malformed form, unsigned',
        body,
        headers: () => ({
          'content-type': form,
          'x-slack-request-timestamp': String(nowSec()),
          'x-slack-signature': 'v0=deadbeef',
        }),
      })),
    // Oversized: a megabyte-plus body with a signature made with the wrong key.
    fc.constant(null).map(() => {
      const body = slashCommandBody({ text: `create ${'x'.repeat(1_100_000)}`, channel: 'CF1' });
      return { kind: 'oversized', body, headers: signed(body, 0, 'not-the-secret') };
    }),
    // Wrong content type with a wrong-key signature.
    fc
      .tuple(
        anyBody,
        fc.constantFrom(
          'application/json',
          'text/plain',
          'multipart/form-data; boundary=x',
          'application/xml',
        ),
      )
      .map(([body, type]) => ({
        kind: `content-type ${type}`,
        body,
        headers: () => ({ ...signedAt(body, 0, 'nope'), 'content-type': type }),
      })),
  );
}

test('1,000 forged or broken requests: all 401/400/413, nothing called, stored or posted', async () => {
  const before = await sb.itemCounts();
  const secret = sb.config.slack.signingSecret;
  const samples = fc.sample(forgeries(secret), { numRuns: 1_000, seed: 9 });
  const byKind: Record<string, number> = {};
  const wrong: { kind: string; status: number }[] = [];
  for (const f of samples) {
    const res = await fetch(sb.urls.bot, { method: 'POST', headers: f.headers(), body: f.body });
    await res.text();
    const kind = f.kind.replace(/ .*/, '');
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    const refused = f.kind === 'oversized' ? res.status === 413 : res.status === 401 || res.status === 400;
    if (!refused) {
      wrong.push({ kind: f.kind, status: res.status });
    }
  }
  expect(wrong).toEqual([]);
  expect(samples).toHaveLength(1_000);
  // Every kind of forgery was tried a fair number of times.
  expect(Object.keys(byKind).length).toBeGreaterThanOrEqual(8);
  for (const s of Object.values(services)) expect(s).not.toHaveBeenCalled();
  expect(await sb.itemCounts()).toEqual(before);
  for (const c of CHANNELS) expect(await sb.messages(c)).toEqual([]);
}, 60_000);
