/**
 * `/site create` without its code: every step's id and needs, and what it creates (for the
 * dry-run plan). Each step's title and explanation, in each language, are beside this file
 * (./outline.en.ts, ./outline.ja.ts). The steps in ./steps take their metadata from here by id;
 * the bot and the Slack Lambda read this module only, so they never load the AWS clients the
 * steps use.
 */
import { say, type Saying } from '../../i18n/said';
import type { MultiAzMode } from '../../state/types';
import type { StepOutline, WorkflowOutline } from '../engine/types';
import type { CreateConfig } from './deps';
import { HEALTH_CHECK_PATH, SUBNETS, VPC_CIDR } from './layout';

/** One AWS resource a step creates, for the `--dry-run` plan. */
export interface PlannedResource {
  type: string;
  name: string;
  /** Its settings, said (the plan shows them in the reader's words). */
  detail?: Saying;
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
      needs: [],
      resources: nothing,
    },
    // §1 network
    {
      id: 'vpc',
      needs: ['preflight'],
      resources: ({ env }) => [
        { type: 'vpc', name: `${env}-vpc`, detail: say('work.planVpc', { cidr: VPC_CIDR }) },
      ],
    },
    {
      id: 'subnets',
      needs: ['vpc'],
      resources: ({ env, config }) =>
        SUBNETS.map((s) => ({
          type: 'subnet',
          name: `${env}-${s.tier}-${s.side}`,
          detail: say('work.planSubnet', {
            cidr: s.cidr,
            az: config.azs[s.side === 'a' ? 0 : 1],
            isPublic: s.tier === 'public',
          }),
        })),
    },
    {
      id: 'internet-gateway',
      needs: ['vpc'],
      resources: ({ env }) => [{ type: 'internet-gateway', name: `${env}-igw`, detail: say('work.planIgw') }],
    },
    {
      id: 'public-routes',
      needs: ['subnets', 'internet-gateway'],
      resources: ({ env }) => [
        {
          type: 'route-table',
          name: `${env}-public-rt`,
          detail: say('work.planRoutes'),
        },
      ],
    },
    // §2 security groups
    {
      id: 'security-groups',
      needs: ['vpc'],
      resources: ({ env }) => [
        { type: 'security-group', name: `${env}-elb-sg`, detail: say('work.planElbSg') },
        {
          type: 'security-group',
          name: `${env}-web-sg`,
          detail: say('work.planWebSg', { from: `${env}-elb-sg` }),
        },
        {
          type: 'security-group',
          name: `${env}-db-sg`,
          detail: say('work.planDbSg', { from: `${env}-web-sg` }),
        },
      ],
    },
    // credentials and the web servers' role (secure defaults, DESIGN.md)
    {
      id: 'credentials',
      needs: ['preflight'],
      resources: ({ env }) => [
        {
          type: 'secret',
          name: `sitebot/${env}/credentials`,
          detail: say('work.planSecret'),
        },
      ],
    },
    {
      id: 'web-role',
      needs: ['credentials'],
      resources: ({ env }) => [
        {
          type: 'iam-role',
          name: `sitebot-${env}-web`,
          detail: say('work.planRole'),
        },
        { type: 'instance-profile', name: `sitebot-${env}-web` },
      ],
    },
    // §4 database, §8 Multi-AZ
    {
      id: 'db-subnet-group',
      needs: ['subnets'],
      resources: ({ env }) => [
        { type: 'db-subnet-group', name: `sitebot-${env}-db-subnets`, detail: say('work.planDbSubnets') },
      ],
    },
    {
      id: 'database',
      needs: ['db-subnet-group', 'security-groups', 'credentials'],
      resources: ({ env, multiAz, config }) => [
        {
          type: 'db-instance',
          name: `sitebot-${env}-db`,
          detail: say('work.planDb', {
            version: config.engineVersion,
            dbClass: config.dbClass,
            multiAz: multiAz === 'now',
            az: config.azs[0],
          }),
        },
      ],
    },
    {
      id: 'database-multi-az',
      needs: ['database'],
      resources: ({ env, multiAz }) =>
        multiAz === 'later'
          ? [
              {
                type: 'db-standby',
                name: `sitebot-${env}-db`,
                detail: say('work.planStandby'),
              },
            ]
          : [],
    },
    // §5's load balancer comes first: created in seconds (the listener waits for it to be
    // active), its DNS name goes into the web servers' user data as WordPress's home.
    {
      id: 'load-balancer',
      needs: ['subnets', 'security-groups', 'internet-gateway'],
      resources: ({ env }) => [
        {
          type: 'load-balancer',
          name: `${env}-alb`,
          detail: say('work.planAlb'),
        },
      ],
    },
    // §3 web #1, §7 AMI and web #2
    {
      id: 'web-1',
      needs: WEB_NEEDS,
      resources: ({ env, config }) => [
        {
          type: 'instance',
          name: `${env}-web-1`,
          detail: say('work.planWeb1', { type: config.instanceType, az: config.azs[0] }),
        },
      ],
    },
    {
      id: 'web-ami',
      needs: ['web-1'],
      resources: ({ env }) => [
        { type: 'image', name: `${env}-web-ami`, detail: say('work.planAmi') },
        { type: 'snapshot', name: `${env}-web-ami`, detail: say('work.planSnapshot') },
      ],
    },
    {
      id: 'web-2',
      needs: [...WEB_NEEDS, 'web-ami'],
      resources: ({ env, config }) => [
        {
          type: 'instance',
          name: `${env}-web-2`,
          detail: say('work.planWeb2', {
            type: config.instanceType,
            ami: `${env}-web-ami`,
            az: config.azs[1],
          }),
        },
      ],
    },
    // §5 load balancer
    {
      id: 'target-group',
      needs: ['vpc'],
      resources: ({ env }) => [
        {
          type: 'target-group',
          name: `${env}-tg`,
          detail: say('work.planTg', { path: HEALTH_CHECK_PATH }),
        },
      ],
    },
    {
      id: 'listener',
      needs: ['load-balancer', 'target-group'],
      resources: () => [{ type: 'listener', name: 'HTTP:80', detail: say('work.planListener') }],
    },
    {
      id: 'register-targets',
      needs: ['target-group', 'web-1', 'web-2'],
      resources: ({ env }) => [
        {
          type: 'targets',
          name: `${env}-web-1, ${env}-web-2`,
          detail: say('work.planTargets', { tg: `${env}-tg` }),
        },
      ],
    },
    {
      id: 'targets-healthy',
      needs: ['register-targets', 'listener'],
      resources: nothing,
    },
    // §6 the site answers; outputs
    {
      id: 'site',
      needs: ['targets-healthy', 'database-multi-az'],
      resources: nothing,
    },
  ],
} as const satisfies WorkflowOutline<CreateStepOutline>;

export type CreateStepId = (typeof CREATE_OUTLINE.steps)[number]['id'];
