/**
 * `/site failover`: SPEC §9's availability drill as a workflow. Preflight checks, then the web
 * drill, then the DB drill (each a no-op when not asked for), probing the site through the ALB
 * all along; onFinish restores what the drill left stopped and writes the report.
 */
import { implementOutline } from '../engine/outline';
import type { WorkflowDefinition } from '../engine/types';
import type { FailoverDeps } from './deps';
import { failoverOnFinish } from './finish';
import { FAILOVER_OUTLINE } from './outline';
import { dbDrillStep } from './steps/db-drill';
import { preflightStep } from './steps/preflight';
import { webDrillStep } from './steps/web-drill';

export const failoverWorkflow: WorkflowDefinition<FailoverDeps> = {
  kind: 'failover',
  steps: implementOutline(FAILOVER_OUTLINE, [preflightStep, webDrillStep, dbDrillStep]),
  onFinish: failoverOnFinish,
};
