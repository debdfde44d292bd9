/** The environment picture: model from AWS shapes, the fixed grid, and the SVG's structure. */
import { environmentSvg } from '../../../src/diagram/environment-svg';
import { contains, layoutEnvironment, overlaps, type Box } from '../../../src/diagram/layout';
import { buildDiagramModel } from '../../../src/diagram/model';
import { byKind, readSvg } from '../../helpers/svg';
import { found } from './fixtures';

test('model: servers in their AZ columns with state and target health; DB primary and standby placed by AZ', () => {
  const m = buildDiagramModel(found());
  expect(m.azs.map((c) => c.name)).toEqual(['ap-northeast-1a', 'ap-northeast-1c']);
  expect(m.azs[0].web).toEqual([
    expect.objectContaining({ role: 'web-1', id: 'i-1', tone: 'ok', health: 'healthy' }),
  ]);
  expect(m.azs[1].web).toEqual([
    expect.objectContaining({ role: 'web-2', tone: 'ok', health: 'initial', healthTone: 'busy' }),
  ]);
  expect([m.azs[0].db, m.azs[1].db]).toEqual(['primary', 'standby']);
  expect(m.targetGroup).toEqual({ name: 'demo-tg', present: true, registered: 2, healthy: 1 });
  expect(m.igw).toMatchObject({ id: 'igw-1', attached: true, tone: 'ok' });

  const swapped = buildDiagramModel(
    found({
      db: {
        ...found().db,
        AvailabilityZone: 'ap-northeast-1c',
        SecondaryAvailabilityZone: 'ap-northeast-1a',
      },
    }),
  );
  expect([swapped.azs[0].db, swapped.azs[1].db]).toEqual(['standby', 'primary']);
});

test('model of a create under way: what is missing is drawn absent where it will be', () => {
  const m = buildDiagramModel(
    found({
      instances: [],
      loadBalancer: undefined,
      targetGroup: undefined,
      targetHealth: [],
      db: undefined,
      igw: undefined,
    }),
  );
  expect(m.azs[0].web).toEqual([expect.objectContaining({ role: 'web-1', tone: 'absent' })]);
  expect(m.azs[1].web).toEqual([expect.objectContaining({ role: 'web-2', tone: 'absent' })]);
  expect(m.db.tone).toBe('absent');
  expect(m.alb.tone).toBe('absent');
  expect(m.igw).toMatchObject({ tone: 'absent', attached: false });
});

test('layout: every box inside its container, siblings apart, the ALB across both public subnets', () => {
  for (const n of [1, 2, 3]) {
    const model = buildDiagramModel(found());
    model.azs[0].web = Array.from({ length: n }, (_, i) => ({ ...model.azs[0].web[0], role: `web-${i}` }));
    const l = layoutEnvironment(model);
    const page: Box = { x: 0, y: 0, w: l.width, h: l.height };
    expect(contains(page, l.region)).toBe(true);
    expect(contains(l.region, l.vpc)).toBe(true);
    expect(contains(l.vpc, l.alb)).toBe(true);
    expect(overlaps(l.azs[0].column, l.azs[1].column)).toBe(false);
    for (const az of l.azs) {
      expect(contains(l.vpc, az.column)).toBe(true);
      expect(contains(az.column, az.publicSubnet) && contains(az.column, az.privateSubnet)).toBe(true);
      expect(overlaps(az.publicSubnet, az.privateSubnet)).toBe(false);
      expect(overlaps(l.alb, az.column)).toBe(false);
      expect(contains(az.privateSubnet, az.db)).toBe(true);
      az.web.forEach((w, i) => {
        expect(contains(az.publicSubnet, w)).toBe(true);
        az.web.slice(i + 1).forEach((other) => expect(overlaps(w, other)).toBe(false));
      });
    }
    expect(l.azs[0].web).toHaveLength(n);
    expect(l.alb.x).toBeLessThanOrEqual(l.azs[0].publicSubnet.x + l.azs[0].publicSubnet.w / 2);
    expect(l.alb.x + l.alb.w).toBeGreaterThanOrEqual(l.azs[1].publicSubnet.x + l.azs[1].publicSubnet.w / 2);
    // The gateway sits on the VPC's top edge.
    expect(l.igw.y).toBeLessThan(l.vpc.y);
    expect(l.igw.y + l.igw.h).toBeGreaterThan(l.vpc.y);
  }
});

test('SVG: one element per resource, with its id, state and AZ; text labels', () => {
  const els = readSvg(environmentSvg(buildDiagramModel(found())));
  expect(byKind(els, 'region')[0].attrs['data-id']).toBe('ap-northeast-1');
  expect(byKind(els, 'vpc')[0].attrs['data-id']).toBe('vpc-1');
  expect(byKind(els, 'igw')[0].attrs).toMatchObject({ 'data-id': 'igw-1', 'data-state': 'attached' });
  expect(byKind(els, 'alb')[0].attrs).toMatchObject({ 'data-state': 'active' });
  expect(byKind(els, 'az').map((e) => e.attrs['data-az'])).toEqual(['ap-northeast-1a', 'ap-northeast-1c']);
  expect(
    byKind(els, 'subnet')
      .map((e) => `${e.attrs['data-tier']}@${e.attrs['data-az']}`)
      .sort(),
  ).toEqual([
    'private@ap-northeast-1a',
    'private@ap-northeast-1c',
    'public@ap-northeast-1a',
    'public@ap-northeast-1c',
  ]);
  expect(
    byKind(els, 'instance').map((e) => [e.attrs['data-role'], e.attrs['data-az'], e.attrs['data-state']]),
  ).toEqual([
    ['web-1', 'ap-northeast-1a', 'running'],
    ['web-2', 'ap-northeast-1c', 'running'],
  ]);
  expect(byKind(els, 'db-primary')[0].attrs['data-az']).toBe('ap-northeast-1a');
  expect(byKind(els, 'db-standby')[0].attrs['data-az']).toBe('ap-northeast-1c');
  expect(byKind(els, 'target-link').map((e) => e.attrs['data-health'])).toEqual(['healthy', 'initial']);
  expect(byKind(els, 'replication')).toHaveLength(1);
  const texts = els.filter((e) => e.tag === 'text').map((e) => e.text);
  expect(texts).toContain('demo — ready');
  expect(texts).toContain('target group demo-tg: 1/2 healthy');
});

test('SVG: names and values are text, never markup', () => {
  const evil = '<script>alert(1)</script>&<b>x</b>"\'';
  const svg = environmentSvg(
    buildDiagramModel(
      found({ env: { name: evil, region: 'r', status: 'ready', outputs: { siteUrl: evil } } }),
    ),
  );
  expect(svg).not.toContain('<script');
  expect(svg).not.toContain('<b>');
  const texts = readSvg(svg)
    .filter((e) => e.tag === 'text')
    .map((e) => e.text);
  expect(texts).toContain(`${evil} — ready`);
});
