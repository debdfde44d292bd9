/**
 * `/site destroy`: SPEC §10 as a DAG of idempotent teardown steps. The `needs` follow AWS's
 * dependency rules, so independent deletions run side by side: the load balancer, the
 * instances, the database, the AMI and the secret all start at once; the network goes last,
 * once nothing in it holds an address or a security group. A final sweep lists every type
 * sitebot creates by the env's tags and retries whatever is left.
 */
import { inventoryOf, refsOfRoles, totalText } from '../inventory';
import { implementOutline, outlineStep } from '../engine/outline';
import type { StepDefinition, WorkflowDefinition } from '../engine/types';
import type { DestroyDeps } from './deps';
import { destroyOnFinish } from './finish';
import { BEGIN_STEP, DESTROY_OUTLINE, SWEEP_STEP } from './outline';
import { teardownStep, type Ctx } from './step-kit';
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
  ...outlineStep(DESTROY_OUTLINE, BEGIN_STEP),
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
    const note = `${totalText(inventoryOf(refsOfRoles(recorded)))} recorded; anything else tagged for ${ctx.env} is found by tag`;
    return { status: 'done', outputs: { recorded }, note };
  },
};

function stringRecord(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export const loadBalancerStep = teardownStep('load-balancer', {
  units: [listenerUnit, loadBalancerUnit],
});

export const instancesStep = teardownStep('instances', {
  units: [instanceUnit],
});

export const targetGroupStep = teardownStep('target-group', {
  units: [targetGroupUnit],
});

export const databaseStep = teardownStep('database', {
  units: [dbInstanceUnit],
  timeoutMs: (c) => c.dbDeleteTimeoutMs,
});

export const dbSubnetGroupStep = teardownStep('db-subnet-group', {
  units: [dbSubnetGroupUnit],
});

export const imageStep = teardownStep('image', {
  units: [imageUnit, snapshotUnit],
});

export const secretStep = teardownStep('secret', {
  units: [secretUnit],
});

export const webRoleStep = teardownStep('web-role', {
  units: [instanceProfileUnit, iamRoleUnit],
});

export const securityGroupsStep = teardownStep('security-groups', {
  units: [securityGroupUnit],
});

export const routeTableStep = teardownStep('route-table', {
  units: [routeTableUnit],
});

export const internetGatewayStep = teardownStep('internet-gateway', {
  units: [internetGatewayUnit],
});

export const subnetsStep = teardownStep('subnets', {
  units: [subnetUnit],
});

export const vpcStep = teardownStep('vpc', {
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

/** After every step (its needs): nothing tagged for the env may remain; leftovers are retried within the budget. */
export const sweepStep = teardownStep(SWEEP_STEP, {
  units: ALL_UNITS,
  ordered: false,
});

export const DESTROY_STEPS: readonly StepDefinition<DestroyDeps>[] = implementOutline(DESTROY_OUTLINE, [
  beginStep,
  ...TEARDOWN_STEPS,
  sweepStep,
]);

export const destroyWorkflow: WorkflowDefinition<DestroyDeps> = {
  kind: 'destroy',
  steps: DESTROY_STEPS,
  onFinish: destroyOnFinish,
};
