/**
 * The only place sitebot builds AWS SDK clients: the core ones (./core-clients.ts) plus those the
 * workflow steps use (Service Quotas for the create's preflight). Clients are built on first
 * use: a process that only touches DynamoDB never constructs EC2's. Endpoints and retries:
 * ./client-settings.ts; failures that name the service: explainFailures in ./errors.ts.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RDSClient } from '@aws-sdk/client-rds';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { clientSettings, lazily, type AwsClientOptions } from './client-settings';
import { createCoreClients, type CoreClients } from './core-clients';
import { explainFailures } from './errors';

export { DEFAULT_MAX_ATTEMPTS, type AwsClientOptions, type ServiceKey } from './client-settings';

export interface AwsClients extends CoreClients {
  readonly ec2: EC2Client;
  readonly rds: RDSClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly secretsManager: SecretsManagerClient;
  readonly iam: IAMClient;
  readonly serviceQuotas: ServiceQuotasClient;
}

/** Every client; `core` lets a process that already built its core clients share them. */
export function createAwsClients(
  options: AwsClientOptions,
  core: CoreClients = createCoreClients(options),
): AwsClients {
  return lazily<AwsClients>({
    dynamodb: () => core.dynamodb,
    doc: () => core.doc,
    sqs: () => core.sqs,
    ssm: () => core.ssm,
    ec2: () => explainFailures(new EC2Client(clientSettings(options, 'ec2'))),
    rds: () => explainFailures(new RDSClient(clientSettings(options, 'rds'))),
    elbv2: () => explainFailures(new ElasticLoadBalancingV2Client(clientSettings(options, 'elbv2'))),
    secretsManager: () =>
      explainFailures(new SecretsManagerClient(clientSettings(options, 'secretsManager'))),
    iam: () => explainFailures(new IAMClient(clientSettings(options, 'iam'))),
    serviceQuotas: () => explainFailures(new ServiceQuotasClient(clientSettings(options, 'serviceQuotas'))),
  });
}
