/** Wires the create workflow's dependencies from the SDK clients (src/aws/clients.ts) and config. */
import { randomBytes } from 'node:crypto';
import { AccountLimitsAdapter } from '../../aws/account-limits';
import type { AwsClients } from '../../aws/clients';
import { Ec2Adapter } from '../../aws/ec2';
import { Elbv2Adapter } from '../../aws/elbv2';
import { IamAdapter } from '../../aws/iam';
import { RdsAdapter } from '../../aws/rds';
import { SecretsAdapter } from '../../aws/secrets';
import { SsmAdapter } from '../../aws/ssm';
import type { EnvironmentsRepository } from '../../state/types';
import {
  resolveCreateConfig,
  fetchStatusProbe,
  type CreateConfig,
  type CreateDeps,
  type HttpStatusProbe,
} from './deps';

export interface BuildCreateDepsOptions {
  clients: Pick<AwsClients, 'ec2' | 'rds' | 'elbv2' | 'ssm' | 'secretsManager' | 'iam' | 'serviceQuotas'>;
  /** At least region and AZs; everything else defaults to DEFAULT_CREATE_CONFIG. */
  config: Pick<CreateConfig, 'region' | 'azs'> & Partial<CreateConfig>;
  environments?: EnvironmentsRepository;
  /** Site check through the ALB; `fetch` by default, `false` to skip it. */
  probe?: HttpStatusProbe | false;
}

export function buildCreateDeps(options: BuildCreateDepsOptions): CreateDeps {
  const { clients } = options;
  return {
    ec2: new Ec2Adapter(clients.ec2),
    rds: new RdsAdapter(clients.rds),
    elbv2: new Elbv2Adapter(clients.elbv2),
    ssm: new SsmAdapter(clients.ssm),
    secrets: new SecretsAdapter(clients.secretsManager),
    iam: new IamAdapter(clients.iam),
    limits: new AccountLimitsAdapter(clients),
    config: resolveCreateConfig(options.config),
    randomBytes,
    probe: options.probe === false ? undefined : (options.probe ?? fetchStatusProbe),
    environments: options.environments,
  };
}
