import { createHash } from 'node:crypto';

/**
 * Every name the create workflow gives a resource: deterministic per env, so a retry finds it.
 * Secrets, IAM roles and RDS resources carry `sitebot` in their names: their services cannot tell
 * a tag added at create from one added later, so the worker's IAM policy confines it to these
 * names (docs/security.md).
 */
export function resourceNames(env: string) {
  return {
    vpc: `${env}-vpc`,
    subnet: (tier: 'public' | 'private', side: 'a' | 'c') => `${env}-${tier}-${side}`,
    igw: `${env}-igw`,
    publicRouteTable: `${env}-public-rt`,
    elbSg: `${env}-elb-sg`,
    webSg: `${env}-web-sg`,
    dbSg: `${env}-db-sg`,
    secret: `sitebot/${env}/credentials`,
    webRole: `sitebot-${env}-web`,
    webProfile: `sitebot-${env}-web`,
    webPolicy: 'sitebot-web-credentials',
    dbSubnetGroup: `sitebot-${env}-db-subnets`,
    db: `sitebot-${env}-db`,
    web: (n: 1 | 2) => `${env}-web-${n}`,
    ami: `${env}-web-ami`,
    targetGroup: `${env}-tg`,
    alb: `${env}-alb`,
  };
}

export type ResourceNames = ReturnType<typeof resourceNames>;

/** The EC2 ClientToken for a create call of this run: the same run and role always give the same token (≤ 64 chars). */
export function clientToken(runId: string, role: string): string {
  return `${role}-${createHash('sha256').update(runId).digest('hex').slice(0, 40)}`.slice(0, 64);
}
