/**
 * A target's health as an ALB reports it, computed from timestamps (no timers): health checks
 * run every `interval` from the moment the target could first be checked (registered, its
 * target group in use by an active load balancer, its instance running); a check passes once
 * the instance has been running for `bootMs` (the site is up) and the load balancer can reach
 * it. Rules from the ALB documentation:
 * - a new target is `initial` until it passes ONE check → `healthy`; after
 *   `unhealthyThreshold` consecutive failures it is `unhealthy`;
 * - an unhealthy target needs `healthyThreshold` consecutive passes to be healthy again;
 * - a stopped/terminated instance is `unused` / `Target.InvalidState`; a target group no
 *   load balancer forwards to gives `unused` / `Target.NotInUse`; a deregistered target is
 *   `draining` / `Target.DeregistrationInProgress` for the deregistration delay;
 * - failing checks say why: `Target.Timeout` (security groups keep the ALB out),
 *   `Target.ResponseCodeMismatch` (the matcher does not accept the site's 200),
 *   `Target.FailedHealthChecks` (nothing answers yet: the instance is still booting).
 */
import type { TargetHealth } from './types';

export interface HealthInputs {
  now: number;
  registeredAt: number;
  drainUntil?: number;
  /** When health checks could start for the group (listener created and LB active); undefined when no LB uses it. */
  inUseSince?: number;
  /** The instance as EC2 reports it now; undefined when it no longer exists. */
  instance?: { state: string; runningSince?: number };
  /** False when the instance's security groups do not let the load balancer in: checks time out. */
  reachable: boolean;
  /** False when the group's matcher does not accept the 200 the site answers: checks fail on the code. */
  codeMatches?: boolean;
  intervalMs: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  bootMs: number;
}

const HEALTHY: TargetHealth = { state: 'healthy' };

export function evaluateTargetHealth(h: HealthInputs): TargetHealth {
  if (h.drainUntil !== undefined) {
    return {
      state: 'draining',
      reason: 'Target.DeregistrationInProgress',
      description: 'Target deregistration is in progress',
    };
  }
  if (h.inUseSince === undefined) {
    return {
      state: 'unused',
      reason: 'Target.NotInUse',
      description: 'Target group is not configured to receive traffic from the load balancer',
    };
  }
  const instance = h.instance;
  if (!instance || instance.state !== 'running' || instance.runningSince === undefined) {
    const state = instance?.state ?? 'terminated';
    return { state: 'unused', reason: 'Target.InvalidState', description: `Target is in the ${state} state` };
  }
  if (h.now < h.inUseSince) return registrationInProgress();

  // Checks happen at epoch + k·interval (k ≥ 1); before the instance has booted they fail.
  const epoch = Math.max(h.registeredAt, h.inUseSince, instance.runningSince);
  const checksDone = Math.floor((h.now - epoch) / h.intervalMs);
  if (checksDone <= 0) return registrationInProgress();
  const passes = h.reachable && h.codeMatches !== false;
  const firstPass = passes ? firstPassingCheck(epoch, instance.runningSince, h) : Infinity;
  const failuresBeforePass = Math.min(firstPass - 1, checksDone);
  const failure = !h.reachable ? timedOut() : h.codeMatches === false ? codeMismatch() : failedChecks();
  if (checksDone < firstPass) {
    return failuresBeforePass >= h.unhealthyThreshold
      ? failure
      : {
          state: 'initial',
          reason: 'Elb.InitialHealthChecking',
          description: 'Initial health checks in progress',
        };
  }
  const passed = checksDone - failuresBeforePass;
  const becameUnhealthy = failuresBeforePass >= h.unhealthyThreshold;
  return !becameUnhealthy || passed >= h.healthyThreshold ? HEALTHY : failure;
}

/** The index (1-based) of the first check made at least `bootMs` after the instance started running. */
function firstPassingCheck(epoch: number, runningSince: number, h: HealthInputs): number {
  const needed = h.bootMs - (epoch - runningSince);
  return needed <= 0 ? 1 : Math.max(1, Math.ceil(needed / h.intervalMs));
}

function registrationInProgress(): TargetHealth {
  return {
    state: 'initial',
    reason: 'Elb.RegistrationInProgress',
    description: 'Target registration is in progress',
  };
}

function failedChecks(): TargetHealth {
  return { state: 'unhealthy', reason: 'Target.FailedHealthChecks', description: 'Health checks failed' };
}

function codeMismatch(): TargetHealth {
  return {
    state: 'unhealthy',
    reason: 'Target.ResponseCodeMismatch',
    description: 'Health checks failed with these codes: [200]',
  };
}

function timedOut(): TargetHealth {
  return { state: 'unhealthy', reason: 'Target.Timeout', description: 'Request timed out' };
}
