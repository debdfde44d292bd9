/**
 * What a request to an ALB gets, decided from the emulator's state at request time — the
 * rules the availability drill measures:
 * - no load balancer, not `active` yet, or no HTTP listener: the connection is reset;
 * - no healthy target: the ALB's own 503;
 * - a healthy target and a DB endpoint in the VPC that serves: WordPress's page (200);
 * - a healthy target but the VPC's DB is rebooting (failing over): its endpoint still names
 *   the old primary, PHP hangs on the connection until the ALB gives up: 504 (after a short
 *   real delay, not the ALB's 60 s);
 * - a healthy target and no DB that could answer (none in the VPC, still `creating` so its
 *   endpoint does not resolve, or `deleting`): WordPress's "Error establishing a database
 *   connection" (500).
 */
import { endpointServes, type DbStatus } from '../rds/types';

export interface SiteState {
  loadBalancerActive: boolean;
  httpListener: boolean;
  healthyTarget: boolean;
  dbStatuses: DbStatus[];
}

export type SiteAnswer =
  | { kind: 'reset' }
  | { kind: 'http'; status: 200 | 500 | 503 | 504; delayMs: number; from: 'alb' | 'target' };

/** How long the 504 takes, in real ms: enough to be a timeout, short enough for tests. */
export const GATEWAY_TIMEOUT_DELAY_MS = 25;

export function decideSiteAnswer(s: SiteState): SiteAnswer {
  if (!s.loadBalancerActive || !s.httpListener) return { kind: 'reset' };
  if (!s.healthyTarget) return { kind: 'http', status: 503, delayMs: 0, from: 'alb' };
  if (s.dbStatuses.some(endpointServes)) return { kind: 'http', status: 200, delayMs: 0, from: 'target' };
  if (s.dbStatuses.includes('rebooting')) {
    return { kind: 'http', status: 504, delayMs: GATEWAY_TIMEOUT_DELAY_MS, from: 'alb' };
  }
  return { kind: 'http', status: 500, delayMs: 0, from: 'target' };
}
