/**
 * Requests Slack did not sign correctly, generated: wrong secret, stale or future timestamp, a
 * real signature replayed over a changed body, missing headers, bad signatures and timestamps,
 * malformed unsigned forms, oversized bodies, wrong content types. Shared by the forged-request
 * tests of every entry point (the HTTP server, the Lambda handler), so each faces the same.
 */
import fc from 'fast-check';
import { slackSignature } from '../../src/sandbox/slack/signing';
import { blockActionsBody, slashCommandBody } from './slack';

export const FORGED_CHANNELS = ['CF1', 'CF2', 'CF3'];
const CHANNELS = FORGED_CHANNELS;

const nowSec = () => Math.floor(Date.now() / 1000);

export interface Forgery {
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

export function forgeries(secret: string): fc.Arbitrary<Forgery> {
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

/** Whether `status` is the refusal this kind of forgery must get (413 unread, else 401 or 400). */
export function isRefusal(forgery: Forgery, status: number): boolean {
  return forgery.kind === 'oversized' ? status === 413 : status === 401 || status === 400;
}

/** The same request signed as Slack signs it: the positive control every forged-request test runs. */
export function genuineHelp(
  secret: string,
  channel = 'CCTL',
): { headers: Record<string, string>; body: string } {
  const body = slashCommandBody({ text: 'help', channel });
  const ts = nowSec();
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(secret, ts, body),
    },
  };
}
