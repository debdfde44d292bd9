/** The SPEC's fixed layout: the VPC's address plan and the target group's health check. */

export const VPC_CIDR = '10.0.0.0/16';

/** Subnet layout of SPEC §1: role → CIDR, tier and AZ side. */
export const SUBNETS = [
  { key: 'publicSubnetA', role: 'subnet-public-a', tier: 'public', side: 'a', cidr: '10.0.0.0/24' },
  { key: 'publicSubnetC', role: 'subnet-public-c', tier: 'public', side: 'c', cidr: '10.0.1.0/24' },
  { key: 'privateSubnetA', role: 'subnet-private-a', tier: 'private', side: 'a', cidr: '10.0.2.0/24' },
  { key: 'privateSubnetC', role: 'subnet-private-c', tier: 'private', side: 'c', cidr: '10.0.3.0/24' },
] as const;

/** A static file of WordPress: healthy as soon as Apache serves the files, before the DB is up. */
export const HEALTH_CHECK_PATH = '/wp-includes/images/blank.gif';
