/**
 * The pictures (src/diagram): the environment's labels, tooltips and legend, its one-sentence
 * description (a PNG's alt text), and the failover drill's timeline. AWS's own states (`running`,
 * `available`) pass through `state`, as the console shows them. Japanese: ../ja/diagram.ts.
 */
import type { Formatter } from '../../domain/format';

type Tone = 'ok' | 'busy' | 'off' | 'bad' | 'absent';
type Verdict = 'pass' | 'fail' | 'fault-not-observed' | 'incomplete';

const TONE: Record<Tone, string> = {
  ok: 'running / healthy',
  busy: 'starting / changing',
  off: 'stopped',
  bad: 'failed / unhealthy',
  absent: 'not there (yet)',
};

const VERDICT: Record<Verdict, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  'fault-not-observed': 'FAULT NOT OBSERVED',
  incomplete: 'INCOMPLETE',
};

export const diagram = (f: Formatter) => ({
  /** An AWS state as shown in a box (`running`); absent: not created. */
  state: (s: string): string => (s === 'absent' ? 'not created' : s),
  notCreated: () => 'not created',
  notCreatedId: () => '(not created)',
  tone: (tone: Tone): string => TONE[tone],
  heading: (a: { env: string; status: string }) => `${a.env} — ${a.status}`,
  site: (a: { url: string }) => `site ${a.url}`,
  siteNotReady: () => 'site: not ready',
  region: (a: { region: string }) => `Region ${a.region}`,
  internet: () => 'Internet',
  internetTip: () => 'the internet: visitors reach the site through the ALB',
  vpc: (a: { id: string; cidr: string }) => `VPC ${a.id}${a.cidr ? ` ${a.cidr}` : ''}`,
  az: (a: { az: string }) => `Availability Zone ${a.az}`,
  subnet: (a: { tier: string; cidr: string }) => `${a.tier} subnet${a.cidr ? ` ${a.cidr}` : ''}`,
  subnetTip: (a: { tier: string; id: string; cidr: string; az: string }) =>
    `${a.tier} subnet ${a.id} ${a.cidr} in ${a.az}`,
  igw: () => 'Internet gateway',
  igwTip: (a: { id: string; state: string }) => `internet gateway ${a.id}: ${a.state}`,
  attached: () => 'attached to the VPC',
  alb: (a: { name: string; state: string }) => `Application Load Balancer ${a.name} · ${a.state}`,
  albTip: (a: { name: string; state: string; dns: string }) =>
    `${a.name} across both public subnets: ${a.state}${a.dns ? `; ${a.dns}` : ''}`,
  targetGroup: (a: { name: string; healthy: number; registered: number }) =>
    `target group ${a.name}: ${a.healthy}/${a.registered} healthy`,
  targetGroupAbsent: (a: { name: string }) => `target group ${a.name}: not created`,
  ec2: () => 'EC2 instance',
  target: (a: { health: string }) => `target: ${a.health}`,
  notRegistered: () => 'target: not registered',
  webTip: (a: { role: string; id: string; az: string; state: string; health: string }) =>
    `${a.role} (EC2 instance${a.id ? ` ${a.id}` : ''}) in ${a.az}: ${a.state}${a.health ? `; ${a.health}` : ''}`,
  dbStandby: () => 'DB standby',
  syncReplica: () => 'synchronous replica',
  standbyTip: (a: { id: string; az: string }) =>
    `standby of ${a.id} in ${a.az} (Multi-AZ): takes over on a failover`,
  dbPrimary: () => 'DB primary (MySQL)',
  multiAz: (a: { on: boolean }): string => (a.on ? 'Multi-AZ' : 'single-AZ'),
  primaryTip: (a: { id: string; az: string; state: string; endpoint: string }) =>
    `${a.id} primary in ${a.az}: ${a.state}${a.endpoint ? `; endpoint ${a.endpoint}` : ''}`,
  rds: () => 'RDS instance',
  dbAbsentTip: () => 'the database is not created yet',
  replication: () => 'sync replication',
  /** The picture in one sentence (alt text); parts joined by `; `. */
  describe: {
    env: (a: { env: string; status: string; region: string; az1: string; az2: string }) =>
      `${a.env} (${a.status}) in ${a.region}: a VPC over ${a.az1} and ${a.az2}`,
    web: (a: { role: string; state: string; health: string; az: string }) =>
      `${a.role} ${a.state}${a.health ? ` (${a.health})` : ''} in ${a.az}`,
    noWeb: () => 'no web servers yet',
    lb: (a: { state: string }) => `load balancer ${a.state}`,
    noDb: () => 'no database yet',
    db: (a: { state: string; primary: string; standby: string }) =>
      `database ${a.state}, primary in ${a.primary}${a.standby ? `, standby in ${a.standby}` : ''}`,
    join: (parts: readonly string[]) => parts.join('; '),
    list: (parts: readonly string[]) => parts.join(', '),
  },
  /** The failover drill's timeline. */
  drill: {
    title: (a: { env: string }) => `Failover drill on ${a.env}`,
    heading: (a: { env: string; target: string; running: boolean }) =>
      `Failover drill on ${a.env} (${a.target})${a.running ? ' — under way' : ''}`,
    legend: () =>
      'each bar: what the prober saw through the ALB (green answered, red failed); time on the sandbox clock',
    noProbe: () => 'no probe has run yet',
    web: () => 'Web tier',
    db: () => 'Database',
    probes: (a: { requests: number; failures: number }) => `${a.requests} probes, ${a.failures} failed`,
    verdict: (v: Verdict): string => VERDICT[v],
    underWay: () => 'under way',
    outage: (a: { ms: number; open: boolean }) =>
      `outage ${f.duration(a.ms)}${a.open ? ' (not recovered)' : ''}`,
    outageLabel: (a: { ms: number }) => `outage ${f.duration(a.ms)}`,
    span: (a: { count: number; ok: boolean; result: string; fromMs: number }) =>
      `${a.count} × ${a.ok ? 'answered' : 'failed'} (${a.result}) from +${f.duration(a.fromMs)}`,
    webFault: () => 'instance stopped',
    dbFault: () => 'reboot with failover',
    recovered: () => 'whole again',
    azSwap: (a: { before: string; after: string; unchanged: boolean }) =>
      `primary AZ ${a.before} → ${a.after}${a.unchanged ? ' (unchanged)' : ''}`,
    seconds: (a: { s: number }) => `${a.s} s`,
  },
});

export type DiagramTexts = ReturnType<typeof diagram>;
