/**
 * The emulated services, found by their SigV4 signing name. Adding a service is one line here.
 */
import type { EmulatedService } from './protocol/service';
import { ec2Service } from './ec2/handlers';
import { ssmService } from './ssm/handlers';
import { secretsManagerService } from './secretsmanager/handlers';
import { rdsService } from './rds/handlers';
import { elbv2Service } from './elbv2/handlers';
import { iamService } from './iam/handlers';
import { serviceQuotasService } from './servicequotas/handlers';

export const services: EmulatedService[] = [
  ec2Service,
  ssmService,
  secretsManagerService,
  rdsService,
  elbv2Service,
  iamService,
  serviceQuotasService,
];
