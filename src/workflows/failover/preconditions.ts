/**
 * When a drill may run, as pure checks with human reasons: first on the env record (the
 * starter refuses before taking the lock), then on what AWS says now (the drill's first step
 * checks again, since the record can be stale).
 */
import { isAsleep } from '../../state/power';
import type { Environment } from '../../state/types';
import type { DrillPhase, DrillTarget } from './report';
import { phasesOf } from './report';

export type RefusalReason =
  | 'not-found'
  | 'destroyed'
  | 'not-ready'
  | 'incomplete'
  | 'single-az'
  | 'unhealthy'
  | 'not-allowed'
  | 'locked'
  | 'asleep';

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  message: string;
}

/** The ids a drill works on, read from the env record. */
export interface DrillSubjects {
  siteUrl: string;
  /** Both web servers, web-1 first. */
  web: { role: 'web-1' | 'web-2'; instanceId: string }[];
  targetGroupArn: string;
  dbId: string;
}

const refuse = (reason: RefusalReason, message: string): Refusal => ({ ok: false, reason, message });

/** True when the record says the DB has no standby (created `off`, or the create outputs say so). */
export function recordSaysSingleAz(env: Environment): boolean {
  const recorded = env.outputs.multiAz;
  if (recorded === 'true') return false;
  if (recorded === 'false') return true;
  return env.multiAz === 'off';
}

export function singleAzMessage(env: string): string {
  return (
    `${env}'s database is single-AZ: it has no standby to fail over to, so rebooting it is an ` +
    `outage, not a failover. Run \`/site failover ${env} db --force\` to reboot it anyway and measure the outage.`
  );
}

/** Checks the env record: it exists, is ready, holds the ids the drill needs; a DB drill needs Multi-AZ unless forced. */
export function checkEnvRecord(
  name: string,
  env: Environment | undefined,
  target: DrillTarget,
  force: boolean,
): { ok: true; subjects: DrillSubjects } | Refusal {
  if (!env) return refuse('not-found', `There is no environment named ${name}.`);
  if (env.status === 'destroyed')
    return refuse('destroyed', `${name} was destroyed; there is nothing to drill.`);
  if (env.status !== 'ready') {
    return refuse('not-ready', `${name} is ${env.status}, not ready: a drill needs a finished environment.`);
  }
  if (isAsleep(env)) {
    return refuse(
      'asleep',
      `${name} is asleep (its web servers and DB are stopped): wake it first, then drill.`,
    );
  }
  const r = env.resources;
  const missing = ['web-1', 'web-2', 'target-group', 'db'].filter((role) => !r[role]);
  if (!env.outputs.siteUrl) missing.push('site URL');
  if (missing.length > 0) {
    return refuse(
      'incomplete',
      `${name}'s record lacks ${missing.join(', ')}: it does not look fully built.`,
    );
  }
  if (phasesOf(target).includes('db') && !force && recordSaysSingleAz(env)) {
    return refuse('single-az', singleAzMessage(name));
  }
  return {
    ok: true,
    subjects: {
      siteUrl: env.outputs.siteUrl,
      web: [
        { role: 'web-1', instanceId: r['web-1'] },
        { role: 'web-2', instanceId: r['web-2'] },
      ],
      targetGroupArn: r['target-group'],
      dbId: r.db,
    },
  };
}

/** What AWS says right before the drill. */
export interface LiveFacts {
  /** EC2 state and target health of each web server (`missing` when EC2 does not know it). */
  web: { role: string; instanceId: string; state: string; health: string }[];
  db?: { status: string; multiAz: boolean; az?: string };
}

/** Checks the live state: 2 healthy targets for a web drill; an available (Multi-AZ unless forced) DB for a DB drill. */
export function checkLive(
  env: string,
  facts: LiveFacts,
  target: DrillTarget,
  force: boolean,
): { ok: true } | Refusal {
  const phases: DrillPhase[] = phasesOf(target);
  if (phases.includes('web')) {
    const healthy = facts.web.filter((w) => w.state === 'running' && w.health === 'healthy');
    if (healthy.length < 2) {
      const seen = facts.web.map((w) => `${w.role} ${w.state}/${w.health}`).join(', ');
      return refuse(
        'unhealthy',
        `${env} needs 2 healthy targets for a web drill (stopping one must leave one serving); now: ${seen}.`,
      );
    }
  }
  if (phases.includes('db')) {
    if (!facts.db) return refuse('incomplete', `${env}'s database was not found.`);
    if (facts.db.status !== 'available') {
      return refuse(
        'unhealthy',
        `${env}'s database is ${facts.db.status}, not available: try again once it is.`,
      );
    }
    if (!facts.db.multiAz && !force) return refuse('single-az', singleAzMessage(env));
  }
  return { ok: true };
}
