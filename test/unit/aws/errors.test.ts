import { errorCode, isNotFound, isRetryable, isThrottle, toStepError } from '../../../src/aws/errors';
import { say } from '../../../src/i18n/said';

/** An error shaped as SDK v3 raises it. */
function awsError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: 400 }, ...extra });
}

describe('errorCode', () => {
  test('prefers the wire code (Code) over the SDK class name', () => {
    expect(errorCode(awsError('NoSuchEntityException', { Code: 'NoSuchEntity' }))).toBe('NoSuchEntity');
    expect(errorCode(awsError('InvalidVpcID.NotFound'))).toBe('InvalidVpcID.NotFound');
  });
  test('is undefined for non-errors and plain Errors', () => {
    expect(errorCode(undefined)).toBeUndefined();
    expect(errorCode('boom')).toBeUndefined();
    expect(errorCode(new Error('x'))).toBeUndefined();
  });
});

describe('isNotFound', () => {
  test.each([
    'InvalidVpcID.NotFound',
    'InvalidInstanceID.NotFound',
    'InvalidGroup.NotFound',
    'DBInstanceNotFound',
    'DBInstanceNotFoundFault',
    'DBSubnetGroupNotFoundFault',
    'LoadBalancerNotFound',
    'TargetGroupNotFound',
    'ResourceNotFoundException',
    'NoSuchEntity',
    'ParameterNotFound',
  ])('%s means missing', (code) => expect(isNotFound(awsError(code))).toBe(true));

  test.each(['DependencyViolation', 'InvalidParameterValue', 'AccessDenied', 'EntityAlreadyExists'])(
    '%s does not',
    (code) => expect(isNotFound(awsError(code))).toBe(false),
  );
});

describe('isThrottle / isRetryable', () => {
  test.each(['Throttling', 'RequestLimitExceeded', 'ThrottlingException', 'TooManyRequestsException'])(
    '%s is throttling, hence retryable',
    (code) => {
      expect(isThrottle(awsError(code))).toBe(true);
      expect(isRetryable(awsError(code))).toBe(true);
    },
  );
  test('HTTP 429 is throttling whatever the code', () =>
    expect(isThrottle(awsError('Weird', { $metadata: { httpStatusCode: 429 } }))).toBe(true));

  test.each([
    'DependencyViolation',
    'InsufficientInstanceCapacity',
    'InsufficientDBInstanceCapacity',
    'InvalidDBInstanceState',
    'IncorrectState',
    'InternalError',
  ])('%s clears by itself: retryable', (code) => expect(isRetryable(awsError(code))).toBe(true));

  test('5xx is retryable', () =>
    expect(isRetryable(awsError('Anything', { $metadata: { httpStatusCode: 503 } }))).toBe(true));

  test.each([
    'InvalidParameterValue',
    'InvalidParameterCombination',
    'AccessDenied',
    'UnauthorizedOperation',
  ])('%s needs a human: not retryable', (code) => expect(isRetryable(awsError(code))).toBe(false));

  test("the SDK's own transient mark counts", () =>
    expect(isRetryable(awsError('TimeoutError', { $retryable: { throttling: false } }))).toBe(true));
});

test('toStepError names the step, the code, and classifies', () => {
  expect(toStepError(awsError('InvalidParameterCombination'), 'Create VPC')).toEqual({
    code: 'InvalidParameterCombination',
    retryable: false,
    message: 'Create VPC: InvalidParameterCombination: InvalidParameterCombination happened',
    said: say('work.awsError', {
      code: 'InvalidParameterCombination',
      message: 'InvalidParameterCombination happened',
    }),
  });
  expect(toStepError(awsError('RequestLimitExceeded'), 'x').retryable).toBe(true);
  // A dependency's id unknown to EC2 is most often eventual consistency: retried within the budget.
  expect(toStepError(awsError('InvalidGroup.NotFound'), 'x').retryable).toBe(true);
});
