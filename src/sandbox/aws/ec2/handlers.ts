/**
 * The EC2 service (EC2 Query protocol, API version 2016-11-15): one table of actions gathered
 * from the per-resource files.
 *
 * LIMITATIONS: IPv4 only; no default VPC; no key pairs, elastic IPs, NAT gateways, endpoints,
 * launch templates, volumes API, egress rule editing or DryRun; RunInstances uses one ENI per
 * instance. Everything else the sitebot workflows call behaves as documented, with AWS's codes.
 */
import type { QueryParams } from '../protocol/query';
import { dispatch, withModel, type EmulatedService } from '../protocol/service';
import { EC2_XMLNS } from '../protocol/xml';
import { availabilityZoneHandlers } from './availability-zone';
import { igwHandlers } from './igw';
import { imageHandlers } from './image';
import { instanceHandlers } from './instance';
import type { Ec2Handler } from './model';
import { networkInterfaceHandlers } from './network-interface';
import { offeringHandlers } from './offerings';
import { routeTableHandlers } from './route-table';
import { securityGroupHandlers } from './security-group';
import { subnetHandlers } from './subnet';
import { tagHandlers } from './tags';
import { vpcHandlers } from './vpc';

const actions: Record<string, Ec2Handler> = {
  ...vpcHandlers,
  ...subnetHandlers,
  ...igwHandlers,
  ...routeTableHandlers,
  ...securityGroupHandlers,
  ...instanceHandlers,
  ...imageHandlers,
  ...networkInterfaceHandlers,
  ...tagHandlers,
  ...availabilityZoneHandlers,
  ...offeringHandlers,
};

const table = withModel(actions, (world) => world.ec2);

export const ec2Service: EmulatedService = {
  signingName: 'ec2',
  protocol: 'ec2',
  xmlns: EC2_XMLNS,
  handle(action, input, ctx) {
    return dispatch('ec2', table, action, input as QueryParams, ctx);
  },
};
