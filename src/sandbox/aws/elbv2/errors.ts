/**
 * ELBv2 errors with the wire codes of the Elastic Load Balancing v2 API (all HTTP 400; the
 * SDK maps e.g. `LoadBalancerNotFound` to `LoadBalancerNotFoundException`).
 */
import { AwsError } from '../protocol/errors';

export const elbErrors = {
  validation: (message: string) => new AwsError('ValidationError', message, 400),
  loadBalancerNotFound: (what = 'One or more load balancers not found') =>
    new AwsError('LoadBalancerNotFound', what, 400),
  targetGroupNotFound: (what = 'One or more target groups not found') =>
    new AwsError('TargetGroupNotFound', what, 400),
  listenerNotFound: (what = 'One or more listeners not found') => new AwsError('ListenerNotFound', what, 400),
  duplicateLoadBalancerName: (name: string) =>
    new AwsError(
      'DuplicateLoadBalancerName',
      `A load balancer with the same name '${name}' exists, but with different settings`,
      400,
    ),
  duplicateTargetGroupName: (name: string) =>
    new AwsError(
      'DuplicateTargetGroupName',
      `A target group with the same name '${name}' exists, but with different settings`,
      400,
    ),
  duplicateListener: () =>
    new AwsError('DuplicateListener', 'A listener already exists on this port for this load balancer', 400),
  invalidConfiguration: (message: string) => new AwsError('InvalidConfigurationRequest', message, 400),
  subnetNotFound: (id: string) => new AwsError('SubnetNotFound', `The subnet ID '${id}' is not valid`, 400),
  invalidSubnet: (message: string) => new AwsError('InvalidSubnet', message, 400),
  invalidSecurityGroup: (id: string) =>
    new AwsError('InvalidSecurityGroup', `The security group '${id}' does not exist`, 400),
  invalidTarget: (message: string) => new AwsError('InvalidTarget', message, 400),
  resourceInUse: (message: string) => new AwsError('ResourceInUse', message, 400),
  targetGroupAssociationLimit: (arn: string) =>
    new AwsError(
      'TargetGroupAssociationLimit',
      `The following target groups cannot be associated with more than one load balancer: '${arn}'`,
      400,
    ),
  incompatibleProtocols: (message: string) => new AwsError('IncompatibleProtocols', message, 400),
  unsupportedProtocol: (protocol: string) =>
    new AwsError('UnsupportedProtocol', `Protocol '${protocol}' is not supported`, 400),
  // Quotas per Region (ELBv2 API reference: TooManyLoadBalancers, TooManyTargetGroups).
  tooManyLoadBalancers: () =>
    new AwsError(
      'TooManyLoadBalancers',
      "You've reached the limit on the number of load balancers for your AWS account.",
      400,
    ),
  tooManyTargetGroups: () =>
    new AwsError(
      'TooManyTargetGroups',
      "You've reached the limit on the number of target groups for your AWS account.",
      400,
    ),
  duplicateTagKeys: (key: string) =>
    new AwsError('DuplicateTagKeys', `Tag key '${key}' was specified more than once`, 400),
};
