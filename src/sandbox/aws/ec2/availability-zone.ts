/** DescribeAvailabilityZones: the region's real zones (ap-northeast-1: a, c, d). */
import { qFilters, qList } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { zonesOf, type Zone } from './azs';
import { invalidParameterValue } from './errors';
import { applyFilters } from './filters';
import type { Ec2Handler } from './model';

const describeAvailabilityZones: Ec2Handler = (p, model) => {
  const region = model.world.region;
  const zones = zonesOf(region);
  const names = qList(p, 'ZoneName');
  const ids = qList(p, 'ZoneId');
  for (const n of names) {
    if (!zones.some((z) => z.zoneName === n)) {
      throw invalidParameterValue(`The zone '${n}' does not exist.`);
    }
  }
  const selected = zones.filter(
    (z) => (names.length === 0 || names.includes(z.zoneName)) && (ids.length === 0 || ids.includes(z.zoneId)),
  );
  const filtered = applyFilters<Zone>(
    selected,
    qFilters(p),
    {
      'zone-name': (z) => z.zoneName,
      'zone-id': (z) => z.zoneId,
      'region-name': () => region,
      state: () => 'available',
      'zone-type': () => 'availability-zone',
      'opt-in-status': () => 'opt-in-not-required',
      'group-name': () => region,
    },
    () => ({}),
  );
  return {
    availabilityZoneInfo: xmlList(
      'item',
      filtered.map((z) => ({
        zoneName: z.zoneName,
        zoneId: z.zoneId,
        zoneState: 'available',
        regionName: region,
        optInStatus: 'opt-in-not-required',
        groupName: region,
        networkBorderGroup: region,
        zoneType: 'availability-zone',
        messageSet: xmlList('item', []),
      })),
    ),
  };
};

export const availabilityZoneHandlers: Record<string, Ec2Handler> = {
  DescribeAvailabilityZones: describeAvailabilityZones,
};
