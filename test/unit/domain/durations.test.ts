import { defaultDurations } from '../../../src/sandbox/aws/durations';
import {
  DURATION_SYNTAX,
  extendRule,
  MIN_TTL_MS,
  parseDurationMs,
  readDuration,
  ttlRule,
} from '../../../src/domain/durations';
import { criticalPath, createStepDurations } from '../../../src/workflows/create/plan';

const H = 3_600_000;

test('durations people type: whole minutes, hours or days', () => {
  expect(parseDurationMs('90m')).toBe(90 * 60_000);
  expect(parseDurationMs(' 8h ')).toBe(8 * H);
  expect(parseDurationMs('3d')).toBe(72 * H);
  expect(parseDurationMs('0m')).toBe(0);
  for (const bad of ['8', '1.5h', 'h', '8w', '-1h', '', '999999d'])
    expect(parseDurationMs(bad)).toBeUndefined();
});

test('an error names what is wrong and the rule', () => {
  const ttl = ttlRule(7 * 24 * H);
  expect(readDuration('5m', ttl)).toEqual({ ok: false, error: 'TTL must be at least 1h (got 5m)' });
  expect(readDuration('8d', ttl)).toEqual({ ok: false, error: 'TTL must be at most 7d (got 8d)' });
  expect(readDuration('-1h', ttl)).toEqual({ ok: false, error: 'TTL must be positive (got -1h)' });
  expect(readDuration('soon', ttl)).toEqual({
    ok: false,
    error: `TTL must be ${DURATION_SYNTAX} (got soon)`,
  });
  expect(readDuration('1h', ttl)).toEqual({ ok: true, ms: H });
  expect(readDuration('0m', extendRule(7 * 24 * H))).toEqual({
    ok: false,
    error: 'the extension must be at least 1m (got 0m)',
  });
});

test('the minimum TTL outlasts a create, whatever its Multi-AZ mode', () => {
  // AWS-typical durations (the emulator's, from AWS documentation and field reports).
  for (const mode of ['now', 'later', 'off'] as const) {
    const create = criticalPath(createStepDurations(defaultDurations, mode)).totalMs;
    expect(create).toBeGreaterThan(5 * 60_000);
    // Room to use the environment after it is ready, before auto-destroy: at least as long again.
    expect(MIN_TTL_MS).toBeGreaterThanOrEqual(2 * create);
  }
});
