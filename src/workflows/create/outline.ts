/**
 * `/site create` without its code: every step's id, title and needs, and what it creates (for
 * the dry-run plan). The steps in ./steps take their metadata from here by id; the bot and the
 * Slack Lambda read this module only, so they never load the AWS clients the steps use.
 */
import type { MultiAzMode } from '../../state/types';
import type { StepOutline, WorkflowOutline } from '../engine/types';
import type { CreateConfig } from './deps';
import { HEALTH_CHECK_PATH, SUBNETS, VPC_CIDR } from './layout';

/** One AWS resource a step creates, for the `--dry-run` plan. */
export interface PlannedResource {
  type: string;
  name: string;
  detail?: string;
}

export interface PlanInput {
  env: string;
  multiAz: MultiAzMode;
  config: CreateConfig;
}

export interface CreateStepOutline extends StepOutline {
  /** What this step creates, given the run's options (empty: a check or a wait only). */
  resources(input: PlanInput): PlannedResource[];
}

const nothing = (): PlannedResource[] => [];
// The load balancer too: its DNS name is WordPress's fixed home, written into the user data.
const WEB_NEEDS = ['subnets', 'security-groups', 'web-role', 'public-routes', 'load-balancer'];

/** Read top to bottom it is the hands-on; the `needs` (not the order) decide what runs in parallel. */
export const CREATE_OUTLINE = {
  kind: 'create',
  steps: [
    // Before anything is made: quotas and offerings (./preflight.ts)
    {
      id: 'preflight',
      title: 'Check quotas and offerings',
      needs: [],
      resources: nothing,
    },
    // §1 network
    {
      id: 'vpc',
      title: 'Create VPC',
      needs: ['preflight'],
      resources: ({ env }) => [{ type: 'vpc', name: `${env}-vpc`, detail: `${VPC_CIDR}, DNS resolution on` }],
    },
    {
      id: 'subnets',
      title: 'Create subnets',
      needs: ['vpc'],
      resources: ({ env, config }) =>
        SUBNETS.map((s) => ({
          type: 'subnet',
          name: `${env}-${s.tier}-${s.side}`,
          detail: `${s.cidr} in ${config.azs[s.side === 'a' ? 0 : 1]}${s.tier === 'public' ? ', public IPv4 on launch' : ''}`,
        })),
    },
    {
      id: 'internet-gateway',
      title: 'Create and attach internet gateway',
      needs: ['vpc'],
      resources: ({ env }) => [
        { type: 'internet-gateway', name: `${env}-igw`, detail: 'attached to the VPC' },
      ],
    },
    {
      id: 'public-routes',
      title: 'Route public subnets to the internet',
      needs: ['subnets', 'internet-gateway'],
      resources: ({ env }) => [
        {
          type: 'route-table',
          name: `${env}-public-rt`,
          detail: '0.0.0.0/0 → internet gateway; both public subnets',
        },
      ],
    },
    // §2 security groups
    {
      id: 'security-groups',
      title: 'Create security groups',
      needs: ['vpc'],
      resources: ({ env }) => [
        { type: 'security-group', name: `${env}-elb-sg`, detail: 'HTTP 80 from 0.0.0.0/0' },
        { type: 'security-group', name: `${env}-web-sg`, detail: `HTTP 80 from ${env}-elb-sg only` },
        { type: 'security-group', name: `${env}-db-sg`, detail: `MySQL 3306 from ${env}-web-sg only` },
      ],
    },
    // credentials and the web servers' role (secure defaults, DESIGN.md)
    {
      id: 'credentials',
      title: 'Generate credentials (Secrets Manager)',
      needs: ['preflight'],
      resources: ({ env }) => [
        {
          type: 'secret',
          name: `sitebot/${env}/credentials`,
          detail: 'generated DB master + WordPress admin passwords',
        },
      ],
    },
    {
      id: 'web-role',
      title: 'Create web server role',
      needs: ['credentials'],
      resources: ({ env }) => [
        {
          type: 'iam-role',
          name: `sitebot-${env}-web`,
          detail: 'GetSecretValue on the credentials, DescribeDBInstances on the DB',
        },
        { type: 'instance-profile', name: `sitebot-${env}-web` },
      ],
    },
    // §4 database, §8 Multi-AZ
    {
      id: 'db-subnet-group',
      title: 'Create DB subnet group',
      needs: ['subnets'],
      resources: ({ env }) => [
        { type: 'db-subnet-group', name: `sitebot-${env}-db-subnets`, detail: 'both private subnets' },
      ],
    },
    {
      id: 'database',
      title: 'Create MySQL database',
      needs: ['db-subnet-group', 'security-groups', 'credentials'],
      resources: ({ env, multiAz, config }) => [
        {
          type: 'db-instance',
          name: `sitebot-${env}-db`,
          detail: `MySQL ${config.engineVersion}, ${config.dbClass}, ${multiAz === 'now' ? 'Multi-AZ' : `single-AZ in ${config.azs[0]}`}, not public, backups off`,
        },
      ],
    },
    {
      id: 'database-multi-az',
      title: 'Make the database Multi-AZ',
      needs: ['database'],
      resources: ({ env, multiAz }) =>
        multiAz === 'later'
          ? [
              {
                type: 'db-standby',
                name: `sitebot-${env}-db`,
                detail: 'modify to Multi-AZ, apply immediately',
              },
            ]
          : [],
    },
    // §5's load balancer comes first: created in seconds (the listener waits for it to be
    // active), its DNS name goes into the web servers' user data as WordPress's home.
    {
      id: 'load-balancer',
      title: 'Create load balancer',
      needs: ['subnets', 'security-groups', 'internet-gateway'],
      resources: ({ env }) => [
        {
          type: 'load-balancer',
          name: `${env}-alb`,
          detail: 'internet-facing ALB over both public subnets, elb-sg',
        },
      ],
    },
    // §3 web #1, §7 AMI and web #2
    {
      id: 'web-1',
      title: 'Launch web server #1',
      needs: WEB_NEEDS,
      resources: ({ env, config }) => [
        {
          type: 'instance',
          name: `${env}-web-1`,
          detail: `${config.instanceType}, Amazon Linux 2023, public subnet ${config.azs[0]}, IMDSv2 required, WordPress by user data`,
        },
      ],
    },
    {
      id: 'web-ami',
      title: 'Create AMI of web server #1',
      needs: ['web-1'],
      resources: ({ env }) => [
        { type: 'image', name: `${env}-web-ami`, detail: 'from web #1 with reboot' },
        { type: 'snapshot', name: `${env}-web-ami root volume` },
      ],
    },
    {
      id: 'web-2',
      title: 'Launch web server #2 from the AMI',
      needs: [...WEB_NEEDS, 'web-ami'],
      resources: ({ env, config }) => [
        {
          type: 'instance',
          name: `${env}-web-2`,
          detail: `${config.instanceType} from ${env}-web-ami, public subnet ${config.azs[1]}`,
        },
      ],
    },
    // §5 load balancer
    {
      id: 'target-group',
      title: 'Create target group',
      needs: ['vpc'],
      resources: ({ env }) => [
        {
          type: 'target-group',
          name: `${env}-tg`,
          detail: `HTTP/80 instances, health check ${HEALTH_CHECK_PATH}`,
        },
      ],
    },
    {
      id: 'listener',
      title: 'Create HTTP listener (load balancer active)',
      needs: ['load-balancer', 'target-group'],
      resources: () => [{ type: 'listener', name: 'HTTP:80', detail: 'forward to the target group' }],
    },
    {
      id: 'register-targets',
      title: 'Register web servers',
      needs: ['target-group', 'web-1', 'web-2'],
      resources: ({ env }) => [
        { type: 'targets', name: `${env}-web-1, ${env}-web-2`, detail: `registered in ${env}-tg` },
      ],
    },
    {
      id: 'targets-healthy',
      title: 'Wait for both targets healthy',
      needs: ['register-targets', 'listener'],
      resources: nothing,
    },
    // §6 the site answers; outputs
    {
      id: 'site',
      title: 'Check the site answers',
      needs: ['targets-healthy', 'database-multi-az'],
      resources: nothing,
    },
  ],
} as const satisfies WorkflowOutline<CreateStepOutline>;

export type CreateStepId = (typeof CREATE_OUTLINE.steps)[number]['id'];
