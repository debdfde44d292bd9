/**
 * The replay window as a property: for any clock reading and any whole-second timestamp, the
 * request is fresh exactly when the two are at most MAX_CLOCK_SKEW_SEC apart, comparing the
 * clock's whole seconds (Slack sends whole seconds). Found by mutation testing (quality/README.md):
 * without it, a window of any width, either sign, or a check that ignored the clock passed.
 */
import fc from 'fast-check';
import { isFreshSlackTimestamp, MAX_CLOCK_SKEW_SEC } from '../../../src/bot/request-freshness';

// Slack's documented window is five minutes: https://api.slack.com/authentication/verifying-requests-from-slack
test('the window is five minutes', () => {
  expect(MAX_CLOCK_SKEW_SEC).toBe(300);
});

test('fresh exactly when |now − timestamp| ≤ 300 s, in whole seconds of the clock, either way', () => {
  const nowMs = fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 });
  // Mostly near the edges of the window, sometimes anywhere.
  const skewSec = fc.oneof(
    fc.integer({ min: -302, max: -298 }),
    fc.integer({ min: 298, max: 302 }),
    fc.integer({ min: -100_000, max: 100_000 }),
  );
  fc.assert(
    fc.property(nowMs, skewSec, (now, skew) => {
      const ts = Math.floor(now / 1000) + skew;
      fc.pre(ts >= 0);
      expect(isFreshSlackTimestamp(String(ts), now)).toBe(Math.abs(skew) <= 300);
    }),
    { numRuns: 500 },
  );
});

test('the edges themselves, with the clock part-way through a second', () => {
  const sec = 1_800_000_000;
  for (const ms of [0, 1, 999]) {
    const now = sec * 1000 + ms;
    expect([299, 300, 301].map((d) => isFreshSlackTimestamp(String(sec - d), now))).toEqual([
      true,
      true,
      false,
    ]);
    expect([299, 300, 301].map((d) => isFreshSlackTimestamp(String(sec + d), now))).toEqual([
      true,
      true,
      false,
    ]);
  }
});

test('a header repeated: the first value decides', () => {
  const now = 1_800_000_000_000;
  expect(isFreshSlackTimestamp(['1800000000', '1'], now)).toBe(true);
  expect(isFreshSlackTimestamp(['1', '1800000000'], now)).toBe(false);
});

test('only 1 to 12 plain digits are a timestamp', () => {
  // A 12-digit timestamp is read (and is simply stale here); 13 digits are not read at all.
  const farFuture = 999_999_999_999;
  expect(isFreshSlackTimestamp(String(farFuture), farFuture * 1000)).toBe(true);
  expect(isFreshSlackTimestamp('0', 0)).toBe(true);
  for (const bad of [undefined, '', 'x1800000000', '1800000000x', '18e8', '-0', '1'.repeat(13)])
    expect(isFreshSlackTimestamp(bad, 1_800_000_000_000)).toBe(false);
});
