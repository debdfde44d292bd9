/**
 * The replay guard every HTTP entry point uses: a timestamp within five minutes of the clock,
 * either way, inclusive; anything that is not a plain number of seconds is refused.
 */
import { isFreshSlackTimestamp, MAX_CLOCK_SKEW_SEC } from '../../../src/bot/request-freshness';

const NOW_SEC = 1_800_000_000;
const nowMs = NOW_SEC * 1000;

describe('isFreshSlackTimestamp', () => {
  it('accepts the current second', () => {
    expect(isFreshSlackTimestamp(String(NOW_SEC), nowMs)).toBe(true);
  });

  it('accepts exactly 300 s old and exactly 300 s ahead', () => {
    expect(MAX_CLOCK_SKEW_SEC).toBe(300);
    expect(isFreshSlackTimestamp(String(NOW_SEC - 300), nowMs)).toBe(true);
    expect(isFreshSlackTimestamp(String(NOW_SEC + 300), nowMs)).toBe(true);
  });

  it('refuses 301 s old and 301 s ahead', () => {
    expect(isFreshSlackTimestamp(String(NOW_SEC - 301), nowMs)).toBe(false);
    expect(isFreshSlackTimestamp(String(NOW_SEC + 301), nowMs)).toBe(false);
  });

  it('compares whole seconds of the clock: 999 ms into a second is still that second', () => {
    expect(isFreshSlackTimestamp(String(NOW_SEC - 300), nowMs + 999)).toBe(true);
    expect(isFreshSlackTimestamp(String(NOW_SEC - 300), nowMs + 1000)).toBe(false);
    expect(isFreshSlackTimestamp(String(NOW_SEC + 300), nowMs - 1)).toBe(false);
  });

  it('refuses what is not a plain decimal number of seconds', () => {
    for (const bad of [
      '',
      ' ',
      'now',
      '-1',
      '+1800000000',
      '1.8e9',
      '1800000000.5',
      ' 1800000000',
      '0x6b49d200',
    ]) {
      expect(isFreshSlackTimestamp(bad, nowMs)).toBe(false);
    }
    expect(isFreshSlackTimestamp('1'.repeat(13), nowMs)).toBe(false);
    expect(isFreshSlackTimestamp(undefined, nowMs)).toBe(false);
  });

  it('reads the first of a repeated header', () => {
    expect(isFreshSlackTimestamp([String(NOW_SEC), '1'], nowMs)).toBe(true);
    expect(isFreshSlackTimestamp(['1', String(NOW_SEC)], nowMs)).toBe(false);
    expect(isFreshSlackTimestamp([], nowMs)).toBe(false);
  });
});
