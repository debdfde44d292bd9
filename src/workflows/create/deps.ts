/**
 * What the create workflow's steps are given: one adapter per AWS service, the settings, and
 * the sources of randomness (injected so tests are deterministic).
 */
import type { AccountLimitsAdapter } from '../../aws/account-limits';
import type { Ec2Adapter } from '../../aws/ec2';
import type { Elbv2Adapter } from '../../aws/elbv2';
import type { IamAdapter } from '../../aws/iam';
import type { RdsAdapter } from '../../aws/rds';
import type { SecretsAdapter } from '../../aws/secrets';
import type { SsmAdapter } from '../../aws/ssm';
import type { IamPlacement } from '../../config/config';
import type { EnvironmentsRepository } from '../../state/types';

export interface CreateConfig {
  region: string;
  /** The two AZs: `a` side first (web #1, single-AZ DB), `c` side second (web #2). */
  azs: readonly [string, string];
  /** EC2 type for the web servers; a Graviton type (`t4g.*`) selects the arm64 AMI. */
  instanceType: string;
  dbClass: string;
  /** MySQL version under RDS standard support (8.0 left it on 2026-07-31; 8.4 is the LTS line). */
  engineVersion: string;
  dbAllocatedStorageGb: number;
  /** WordPress locale: `ja` (the hands-on's Japanese edition) by default. */
  wpLocale: string;
  wpAdminEmail: string;
  /** IAM path and permissions boundary of the web servers' role and instance profile. */
  iam: IamPlacement;
  /** How often a waiting step is polled again, per kind of wait (ms). */
  poll: { fast: number; instance: number; image: number; db: number; lb: number; health: number };
}

export const DEFAULT_CREATE_CONFIG: Omit<CreateConfig, 'region' | 'azs'> = {
  instanceType: 't3.micro',
  dbClass: 'db.t4g.micro',
  engineVersion: '8.4',
  dbAllocatedStorageGb: 20,
  wpLocale: 'ja',
  wpAdminEmail: 'admin@example.com',
  iam: { path: '/sitebot/' },
  poll: { fast: 2_000, instance: 10_000, image: 15_000, db: 30_000, lb: 15_000, health: 10_000 },
};

/** Fills the defaults in: region and AZs come from the bot's Config, the rest may be overridden. */
export function resolveCreateConfig(
  config: Pick<CreateConfig, 'region' | 'azs'> & Partial<CreateConfig>,
): CreateConfig {
  return { ...DEFAULT_CREATE_CONFIG, ...config, poll: { ...DEFAULT_CREATE_CONFIG.poll, ...config.poll } };
}

/** GETs a URL without following redirects; resolves to the HTTP status. */
export type HttpStatusProbe = (url: string) => Promise<number>;

export interface CreateDeps {
  ec2: Ec2Adapter;
  rds: RdsAdapter;
  elbv2: Elbv2Adapter;
  ssm: SsmAdapter;
  secrets: SecretsAdapter;
  iam: IamAdapter;
  /** Quotas, usage and offerings: the preflight's reads (./preflight.ts). */
  limits: AccountLimitsAdapter;
  config: CreateConfig;
  /** Cryptographic random bytes (passwords). */
  randomBytes(size: number): Buffer;
  /** Checks that the site answers through the ALB; `fetch` by default; none: the site is not checked. */
  probe?: HttpStatusProbe;
  /** When given, the run's outcome is written to the environment record (onFinish). */
  environments?: EnvironmentsRepository;
}

export const fetchStatusProbe: HttpStatusProbe = async (url) => {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
  await res.body?.cancel();
  return res.status;
};
