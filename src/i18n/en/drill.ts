/**
 * The failover drill's report in words (src/workflows/failover/report.ts builds it as said
 * lines): the verdict, each phase's numbers, why it passed or not, and what the people watching
 * the site saw and why (the 504s, the AZ that changed, the outage a web drill does not have).
 */
import type { Formatter } from '../../domain/format';

const VERDICT: Record<string, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  'fault-not-observed': 'FAULT NOT OBSERVED',
  incomplete: 'INCOMPLETE',
};

export const drill = (f: Formatter) => {
  const verdict = (v: string) => VERDICT[v] ?? v;
  const requests = (n: number) => `${n} ${f.plural(n) === 'one' ? 'request' : 'requests'}`;
  return {
    headline: (a: { env: string; target: string; verdict: string }) =>
      `Failover drill on ${a.env} (${a.target}): ${verdict(a.verdict)}`,
    noPhase: () => 'no phase ran',
    webPhase: (a: { subject: string; verdict: string; reason: string }) =>
      `web: stopped ${a.subject || 'an instance'} — ${verdict(a.verdict)}: ${a.reason}`,
    dbPhase: (a: { subject: string; from: string; to: string; verdict: string; reason: string }) =>
      `db: rebooted ${a.subject || 'the DB'}${a.from ? `; primary AZ ${a.from} → ${a.to || '?'}` : ''} — ${verdict(a.verdict)}: ${a.reason}`,
    /** `outageMs` < 0: no outage; `recoveredMs` < 0: not known. */
    numbers: (a: {
      requests: number;
      ok: number;
      failed: number;
      kinds: string[];
      outageMs: number;
      open: boolean;
      recoveredMs: number;
      objective: string;
    }) =>
      `  ${requests(a.requests)}, ${a.ok} ok, ${a.failed} failed${a.kinds.length ? ` (${a.kinds.join(', ')})` : ''}; ${
        a.outageMs < 0
          ? 'no outage'
          : `longest outage ${f.duration(a.outageMs)}${a.open ? ' (not recovered)' : ''}`
      }${a.recoveredMs < 0 ? '' : `; recovered in ${f.duration(a.recoveredMs)}`}; objective: ${a.objective}`,
    observed: (a: { evidence: string }) => `  observed: ${a.evidence}`,
    note: (a: { remark: string }) => `  note: ${a.remark}`,
    stopped: (a: { error: string }) => `stopped: ${a.error}`,
    objectiveWeb: (a: { n: number }) => `${a.n} failed ${a.n === 1 ? 'request' : 'requests'}`,
    objectiveDb: (a: { maxMs: number }) => `outage ≤ ${f.duration(a.maxMs)}`,
    incomplete: () => 'the drill stopped before this phase ended',
    notObserved: (a: { evidence: string }) => `the fault did not happen (${a.evidence}): not a pass`,
    webReason: (a: { failed: number; allowed: number }) =>
      `${a.failed} failed ${a.failed === 1 ? 'request' : 'requests'}, ${a.allowed} allowed`,
    neverAnswered: () => 'the site never answered again during the drill',
    outageWithin: (a: { ms: number; maxMs: number }) => `outage ${f.duration(a.ms)} ≤ ${f.duration(a.maxMs)}`,
    outageOver: (a: { ms: number; maxMs: number }) => `outage ${f.duration(a.ms)} > ${f.duration(a.maxMs)}`,

    // What the people watching the site saw, and why.
    sawHeading: () => 'What you saw:',
    sawWebNone: (a: { subject: string }) =>
      `• No request failed while ${a.subject} was stopped: the load balancer stops routing to a target that is stopped or fails its health checks, and the other web server, in the other AZ, answered every request. With two targets a web server can go without an outage.`,
    sawWebSome: (a: { subject: string; failed: number }) =>
      `• ${requests(a.failed)} failed while ${a.subject} was leaving service: requests the load balancer had already sent there before it marked the target out of service. After that, the other web server answered alone.`,
    sawDb504: (a: { n: number; outageMs: number }) =>
      `• The failures (${a.n} of them 504 Gateway Timeout) came from the failover: while the database switched over, WordPress kept waiting for it and the load balancer gave up on the web servers' answer. The site answered again after ${f.duration(a.outageMs)}.`,
    sawDbDown: (a: { outageMs: number }) =>
      `• The site could not answer for ${f.duration(a.outageMs)} while the database rebooted: WordPress cannot serve a page without it.`,
    sawDbNone: () =>
      '• No request failed: the failover happened between two probes, or WordPress did not need the database for those pages.',
    sawAzSwap: (a: { from: string; to: string }) =>
      `• The primary moved from ${a.from} to ${a.to}: RDS promoted the standby in ${a.to} and pointed the endpoint's DNS name at it; the old primary becomes the new standby. The web servers use the name, not an address, so they followed.`,
    sawAzNoSwap: (a: { az: string }) =>
      `• The primary is still in ${a.az}: the database was rebooted but RDS did not switch to the standby, so the drill could not show a failover (the phase is marked FAULT NOT OBSERVED). Run it again once the database is available.`,
    sawAzSame: (a: { az: string }) =>
      `• The primary stayed in ${a.az}: a single-AZ database has no standby, so a reboot is an outage until it is back, not a failover.`,
  };
};

export type DrillTexts = ReturnType<typeof drill>;
