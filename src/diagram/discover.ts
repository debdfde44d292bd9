/**
 * Finds what an environment has in AWS now, the way teardown does: EC2 resources by the env's
 * `sitebot:*` tags, the load balancer, target group and DB instance by their deterministic
 * names. Reads only (Describe* calls); an AWS error is thrown, never shown as "absent".
 */
import type { Ec2Adapter } from '../aws/ec2';
import type { Elbv2Adapter } from '../aws/elbv2';
import type { RdsAdapter } from '../aws/rds';
import { envFilters } from '../aws/tags';
import type { Environment } from '../state/types';
import { resourceNames } from '../workflows/create/names';
import type { FoundResources } from './model';

export interface DiscoveryAdapters {
  ec2: Ec2Adapter;
  elbv2: Elbv2Adapter;
  rds: RdsAdapter;
}

export async function discoverResources(
  env: Pick<Environment, 'name' | 'region' | 'status' | 'outputs'>,
  azs: readonly [string, string],
  aws: DiscoveryAdapters,
): Promise<FoundResources> {
  const names = resourceNames(env.name);
  const [vpcs, subnets, igws, instances, loadBalancer, targetGroup, db] = await Promise.all([
    aws.ec2.vpcs(envFilters(env.name, 'vpc')),
    aws.ec2.subnets(envFilters(env.name)),
    aws.ec2.internetGateways(envFilters(env.name, 'igw')),
    aws.ec2.instances(envFilters(env.name)),
    aws.elbv2.findLoadBalancer(names.alb),
    aws.elbv2.findTargetGroup(names.targetGroup),
    aws.rds.findDbInstance(names.db),
  ]);
  const targetHealth = targetGroup?.TargetGroupArn
    ? await aws.elbv2.targetHealth(targetGroup.TargetGroupArn)
    : [];
  return {
    env,
    azs,
    ...(vpcs[0] ? { vpc: vpcs[0] } : {}),
    subnets,
    ...(igws[0] ? { igw: igws[0] } : {}),
    instances,
    ...(loadBalancer ? { loadBalancer } : {}),
    ...(targetGroup ? { targetGroup } : {}),
    targetHealth,
    ...(db && db.DBInstanceStatus !== 'deleted' ? { db } : {}),
  };
}
