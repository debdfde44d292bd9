/**
 * When an environment may sleep or wake, as a pure check of its record with human reasons:
 * the starter refuses before taking the lock, and each workflow's first step checks again
 * (the record may have changed meanwhile).
 */
import { say, type Said } from '../../i18n/said';
import type { Environment } from '../../state/types';

export type PowerRefusalReason = 'not-found' | 'destroyed' | 'not-ready' | 'incomplete';

export interface PowerRefusal {
  ok: false;
  reason: PowerRefusalReason;
  message: Said;
}

/** The ids the sleep and wake steps act on. */
export interface PowerSubjects {
  /** Both web servers, web-1 first. */
  web: string[];
  db: string;
  targetGroupArn: string;
  siteUrl?: string;
}

export function checkPowerRecord(
  name: string,
  env: Environment | undefined,
  kind: 'sleep' | 'wake',
): { ok: true; subjects: PowerSubjects } | PowerRefusal {
  const refuse = (reason: PowerRefusalReason, message: Said): PowerRefusal => ({
    ok: false,
    reason,
    message,
  });
  if (!env) return refuse('not-found', say('work.noSuchEnv', { env: name }));
  if (env.status === 'destroyed') return refuse('destroyed', say('work.powerDestroyed', { env: name, kind }));
  if (env.status !== 'ready') {
    return refuse('not-ready', say('work.powerNotReady', { env: name, status: env.status, kind }));
  }
  const r = env.resources;
  const missing = ['web-1', 'web-2', 'db', 'target-group'].filter((role) => !r[role]);
  if (missing.length > 0) {
    return refuse('incomplete', say('work.recordLacks', { env: name, missing }));
  }
  return {
    ok: true,
    subjects: {
      web: [r['web-1'], r['web-2']],
      db: r.db,
      targetGroupArn: r['target-group'],
      ...(env.outputs.siteUrl ? { siteUrl: env.outputs.siteUrl } : {}),
    },
  };
}
