/**
 * `/site create`: SPEC §1–§8 as a DAG of idempotent steps, in the order and with the needs of
 * ./outline.ts (checked when this module loads), behind a preflight that makes nothing. The database starts as soon as the network
 * and its credentials exist, while the web servers, the AMI and the load balancer proceed
 * beside it.
 */
import { implementOutline } from '../engine/outline';
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
import { preflightStep } from './steps/preflight';
import { securityGroupsStep } from './steps/security';
import { web1Step, web2Step, webAmiStep } from './steps/web';
import { createOnFinish } from './finish';
import { CREATE_OUTLINE } from './outline';

export const CREATE_STEPS: readonly CreateStep[] = implementOutline(CREATE_OUTLINE, [
  // quotas and offerings, before anything is made
  preflightStep,
  // §1 network
  vpcStep,
  subnetsStep,
  internetGatewayStep,
  publicRoutesStep,
  // §2 security groups
  securityGroupsStep,
  // credentials and the web servers' role (secure defaults, DESIGN.md)
  credentialsStep,
  webRoleStep,
  // §4 database, §8 Multi-AZ
  dbSubnetGroupStep,
  databaseStep,
  databaseMultiAzStep,
  // §5's load balancer first: its DNS name goes into the web servers' user data
  loadBalancerStep,
  // §3 web #1, §7 AMI and web #2
  web1Step,
  webAmiStep,
  web2Step,
  // §5 load balancer
  targetGroupStep,
  listenerStep,
  registerTargetsStep,
  targetsHealthyStep,
  // §6 the site answers; outputs
  siteStep,
]);

export const createWorkflow: WorkflowDefinition<CreateDeps> = {
  kind: 'create',
  steps: CREATE_STEPS,
  onFinish: createOnFinish,
};
