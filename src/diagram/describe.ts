/** The environment picture in one sentence, for screen readers (a PNG's alt text, the SVG's title). */
import type { DiagramModel } from './model';

export function describeModel(m: DiagramModel): string {
  const web = m.azs.flatMap((az) =>
    az.web
      .filter((w) => w.tone !== 'absent')
      .map((w) => `${w.role} ${w.state}${w.health ? ` (${w.health})` : ''} in ${az.name}`),
  );
  const primary = m.azs.find((az) => az.db === 'primary')?.name;
  const standby = m.azs.find((az) => az.db === 'standby')?.name;
  const db =
    m.db.tone === 'absent'
      ? 'no database yet'
      : `database ${m.db.state}, primary in ${primary ?? '?'}${standby ? `, standby in ${standby}` : ''}`;
  return [
    `${m.env} (${m.status}) in ${m.region}: a VPC over ${m.azs[0].name} and ${m.azs[1].name}`,
    web.length ? web.join(', ') : 'no web servers yet',
    `load balancer ${m.alb.tone === 'absent' ? 'not created' : m.alb.state}`,
    db,
  ].join('; ');
}
