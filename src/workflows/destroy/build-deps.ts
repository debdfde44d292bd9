/** Wires the destroy workflow's dependencies from the SDK clients (src/aws/clients.ts). */
import type { AwsClients } from '../../aws/clients';
import { Ec2Adapter } from '../../aws/ec2';
import { Elbv2Adapter } from '../../aws/elbv2';
import { IamAdapter } from '../../aws/iam';
import { RdsAdapter } from '../../aws/rds';
import { SecretsAdapter } from '../../aws/secrets';
import type { AuditRepository, EnvironmentsRepository } from '../../state/types';
import type { DestroyConfig, DestroyDeps } from './deps';

export interface BuildDestroyDepsOptions {
  clients: Pick<AwsClients, 'ec2' | 'rds' | 'elbv2' | 'secretsManager' | 'iam'>;
  environments?: EnvironmentsRepository;
  audit?: AuditRepository;
  destroy?: Partial<DestroyConfig>;
}

export function buildDestroyDeps(options: BuildDestroyDepsOptions): DestroyDeps {
  const { clients } = options;
  return {
    ec2: new Ec2Adapter(clients.ec2),
    rds: new RdsAdapter(clients.rds),
    elbv2: new Elbv2Adapter(clients.elbv2),
    secrets: new SecretsAdapter(clients.secretsManager),
    iam: new IamAdapter(clients.iam),
    environments: options.environments,
    audit: options.audit,
    destroy: options.destroy,
  };
}
