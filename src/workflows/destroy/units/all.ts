/** Every resource type sitebot creates, in teardown order: what the sweep (and a failed run's receipt) lists. */
import { imageUnit, instanceUnit, snapshotUnit } from './compute';
import {
  dbInstanceUnit,
  dbSubnetGroupUnit,
  iamRoleUnit,
  instanceProfileUnit,
  listenerUnit,
  loadBalancerUnit,
  secretUnit,
  targetGroupUnit,
} from './managed';
import {
  internetGatewayUnit,
  networkInterfaceUnit,
  routeTableUnit,
  securityGroupUnit,
  subnetUnit,
  vpcUnit,
} from './network';
import type { Unit } from './unit';

export const ALL_UNITS: readonly Unit[] = [
  listenerUnit,
  loadBalancerUnit,
  targetGroupUnit,
  instanceUnit,
  dbInstanceUnit,
  dbSubnetGroupUnit,
  imageUnit,
  snapshotUnit,
  secretUnit,
  instanceProfileUnit,
  iamRoleUnit,
  securityGroupUnit,
  routeTableUnit,
  internetGatewayUnit,
  subnetUnit,
  vpcUnit,
  networkInterfaceUnit,
];
