/**
 * The real Availability Zones per region (names and zone ids). ap-northeast-1 offers
 * a, c and d: 1b exists only for old accounts, so a new account cannot create subnets there.
 */
const ZONES: Record<string, [string, string][]> = {
  'ap-northeast-1': [
    ['ap-northeast-1a', 'apne1-az4'],
    ['ap-northeast-1c', 'apne1-az1'],
    ['ap-northeast-1d', 'apne1-az2'],
  ],
  'us-east-1': [
    ['us-east-1a', 'use1-az6'],
    ['us-east-1b', 'use1-az1'],
    ['us-east-1c', 'use1-az2'],
    ['us-east-1d', 'use1-az4'],
    ['us-east-1e', 'use1-az3'],
    ['us-east-1f', 'use1-az5'],
  ],
  'us-west-2': [
    ['us-west-2a', 'usw2-az2'],
    ['us-west-2b', 'usw2-az1'],
    ['us-west-2c', 'usw2-az3'],
    ['us-west-2d', 'usw2-az4'],
  ],
  'eu-west-1': [
    ['eu-west-1a', 'euw1-az3'],
    ['eu-west-1b', 'euw1-az1'],
    ['eu-west-1c', 'euw1-az2'],
  ],
};

export interface Zone {
  zoneName: string;
  zoneId: string;
}

export function zonesOf(region: string): Zone[] {
  const z = ZONES[region] ?? [
    [`${region}a`, `${region}-az1`],
    [`${region}b`, `${region}-az2`],
    [`${region}c`, `${region}-az3`],
  ];
  return z.map(([zoneName, zoneId]) => ({ zoneName, zoneId }));
}
