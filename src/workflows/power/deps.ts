/**
 * What the sleep and wake steps are given. The keys shared with the other workflows' deps
 * (`ec2`, `rds`, `elbv2`, `environments`, `probe`) have the same types, so one deps object
 * serves a runner that runs every workflow; the power workflows' own settings live under `power`.
 */
import type { Ec2Adapter } from '../../aws/ec2';
import type { Elbv2Adapter } from '../../aws/elbv2';
import type { RdsAdapter } from '../../aws/rds';
import type { EnvironmentsRepository } from '../../state/types';
import type { HttpStatusProbe } from '../create/deps';

const MINUTE = 60_000;

export interface PowerConfig {
  /** How often each kind of wait is polled (ms). Short: the wake's time is what people wait for. */
  poll: { instance: number; db: number; health: number; site: number };
  /** How long each step may take before it fails for good (ms). */
  timeout: {
    webStop: number;
    dbStop: number;
    webStart: number;
    dbStart: number;
    health: number;
    site: number;
  };
}

export const DEFAULT_POWER_CONFIG: PowerConfig = {
  poll: { instance: 5_000, db: 10_000, health: 5_000, site: 5_000 },
  timeout: {
    webStop: 15 * MINUTE,
    // RDS: "the process can take several minutes", longer for Multi-AZ.
    dbStop: 60 * MINUTE,
    webStart: 15 * MINUTE,
    // RDS: "starting a DB instance requires instance recovery and can take from minutes to hours".
    dbStart: 120 * MINUTE,
    health: 20 * MINUTE,
    site: 15 * MINUTE,
  },
};

export interface PowerSettings {
  poll?: Partial<PowerConfig['poll']>;
  timeout?: Partial<PowerConfig['timeout']>;
}

export interface PowerDeps {
  ec2: Ec2Adapter;
  rds: RdsAdapter;
  elbv2: Elbv2Adapter;
  /** The env record: the steps read its ids, onFinish writes `meta.power`. Required. */
  environments?: EnvironmentsRepository;
  /** Checks the site answers through the ALB once awake; without it the wake does not check. */
  probe?: HttpStatusProbe;
  power?: PowerSettings;
}

export function powerConfig(deps: Pick<PowerDeps, 'power'>): PowerConfig {
  return {
    poll: { ...DEFAULT_POWER_CONFIG.poll, ...deps.power?.poll },
    timeout: { ...DEFAULT_POWER_CONFIG.timeout, ...deps.power?.timeout },
  };
}
