/** The teardown's steps in English (titles), beside ./outline.ts. Japanese: ./outline.ja.ts. */
import type { StepTexts } from '../../i18n/explain';
import type { DestroyStepId } from './outline';

export const DESTROY_STEPS_EN: StepTexts<DestroyStepId> = {
  begin: { title: 'Mark the environment destroying' },
  'load-balancer': { title: 'Delete listener and load balancer' },
  instances: { title: 'Terminate web servers' },
  'target-group': { title: 'Delete target group' },
  database: { title: 'Delete database (no final snapshot)' },
  'db-subnet-group': { title: 'Delete DB subnet group' },
  image: { title: 'Deregister AMI and delete its snapshots' },
  secret: { title: 'Delete credentials secret' },
  'web-role': { title: 'Delete web server role and instance profile' },
  'security-groups': { title: 'Delete security groups' },
  'route-table': { title: 'Delete route table' },
  'internet-gateway': { title: 'Detach and delete internet gateway' },
  subnets: { title: 'Delete subnets' },
  vpc: { title: 'Delete VPC' },
  sweep: { title: 'Sweep: check nothing tagged for the env remains' },
};
