/** How AWS's answers to a delete call are read: gone, blocked (wait and retry), or a real failure. */
import { attempt, isBlocked, pollDelay } from '../../../../src/workflows/destroy/outcome';

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });
const failing = (name: string) => () => Promise.reject(awsError(name));

describe('attempt', () => {
  it('a successful call is a deletion', async () => {
    await expect(attempt(async () => undefined)).resolves.toEqual({ kind: 'deleted' });
  });

  it.each([
    'InvalidVpcID.NotFound',
    'InvalidSubnetID.NotFound',
    'InvalidGroup.NotFound',
    'InvalidInternetGatewayID.NotFound',
    'InvalidRouteTableID.NotFound',
    'InvalidAMIID.NotFound',
    'InvalidSnapshot.NotFound',
    'InvalidInstanceID.NotFound',
    'DBInstanceNotFoundFault',
    'DBSubnetGroupNotFoundFault',
    'LoadBalancerNotFoundException',
    'TargetGroupNotFoundException',
    'ListenerNotFoundException',
    'ResourceNotFoundException',
    'NoSuchEntityException',
    'NoSuchEntity',
  ])('%s means already deleted', async (code) => {
    await expect(attempt(failing(code))).resolves.toEqual({ kind: 'gone' });
  });

  it.each([
    ['DependencyViolation', 'Network vpc-1 has some mapped public address(es).'],
    ['InvalidSnapshot.InUse', 'The snapshot snap-1 is currently in use by ami-1'],
    ['ResourceInUse', 'Target group is currently in use by a listener'],
    ['InvalidDBSubnetGroupStateFault', 'at least one database instance is still using it'],
    ['InvalidDBInstanceState', 'Instance is already being deleted.'],
    ['DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.'],
    ['RequestLimitExceeded', 'Request limit exceeded.'],
    ['Throttling', 'Rate exceeded'],
    ['InvalidAMIID.Unavailable', "The image id '[ami-1]' is not available"],
  ])('%s is blocked for now, with AWS’s words as the reason', async (code, message) => {
    await expect(attempt(() => Promise.reject(awsError(code, message)))).resolves.toEqual({
      kind: 'blocked',
      reason: `${code}: ${message}`,
    });
  });

  it.each(['UnauthorizedOperation', 'AccessDenied', 'InvalidParameterValue', 'OperationNotPermitted'])(
    '%s is a real failure and is thrown',
    async (code) => {
      await expect(attempt(failing(code))).rejects.toMatchObject({ name: code });
      expect(isBlocked(awsError(code))).toBe(false);
    },
  );

  it('a 5xx without a known code is blocked, not fatal', () => {
    expect(isBlocked(Object.assign(new Error('boom'), { $metadata: { httpStatusCode: 503 } }))).toBe(true);
  });
});

describe('pollDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => pollDelay(n, 5_000, 15_000))).toEqual([
      5_000, 10_000, 15_000, 15_000, 15_000,
    ]);
  });
});
