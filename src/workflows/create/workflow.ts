/**
 * `/site create`: SPEC §1–§8 as a DAG of idempotent steps. Read top to bottom it is the
 * hands-on; the `needs` (not the order) decide what runs in parallel: the database starts as
 * soon as the network and its credentials exist, while the web servers, the AMI and the load
 * balancer proceed beside it.
 */
import type { WorkflowDefinition } from '../engine/types';
import type { CreateDeps } from './deps';
import type { CreateStep } from './step-kit';
import { credentialsStep } from './steps/credentials';
import { databaseMultiAzStep, databaseStep, dbSubnetGroupStep } from './steps/database';
import { webRoleStep } from './steps/iam';
import {
  listenerStep,
  loadBalancerStep,
  registerTargetsStep,
  siteStep,
  targetGroupStep,
  targetsHealthyStep,
} from './steps/loadbalancer';
import { internetGatewayStep, publicRoutesStep, subnetsStep, vpcStep } from './steps/network';
import { securityGroupsStep } from './steps/security';
import { web1Step, web2Step, webAmiStep } from './steps/web';
import { createOnFinish } from './finish';

export const CREATE_STEPS: readonly CreateStep[] = [
  // §1 network
  vpcStep, //                 needs: —
  subnetsStep, //             needs: vpc
  internetGatewayStep, //     needs: vpc
  publicRoutesStep, //        needs: subnets, internet-gateway
  // §2 security groups
  securityGroupsStep, //      needs: vpc
  // credentials and the web servers' role (secure defaults, DESIGN.md)
  credentialsStep, //         needs: —
  webRoleStep, //             needs: credentials
  // §4 database, §8 Multi-AZ
  dbSubnetGroupStep, //       needs: subnets
  databaseStep, //            needs: db-subnet-group, security-groups, credentials
  databaseMultiAzStep, //     needs: database
  // §3 web #1, §7 AMI and web #2
  web1Step, //                needs: subnets, security-groups, web-role, public-routes
  webAmiStep, //              needs: web-1
  web2Step, //                needs: web-ami (+ web-1's needs)
  // §5 load balancer
  targetGroupStep, //         needs: vpc
  loadBalancerStep, //        needs: subnets, security-groups, internet-gateway
  listenerStep, //            needs: load-balancer, target-group
  registerTargetsStep, //     needs: target-group, web-1, web-2
  targetsHealthyStep, //      needs: register-targets, listener
  // §6 the site answers; outputs
  siteStep, //                needs: targets-healthy, database-multi-az
];

export const createWorkflow: WorkflowDefinition<CreateDeps> = {
  kind: 'create',
  steps: CREATE_STEPS,
  onFinish: createOnFinish,
};
