import { backoffDelay } from '../../../../src/workflows/engine/backoff';
import { classifyError, isTransientError, NonRetryableError } from '../../../../src/workflows/engine/errors';

const awsError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, ...extra });

describe('classifyError', () => {
  it.each([
    ['throttling', awsError('ThrottlingException')],
    ['EC2 request limit', awsError('RequestLimitExceeded')],
    ['a 5xx', awsError('Weird', { $metadata: { httpStatusCode: 503 } })],
    ['a server fault', awsError('Weird', { $fault: 'server' })],
    ['$retryable', awsError('Weird', { $retryable: { throttling: true } })],
    ['a reset socket', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('treats %s as transient and retryable', (_label, err) => {
    expect(isTransientError(err)).toBe(true);
    expect(classifyError(err).retryable).toBe(true);
  });

  it('treats a client error as not transient but still retryable within the budget', () => {
    const err = awsError('InvalidParameterValue', { $fault: 'client', $metadata: { httpStatusCode: 400 } });
    expect(isTransientError(err)).toBe(false);
    expect(classifyError(err)).toEqual({
      message: 'InvalidParameterValue happened',
      retryable: true,
      code: 'InvalidParameterValue',
    });
  });

  it('never retries a NonRetryableError and keeps its cause and code', () => {
    const cause = awsError('VpcLimitExceeded');
    const err = new NonRetryableError('You have reached the VPC limit', { cause });
    expect(err.cause).toBe(cause);
    expect(classifyError(err)).toEqual({
      message: 'You have reached the VPC limit',
      retryable: false,
      code: 'VpcLimitExceeded',
    });
    expect(classifyError(new NonRetryableError('bad', { code: 'BadInput' }))).toEqual({
      message: 'bad',
      retryable: false,
      code: 'BadInput',
    });
  });

  it('handles non-Error throws', () => {
    expect(classifyError('plain string')).toEqual({ message: 'plain string', retryable: true });
  });
});

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, maxMs: 8_000, maxAttempts: 10 };
  it('doubles per failure, caps at maxMs, and spreads the upper half by random()', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([
      500, 1_000, 2_000, 4_000, 4_000,
    ]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
  });
});
