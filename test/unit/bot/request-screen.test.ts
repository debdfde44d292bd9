/** The front door of every HTTP entry point, before Bolt: 413, ssl_check, then freshness. */
import { MAX_BODY_BYTES, screenSlackRequest } from '../../../src/bot/request-screen';

const NOW_SEC = 1_800_000_000;
const nowMs = NOW_SEC * 1000;
const FORM = 'application/x-www-form-urlencoded';

/** `timestamp: null` sends none. */
const screen = (
  rawBody: string | undefined,
  timestamp: string | null = String(NOW_SEC),
  contentType = FORM,
) => screenSlackRequest({ contentType, timestamp: timestamp ?? undefined, rawBody }, nowMs);

describe('screenSlackRequest', () => {
  it("answers Slack's ssl_check probe, which has no signature and no timestamp", () => {
    expect(screen('ssl_check=1&token=abc', null)).toEqual({ kind: 'ssl-check' });
    expect(screen('ssl_check=1', null, 'application/x-www-form-urlencoded; charset=utf-8')).toEqual({
      kind: 'ssl-check',
    });
  });

  it('takes nothing else for an ssl_check: other values, JSON bodies and other types go on to the checks', () => {
    expect(screen('ssl_check=0', null)).toEqual({ kind: 'refuse', status: 401 });
    expect(screen('{"ssl_check":"1"}', null, 'application/json')).toEqual({ kind: 'refuse', status: 401 });
    expect(screen('ssl_check=1', null, 'text/plain')).toEqual({ kind: 'refuse', status: 401 });
  });

  it('refuses a body over the limit (or one not read because it was) with 413, before anything else', () => {
    expect(screen(undefined)).toEqual({ kind: 'refuse', status: 413 });
    expect(screen(`ssl_check=1&x=${'a'.repeat(MAX_BODY_BYTES)}`, null)).toEqual({
      kind: 'refuse',
      status: 413,
    });
    expect(screen('a'.repeat(MAX_BODY_BYTES))).toEqual({ kind: 'pass' });
    // Bytes, not characters: 'é' is two.
    expect(screen('é'.repeat(MAX_BODY_BYTES / 2 + 1))).toEqual({ kind: 'refuse', status: 413 });
  });

  it('refuses a missing, stale or future timestamp with 401 and passes a fresh one to Bolt', () => {
    expect(screen('command=%2Fsite', null)).toEqual({ kind: 'refuse', status: 401 });
    expect(screen('command=%2Fsite', String(NOW_SEC - 301))).toEqual({ kind: 'refuse', status: 401 });
    expect(screen('command=%2Fsite', String(NOW_SEC + 301))).toEqual({ kind: 'refuse', status: 401 });
    expect(screen('command=%2Fsite', String(NOW_SEC - 300))).toEqual({ kind: 'pass' });
  });
});

test('refuses with 400 a fresh request whose body is neither a form nor JSON (Slack sends only those)', () => {
  const fresh = String(NOW_SEC);
  for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml', '']) {
    expect(screenSlackRequest({ contentType: type, timestamp: fresh, rawBody: 'a=b' }, nowMs)).toEqual({
      kind: 'refuse',
      status: 400,
    });
  }
  for (const type of [FORM, 'application/x-www-form-urlencoded; charset=utf-8', 'application/json']) {
    expect(screenSlackRequest({ contentType: type, timestamp: fresh, rawBody: 'a=b' }, nowMs)).toEqual({
      kind: 'pass',
    });
  }
});

// Media types (RFC 9110 §8.3.1): type and subtype are case-insensitive, and parameters follow
// after optional spaces and a ';'. Anything else that only begins alike is another type.
describe('content types', () => {
  const fresh = String(NOW_SEC);
  const screenType = (contentType: string | undefined, rawBody = 'a=b', timestamp: string | null = fresh) =>
    screenSlackRequest({ contentType, timestamp: timestamp ?? undefined, rawBody }, nowMs);

  it('passes a form or JSON with parameters, spaces before them, or in any case', () => {
    for (const type of [
      'application/x-www-form-urlencoded;charset=utf-8',
      'application/x-www-form-urlencoded ; charset=utf-8',
      'application/x-www-form-urlencoded ',
      'Application/X-WWW-Form-URLEncoded',
      'application/json; charset=utf-8',
      'application/json ; charset=utf-8',
      'APPLICATION/JSON',
    ])
      expect([type, screenType(type)]).toEqual([type, { kind: 'pass' }]);
  });

  it('refuses with 400 a type that only begins or ends like a form or JSON', () => {
    for (const type of [
      'application/jsonp',
      'application/json-seq',
      'application/x-www-form-urlencoded-foo',
      'application/x-www-form-urlencodedx; charset=utf-8',
      'x-application/json',
      'text/plain; x=application/x-www-form-urlencoded',
    ])
      expect([type, screenType(type)]).toEqual([type, { kind: 'refuse', status: 400 }]);
  });

  it('refuses with 400 a fresh request with no content type', () => {
    expect(screenType(undefined)).toEqual({ kind: 'refuse', status: 400 });
  });

  it('takes an ssl_check only from a form: a look-alike type or none is checked like any request', () => {
    for (const type of [
      'application/x-www-form-urlencoded-foo',
      'x-application/x-www-form-urlencoded',
      undefined,
    ])
      expect([type, screenType(type, 'ssl_check=1', null)]).toEqual([type, { kind: 'refuse', status: 401 }]);
    expect(screenType('Application/X-WWW-Form-URLEncoded ; charset=utf-8', 'ssl_check=1', null)).toEqual({
      kind: 'ssl-check',
    });
  });
});
