/**
 * `/site destroy`: SPEC §10 as a DAG of idempotent teardown steps. The `needs` follow AWS's
 * dependency rules, so independent deletions run side by side: the load balancer, the
 * instances, the database, the AMI and the secret all start at once; the network goes last,
 * once nothing in it holds an address or a security group. A final sweep lists every type
 * sitebot creates by the env's tags and retries whatever is left.
 */
import type { StepDefinition, WorkflowDefinition } from '../engine/types';
import type { DestroyDeps } from './deps';
import { destroyOnFinish } from './finish';
import { BEGIN_STEP, SWEEP_STEP, teardownStep, type Ctx } from './step-kit';
import { ALL_UNITS } from './units/all';
import { imageUnit, instanceUnit, snapshotUnit } from './units/compute';
import {
  dbInstanceUnit,
  dbSubnetGroupUnit,
  iamRoleUnit,
  instanceProfileUnit,
  listenerUnit,
  loadBalancerUnit,
  secretUnit,
  targetGroupUnit,
} from './units/managed';
import { internetGatewayUnit, routeTableUnit, securityGroupUnit, subnetUnit, vpcUnit } from './units/network';

/** Reads the env record (its recorded ids) and marks it `destroying`. */
export const beginStep: StepDefinition<DestroyDeps> = {
  id: BEGIN_STEP,
  title: 'Mark the environment destroying',
  needs: [],
  async run(ctx: Ctx) {
    const fromParams = stringRecord(ctx.params.resources);
    const repo = ctx.deps.environments;
    const env = repo ? await repo.get(ctx.env) : undefined;
    const recorded = { ...fromParams, ...stringRecord(ctx.own.recorded), ...(env?.resources ?? {}) };
    if (repo && env && (env.status !== 'destroying' || env.currentRunId !== ctx.runId)) {
      // A version conflict throws: the runner retries the step.
      await repo.update(ctx.env, env.version, {
        status: 'destroying',
        currentRunId: ctx.runId,
        updatedAt: ctx.now(),
      });
    }
    return { status: 'done', outputs: { recorded } };
  },
};

function stringRecord(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export const loadBalancerStep = teardownStep({
  id: 'load-balancer',
  title: 'Delete listener and load balancer',
  needs: [BEGIN_STEP],
  units: [listenerUnit, loadBalancerUnit],
});

export const instancesStep = teardownStep({
  id: 'instances',
  title: 'Terminate web servers',
  needs: [BEGIN_STEP],
  units: [instanceUnit],
});

export const targetGroupStep = teardownStep({
  id: 'target-group',
  title: 'Delete target group',
  needs: ['load-balancer'],
  units: [targetGroupUnit],
});

export const databaseStep = teardownStep({
  id: 'database',
  title: 'Delete database (no final snapshot)',
  needs: [BEGIN_STEP],
  units: [dbInstanceUnit],
  timeoutMs: (c) => c.dbDeleteTimeoutMs,
});

export const dbSubnetGroupStep = teardownStep({
  id: 'db-subnet-group',
  title: 'Delete DB subnet group',
  needs: ['database'],
  units: [dbSubnetGroupUnit],
});

export const imageStep = teardownStep({
  id: 'image',
  title: 'Deregister AMI and delete its snapshots',
  needs: [BEGIN_STEP],
  units: [imageUnit, snapshotUnit],
});

export const secretStep = teardownStep({
  id: 'secret',
  title: 'Delete credentials secret',
  needs: [BEGIN_STEP],
  units: [secretUnit],
});

export const webRoleStep = teardownStep({
  id: 'web-role',
  title: 'Delete web server role and instance profile',
  needs: ['instances'],
  units: [instanceProfileUnit, iamRoleUnit],
});

export const securityGroupsStep = teardownStep({
  id: 'security-groups',
  title: 'Delete security groups',
  needs: ['load-balancer', 'instances', 'database'],
  units: [securityGroupUnit],
});

export const routeTableStep = teardownStep({
  id: 'route-table',
  title: 'Delete route table',
  needs: ['load-balancer', 'instances'],
  units: [routeTableUnit],
});

export const internetGatewayStep = teardownStep({
  id: 'internet-gateway',
  title: 'Detach and delete internet gateway',
  needs: ['load-balancer', 'instances'],
  units: [internetGatewayUnit],
});

export const subnetsStep = teardownStep({
  id: 'subnets',
  title: 'Delete subnets',
  needs: ['route-table', 'db-subnet-group', 'load-balancer', 'instances', 'database'],
  units: [subnetUnit],
});

export const vpcStep = teardownStep({
  id: 'vpc',
  title: 'Delete VPC',
  needs: ['subnets', 'security-groups', 'route-table', 'internet-gateway'],
  units: [vpcUnit],
});

const TEARDOWN_STEPS = [
  loadBalancerStep,
  instancesStep,
  targetGroupStep,
  databaseStep,
  dbSubnetGroupStep,
  imageStep,
  secretStep,
  webRoleStep,
  securityGroupsStep,
  routeTableStep,
  internetGatewayStep,
  subnetsStep,
  vpcStep,
];

/** After every step: nothing tagged for the env may remain; leftovers are retried within the budget. */
export const sweepStep = teardownStep({
  id: SWEEP_STEP,
  title: 'Sweep: check nothing tagged for the env remains',
  needs: TEARDOWN_STEPS.map((s) => s.id),
  units: ALL_UNITS,
  ordered: false,
});

export const DESTROY_STEPS: readonly StepDefinition<DestroyDeps>[] = [
  beginStep,
  ...TEARDOWN_STEPS,
  sweepStep,
];

export const destroyWorkflow: WorkflowDefinition<DestroyDeps> = {
  kind: 'destroy',
  steps: DESTROY_STEPS,
  onFinish: destroyOnFinish,
};
