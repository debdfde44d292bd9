import {
  count,
  formatCostSummary,
  formatDuration,
  formatExpiry,
  formatInstant,
  formatPerDay,
  formatPerHour,
  formatPerMonth,
  formatUsd,
  plural,
  roundTo,
} from '../../../src/domain/format';

describe('money', () => {
  test.each([
    [1.23, '$1.23'],
    [0, '$0.00'],
    [1.005, '$1.01'], // half-up on the decimal value, not the float 1.00499…
    [2.675, '$2.68'],
    [1234.5, '$1,234.50'],
    [1234567.891, '$1,234,567.89'],
    [0.004, '<$0.01'],
    [0.005, '$0.01'],
    [-3.456, '-$3.46'],
  ])('formatUsd(%p) = %p', (value, expected) => {
    expect(formatUsd(value)).toBe(expected);
  });

  test.each([
    [0.0052, '$0.0052/h'],
    [0.14171, '$0.1417/h'],
    [0.00005, '$0.0001/h'],
    [1.256, '$1.26/h'],
    [0, '$0.00/h'],
  ])('formatPerHour(%p) = %p', (value, expected) => {
    expect(formatPerHour(value)).toBe(expected);
  });

  test('per day and per month', () => {
    expect(formatPerDay(3.1)).toBe('$3.10/day');
    expect(formatPerDay(3.40111)).toBe('$3.40/day');
    expect(formatPerMonth(103.4513)).toBe('$103.45/month');
  });

  test('roundTo rounds half away from zero at the given decimals', () => {
    expect(roundTo(0.12345, 4)).toBe(0.1235);
    expect(roundTo(-0.125, 2)).toBe(-0.13);
    expect(roundTo(10, 2)).toBe(10);
  });
});

describe('formatDuration', () => {
  const S = 1000;
  const M = 60 * S;
  const H = 60 * M;
  const D = 24 * H;
  test.each([
    [0, '0s'],
    [250, '<1s'],
    [45 * S, '45s'],
    [59 * S + 999, '59s'],
    [60 * S, '1m'],
    [3 * M + 19 * S, '3m 19s'],
    [12 * M + 30 * S, '12m 30s'],
    [60 * M, '1h'],
    [2 * H + 5 * M + 59 * S, '2h 5m'],
    [23 * H + 59 * M + 59 * S, '23h 59m'],
    [24 * H, '1d'],
    [25 * H, '1d 1h'],
    [3 * D + 4 * H + 30 * M, '3d 4h'],
    [-5 * S, '0s'],
    [Number.NaN, '0s'],
  ])('formatDuration(%p) = %p', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  test('truncates, so a figure shown later in a run is never smaller than one shown earlier', () => {
    let last = '';
    for (let ms = 0; ms < 3 * H; ms += 7_777) {
      const shown = formatDuration(ms);
      if (last) expect(toMs(shown)).toBeGreaterThanOrEqual(toMs(last));
      expect(toMs(shown)).toBeLessThanOrEqual(ms);
      last = shown;
    }
  });

  const toMs = (text: string): number =>
    text === '<1s'
      ? 0
      : text
          .split(' ')
          .map((part) => Number(part.slice(0, -1)) * { d: D, h: H, m: M, s: S }[part.slice(-1) as 'd'])
          .reduce((a, b) => a + b, 0);
});

describe('counts, instants and expiries', () => {
  const M = 60_000;
  const H = 60 * M;
  test('plurals follow the English rules', () => {
    expect(count(1, 'resource')).toBe('1 resource');
    expect(count(0, 'resource')).toBe('0 resources');
    expect(count(4, 'security group')).toBe('4 security groups');
    expect(plural(2, 'AMI')).toBe('AMIs');
    expect(count(2, 'person', 'people')).toBe('2 people');
  });

  test('an instant to the minute, in UTC', () => {
    expect(formatInstant(Date.UTC(2026, 11, 1, 20, 52, 46))).toBe('2026-12-01 20:52 UTC');
  });

  test('an expiry ahead or behind', () => {
    expect(formatExpiry(10 * H, 7 * H)).toBe('expires in 3h');
    expect(formatExpiry(7 * H, 7 * H + 10 * M)).toBe('expired 10m ago');
  });
});

describe('formatCostSummary', () => {
  test('rates, then cost so far when known', () => {
    expect(
      formatCostSummary({ perHour: 0.1417137, perDay: 3.4011288, perMonth: 103.451, soFar: 1.234 }),
    ).toBe('$0.1417/h · $3.40/day · $103.45/month · so far $1.23');
    expect(formatCostSummary({ perHour: 0.12, perDay: 2.88, perMonth: 87.6 })).toBe(
      '$0.1200/h · $2.88/day · $87.60/month',
    );
  });
});
