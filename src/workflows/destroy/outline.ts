/**
 * `/site destroy` without its code: every teardown step's id, title and needs. The `needs`
 * follow AWS's dependency rules (see ./workflow.ts); the steps take their metadata from here.
 */
import type { StepOutline, WorkflowOutline } from '../engine/types';

export const BEGIN_STEP = 'begin';
export const SWEEP_STEP = 'sweep';

const TEARDOWN: readonly StepOutline[] = [
  { id: 'load-balancer', title: 'Delete listener and load balancer', needs: [BEGIN_STEP] },
  { id: 'instances', title: 'Terminate web servers', needs: [BEGIN_STEP] },
  { id: 'target-group', title: 'Delete target group', needs: ['load-balancer'] },
  { id: 'database', title: 'Delete database (no final snapshot)', needs: [BEGIN_STEP] },
  { id: 'db-subnet-group', title: 'Delete DB subnet group', needs: ['database'] },
  { id: 'image', title: 'Deregister AMI and delete its snapshots', needs: [BEGIN_STEP] },
  { id: 'secret', title: 'Delete credentials secret', needs: [BEGIN_STEP] },
  { id: 'web-role', title: 'Delete web server role and instance profile', needs: ['instances'] },
  {
    id: 'security-groups',
    title: 'Delete security groups',
    needs: ['load-balancer', 'instances', 'database'],
  },
  { id: 'route-table', title: 'Delete route table', needs: ['load-balancer', 'instances'] },
  {
    id: 'internet-gateway',
    title: 'Detach and delete internet gateway',
    needs: ['load-balancer', 'instances'],
  },
  {
    id: 'subnets',
    title: 'Delete subnets',
    needs: ['route-table', 'db-subnet-group', 'load-balancer', 'instances', 'database'],
  },
  {
    id: 'vpc',
    title: 'Delete VPC',
    needs: ['subnets', 'security-groups', 'route-table', 'internet-gateway'],
  },
];

export const DESTROY_OUTLINE: WorkflowOutline = {
  kind: 'destroy',
  steps: [
    { id: BEGIN_STEP, title: 'Mark the environment destroying', needs: [] },
    ...TEARDOWN,
    // After every step: nothing tagged for the env may remain; leftovers are retried within the budget.
    {
      id: SWEEP_STEP,
      title: 'Sweep: check nothing tagged for the env remains',
      needs: TEARDOWN.map((s) => s.id),
    },
  ],
};
