/**
 * The facts a drill step's explanation cites: what this drill does, the probe's pace and the
 * objectives, and what its steps recorded (the server stopped, the primary's AZ before and after).
 */
import type { Run } from '../../state/types';
import type { FailoverConfig } from './deps';
import type { DrillTarget } from './report';

export interface FailoverFacts {
  env: string;
  target: DrillTarget;
  force: boolean;
  intervalMs: number;
  dbMaxOutageMs: number;
  webMaxFailedRequests: number;
  /** The web server the web drill stops (web-2 unless only web-1 is known). */
  web?: { role: string; instanceId: string };
  dbId?: string;
  multiAz?: boolean;
  azBefore?: string;
  azAfter?: string;
  siteUrl?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function failoverFacts(
  run: Pick<Run, 'env' | 'params' | 'steps'>,
  config: Pick<FailoverConfig, 'intervalMs' | 'objectives'>,
): FailoverFacts {
  const out = (step: string) => run.steps[step]?.outputs ?? {};
  const pre = out('preflight');
  const web = Array.isArray(pre.web) ? (pre.web as { role: string; instanceId: string }[]) : [];
  const chosen = web.find((w) => w.role === 'web-2') ?? web[0];
  const t = run.params.target;
  const db = out('db-drill');
  const facts: FailoverFacts = {
    env: run.env,
    target: t === 'web' || t === 'db' ? t : 'all',
    force: run.params.force === true,
    intervalMs: config.intervalMs,
    dbMaxOutageMs: config.objectives.dbMaxOutageMs,
    webMaxFailedRequests: config.objectives.webMaxFailedRequests,
  };
  if (chosen) facts.web = { role: chosen.role, instanceId: chosen.instanceId };
  const dbId = text(pre.dbId);
  if (dbId) facts.dbId = dbId;
  if (typeof pre.dbMultiAz === 'boolean') facts.multiAz = pre.dbMultiAz;
  const before = text(db.azBefore) ?? text(pre.azBefore);
  if (before) facts.azBefore = before;
  const after = text(db.azAfter);
  if (after) facts.azAfter = after;
  const url = text(pre.siteUrl);
  if (url) facts.siteUrl = url;
  return facts;
}
