/**
 * What the destroy workflow's steps are given. The keys it shares with CreateDeps (`ec2`,
 * `rds`, `elbv2`, `secrets`, `iam`, `environments`) have the same types, so one deps object
 * serves a runner that runs both workflows; destroy's own settings live under `destroy`.
 */
import type { Ec2Adapter } from '../../aws/ec2';
import type { Elbv2Adapter } from '../../aws/elbv2';
import type { IamAdapter } from '../../aws/iam';
import type { RdsAdapter } from '../../aws/rds';
import type { SecretsAdapter } from '../../aws/secrets';
import { TeardownEc2 } from '../../aws/teardown-ec2';
import { TeardownElbv2, TeardownIam, TeardownRds, TeardownSecrets } from '../../aws/teardown-services';
import type { AuditRepository, EnvironmentsRepository } from '../../state/types';

const MINUTE = 60_000;

export interface DestroyConfig {
  /**
   * How long a step keeps waiting out AWS's "still in use" answers (DependencyViolation while
   * ENIs and public addresses linger, a snapshot still used by its AMI, …) before giving up.
   */
  budgetMs: number;
  /** How long the database may take to be deleted (RDS: several minutes; Multi-AZ longer). */
  dbDeleteTimeoutMs: number;
  /** Backoff of polls and blocked retries: first delay, doubling up to the cap. */
  pollBaseMs: number;
  pollMaxMs: number;
}

export const DEFAULT_DESTROY_CONFIG: DestroyConfig = {
  budgetMs: 20 * MINUTE,
  dbDeleteTimeoutMs: 60 * MINUTE,
  pollBaseMs: 5_000,
  pollMaxMs: 15_000,
};

export interface DestroyDeps {
  ec2: Ec2Adapter;
  rds: RdsAdapter;
  elbv2: Elbv2Adapter;
  secrets: SecretsAdapter;
  iam: IamAdapter;
  /** When given, the env record is marked `destroying` / `destroyed` and its recorded ids are used. */
  environments?: EnvironmentsRepository;
  /** When given, onFinish records a `destroy.receipt` audit event (who, when, what was deleted). */
  audit?: AuditRepository;
  destroy?: Partial<DestroyConfig>;
}

export function destroyConfig(deps: Pick<DestroyDeps, 'destroy'>): DestroyConfig {
  return { ...DEFAULT_DESTROY_CONFIG, ...deps.destroy };
}

/** The teardown helpers over the deps' adapters (cheap wrappers, built per use). */
export interface TeardownAws {
  ec2: Ec2Adapter;
  rds: RdsAdapter;
  elbv2: Elbv2Adapter;
  secrets: SecretsAdapter;
  iam: IamAdapter;
  tEc2: TeardownEc2;
  tElb: TeardownElbv2;
  tRds: TeardownRds;
  tSecrets: TeardownSecrets;
  tIam: TeardownIam;
}

export function teardownAws(deps: DestroyDeps): TeardownAws {
  return {
    ec2: deps.ec2,
    rds: deps.rds,
    elbv2: deps.elbv2,
    secrets: deps.secrets,
    iam: deps.iam,
    tEc2: new TeardownEc2(deps.ec2),
    tElb: new TeardownElbv2(deps.elbv2),
    tRds: new TeardownRds(deps.rds),
    tSecrets: new TeardownSecrets(deps.secrets),
    tIam: new TeardownIam(deps.iam),
  };
}
