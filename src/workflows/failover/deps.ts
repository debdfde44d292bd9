/**
 * What the failover drill's steps are given. The keys it shares with CreateDeps / DestroyDeps
 * (`ec2`, `rds`, `elbv2`, `environments`) have the same types, so one deps object serves a
 * runner that runs every workflow; the drill's own settings and probe I/O live under `failover`.
 */
import { StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { RebootDBInstanceCommand } from '@aws-sdk/client-rds';
import type { Ec2Adapter } from '../../aws/ec2';
import type { Elbv2Adapter } from '../../aws/elbv2';
import type { RdsAdapter } from '../../aws/rds';
import type { EnvironmentsRepository } from '../../state/types';
import { defaultProbeIo, DEFAULT_PROBE_SETTINGS, type ProbeIo } from './prober';
import { DEFAULT_OBJECTIVES, type DrillObjectives } from './report';

const MINUTE = 60_000;

export interface FailoverConfig {
  /** Probe every `intervalMs`, each with a `timeoutMs` budget. */
  intervalMs: number;
  timeoutMs: number;
  /** How long one tick keeps probing before it checks AWS and saves (must stay well under the run lease). */
  burstMs: number;
  /** How long the stopped instance's target may take to leave service before the fault counts as not observed. */
  webOutOfServiceTimeoutMs: number;
  /** How long the instance may take to be running and healthy again before the step fails. */
  webRestoreTimeoutMs: number;
  /** How long the DB may take to be available and the site to answer again before the step fails. */
  dbRecoverTimeoutMs: number;
  /** Backoff while AWS calls fail after the fault was injected (the step keeps going: it must restore). */
  errorRetryMs: number;
  objectives: DrillObjectives;
}

export const DEFAULT_FAILOVER_CONFIG: FailoverConfig = {
  intervalMs: DEFAULT_PROBE_SETTINGS.intervalMs,
  timeoutMs: DEFAULT_PROBE_SETTINGS.timeoutMs,
  burstMs: 10_000,
  webOutOfServiceTimeoutMs: 10 * MINUTE,
  webRestoreTimeoutMs: 15 * MINUTE,
  dbRecoverTimeoutMs: 20 * MINUTE,
  errorRetryMs: 5_000,
  objectives: DEFAULT_OBJECTIVES,
};

export interface FailoverSettings extends Partial<Omit<FailoverConfig, 'objectives'>> {
  objectives?: Partial<DrillObjectives>;
  /** Clock, sleep and HTTP for the prober; real ones by default. */
  io?: Partial<ProbeIo>;
}

export interface FailoverDeps {
  ec2: Ec2Adapter;
  rds: RdsAdapter;
  elbv2: Elbv2Adapter;
  /** The env record: the drill reads its recorded ids and writes `meta.lastDrill`. Required. */
  environments?: EnvironmentsRepository;
  failover?: FailoverSettings;
}

export function failoverConfig(deps: Pick<FailoverDeps, 'failover'>): FailoverConfig {
  const s = deps.failover ?? {};
  const { io: _io, objectives, ...rest } = s;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return {
    ...DEFAULT_FAILOVER_CONFIG,
    ...defined,
    objectives: { ...DEFAULT_OBJECTIVES, ...objectives },
  };
}

export function probeIo(deps: Pick<FailoverDeps, 'failover'>): ProbeIo {
  return { ...defaultProbeIo, ...deps.failover?.io };
}

/**
 * The three fault/restore calls the drill makes. They are not in src/aws's adapters (create
 * and destroy never stop, start or reboot), so they go through the adapters' SDK clients here.
 * All three are safe to repeat: stopping a stopping/stopped instance and starting a
 * pending/running one are no-ops in EC2.
 */
export const drillCalls = {
  async stopInstance(ec2: Ec2Adapter, instanceId: string): Promise<void> {
    await ec2.client.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
  },
  async startInstance(ec2: Ec2Adapter, instanceId: string): Promise<void> {
    await ec2.client.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
  },
  /** `ForceFailover` only for a Multi-AZ instance (RDS rejects it otherwise). */
  async rebootDb(rds: RdsAdapter, identifier: string, forceFailover: boolean): Promise<void> {
    await rds.client.send(
      new RebootDBInstanceCommand({ DBInstanceIdentifier: identifier, ForceFailover: forceFailover }),
    );
  },
};
