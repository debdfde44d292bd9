/**
 * `/site destroy` without its code: every teardown step's id and needs (titles: ./outline.en.ts,
 * ./outline.ja.ts). The `needs` follow AWS's dependency rules (see ./workflow.ts); the steps take
 * their metadata from here.
 */
import type { WorkflowOutline } from '../engine/types';

export const BEGIN_STEP = 'begin';
export const SWEEP_STEP = 'sweep';

const TEARDOWN = [
  { id: 'load-balancer', needs: [BEGIN_STEP] },
  { id: 'instances', needs: [BEGIN_STEP] },
  { id: 'target-group', needs: ['load-balancer'] },
  { id: 'database', needs: [BEGIN_STEP] },
  { id: 'db-subnet-group', needs: ['database'] },
  { id: 'image', needs: [BEGIN_STEP] },
  { id: 'secret', needs: [BEGIN_STEP] },
  { id: 'web-role', needs: ['instances'] },
  { id: 'security-groups', needs: ['load-balancer', 'instances', 'database'] },
  { id: 'route-table', needs: ['load-balancer', 'instances'] },
  { id: 'internet-gateway', needs: ['load-balancer', 'instances'] },
  { id: 'subnets', needs: ['route-table', 'db-subnet-group', 'load-balancer', 'instances', 'database'] },
  { id: 'vpc', needs: ['subnets', 'security-groups', 'route-table', 'internet-gateway'] },
] as const;

export const DESTROY_OUTLINE = {
  kind: 'destroy',
  steps: [
    { id: BEGIN_STEP, needs: [] },
    ...TEARDOWN,
    // After every step: nothing tagged for the env may remain; leftovers are retried within the budget.
    { id: SWEEP_STEP, needs: TEARDOWN.map((s) => s.id) },
  ],
} as const satisfies WorkflowOutline;

export type DestroyStepId = (typeof DESTROY_OUTLINE.steps)[number]['id'];
