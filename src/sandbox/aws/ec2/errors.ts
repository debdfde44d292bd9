/**
 * EC2's error codes, as the EC2 API reference lists them ("Error codes for the Amazon EC2
 * API"), with AWS's message wording where it is known.
 */
import { AwsError } from '../protocol/errors';

/** `Invalid<Kind>ID.NotFound` with AWS's per-kind wording. */
export function notFound(code: string, what: string, id: string): AwsError {
  return new AwsError(code, `The ${what} ID '${id}' does not exist`);
}

export function malformed(code: string, id: string, prefix: string): AwsError {
  return new AwsError(code, `Invalid id: "${id}" (expecting "${prefix}-...")`);
}

export function dependencyViolation(message: string): AwsError {
  return new AwsError('DependencyViolation', message);
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

export function invalidParameterCombination(message: string): AwsError {
  return new AwsError('InvalidParameterCombination', message);
}

export function incorrectInstanceState(message: string): AwsError {
  return new AwsError('IncorrectInstanceState', message);
}

/** Not-found codes and wording per id prefix (used by Describe*, CreateTags, …). */
export const ID_KINDS: Record<string, { code: string; what: string; malformed: string }> = {
  vpc: { code: 'InvalidVpcID.NotFound', what: 'vpc', malformed: 'InvalidVpcID.Malformed' },
  subnet: { code: 'InvalidSubnetID.NotFound', what: 'subnet', malformed: 'InvalidSubnetID.Malformed' },
  igw: {
    code: 'InvalidInternetGatewayID.NotFound',
    what: 'internetGateway',
    malformed: 'InvalidInternetGatewayID.Malformed',
  },
  rtb: {
    code: 'InvalidRouteTableID.NotFound',
    what: 'routeTable',
    malformed: 'InvalidRouteTableID.Malformed',
  },
  sg: { code: 'InvalidGroup.NotFound', what: 'security group', malformed: 'InvalidGroupId.Malformed' },
  i: { code: 'InvalidInstanceID.NotFound', what: 'instance', malformed: 'InvalidInstanceID.Malformed' },
  ami: { code: 'InvalidAMIID.NotFound', what: 'image', malformed: 'InvalidAMIID.Malformed' },
  snap: { code: 'InvalidSnapshot.NotFound', what: 'snapshot', malformed: 'InvalidSnapshotID.Malformed' },
  eni: {
    code: 'InvalidNetworkInterfaceID.NotFound',
    what: 'networkInterface',
    malformed: 'InvalidNetworkInterfaceID.Malformed',
  },
};

const ID_SHAPE = /^([a-z]+)-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** Checks an id's shape for its kind (`Invalid…ID.Malformed`), then returns the not-found error to use. */
export function checkId(kind: keyof typeof ID_KINDS, id: string): AwsError {
  const k = ID_KINDS[kind];
  const m = ID_SHAPE.exec(id);
  if (!m || m[1] !== kind) {
    if (kind === 'sg') throw new AwsError('InvalidGroupId.Malformed', `Invalid id: "${id}"`);
    throw malformed(k.malformed, id, kind);
  }
  if (kind === 'sg') return new AwsError(k.code, `The security group '${id}' does not exist`);
  if (kind === 'ami') return new AwsError(k.code, `The image id '[${id}]' does not exist`);
  if (kind === 'snap') return new AwsError(k.code, `The snapshot '${id}' does not exist.`);
  return notFound(k.code, k.what, id);
}
