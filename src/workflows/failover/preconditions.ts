/**
 * When a drill may run, as pure checks with human reasons: first on the env record (the
 * starter refuses before taking the lock), then on what AWS says now (the drill's first step
 * checks again, since the record can be stale).
 */
import { say, type Said } from '../../i18n/said';
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
  message: Said;
}

/** The ids a drill works on, read from the env record. */
export interface DrillSubjects {
  siteUrl: string;
  /** Both web servers, web-1 first. */
  web: { role: 'web-1' | 'web-2'; instanceId: string }[];
  targetGroupArn: string;
  dbId: string;
}

const refuse = (reason: RefusalReason, message: Said): Refusal => ({ ok: false, reason, message });

/** True when the record says the DB has no standby (created `off`, or the create outputs say so). */
export function recordSaysSingleAz(env: Environment): boolean {
  const recorded = env.outputs.multiAz;
  if (recorded === 'true') return false;
  if (recorded === 'false') return true;
  return env.multiAz === 'off';
}

export function singleAzMessage(env: string): Said {
  return say('work.singleAz', { env });
}

/** Checks the env record: it exists, is ready, holds the ids the drill needs; a DB drill needs Multi-AZ unless forced. */
export function checkEnvRecord(
  name: string,
  env: Environment | undefined,
  target: DrillTarget,
  force: boolean,
): { ok: true; subjects: DrillSubjects } | Refusal {
  if (!env) return refuse('not-found', say('work.noSuchEnv', { env: name }));
  if (env.status === 'destroyed') return refuse('destroyed', say('work.wasDestroyed', { env: name }));
  if (env.status !== 'ready') {
    return refuse('not-ready', say('work.notReadyForDrill', { env: name, status: env.status }));
  }
  if (isAsleep(env)) {
    return refuse('asleep', say('work.asleepForDrill', { env: name }));
  }
  const r = env.resources;
  const missing: (string | Said)[] = ['web-1', 'web-2', 'target-group', 'db'].filter((role) => !r[role]);
  if (!env.outputs.siteUrl) missing.push(say('work.siteUrl'));
  if (missing.length > 0) return refuse('incomplete', say('work.recordLacks', { env: name, missing }));
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
      const seen = facts.web.map((w) =>
        say('work.webSeen', { role: w.role, state: w.state, health: w.health }),
      );
      return refuse('unhealthy', say('work.needsTwoHealthy', { env, seen }));
    }
  }
  if (phases.includes('db')) {
    if (!facts.db) return refuse('incomplete', say('work.dbMissing', { env }));
    if (facts.db.status !== 'available') {
      return refuse('unhealthy', say('work.dbNotAvailable', { env, status: facts.db.status }));
    }
    if (!facts.db.multiAz && !force) return refuse('single-az', singleAzMessage(env));
  }
  return { ok: true };
}
