/**
 * The environment picture as SVG: one `<g data-kind=…>` per resource (with its id, state and AZ
 * as data attributes, so tests and the page can find them) and real `<text>` labels, which a
 * person can select and copy. Layout: ./layout.ts; colours: ./svg-kit.ts.
 */
import { layoutEnvironment, type AzLayout, type Box } from './layout';
import type { AzColumn, DiagramModel, ResourceNode, Tone, WebNode } from './model';
import { boxRect, el, legend, svgDocument, text, title, TONE_PAINT } from './svg-kit';

const INK = '#202124';
const MUTED = '#5f6368';

function resourceBox(
  box: Box,
  tone: Tone,
  a: Record<string, string | undefined>,
  lines: string[],
  tip: string,
): string {
  const p = TONE_PAINT[tone];
  const [first, ...rest] = lines;
  return el(
    'g',
    { ...a, 'data-tone': tone },
    title(tip),
    boxRect(box, p),
    text(box.x + 10, box.y + 20, first, { 'font-weight': 'bold', fill: p.ink }),
    ...rest.map((line, i) => text(box.x + 10, box.y + 38 + i * 16, line, { fill: p.ink, 'font-size': 11 })),
  );
}

function stateLine(n: ResourceNode): string {
  return n.tone === 'absent' ? 'not created' : n.state;
}

function container(
  box: Box,
  a: Record<string, string | undefined>,
  stroke: string,
  fill: string,
  label: string,
  dash?: string,
): string {
  return el(
    'g',
    a,
    boxRect(box, { fill, stroke, dash, rx: 10 }),
    text(box.x + 12, box.y + 18, label, { fill: stroke, 'font-weight': 'bold' }),
  );
}

function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  a: Record<string, string | number | undefined> = {},
): string {
  return el('line', { x1, y1, x2, y2, stroke, 'stroke-width': 2, ...a });
}

function webBox(web: WebNode, box: Box, az: string): string {
  const health = web.health ? `target: ${web.health}` : web.tone === 'absent' ? '' : 'target: not registered';
  return resourceBox(
    box,
    web.tone,
    {
      'data-kind': 'instance',
      'data-role': web.role,
      'data-id': web.id || undefined,
      'data-state': web.state,
      'data-az': az,
    },
    [web.role, web.id ? `${web.id}` : 'EC2 instance', `${stateLine(web)}${health ? ` · ${health}` : ''}`],
    `${web.role} (EC2 instance${web.id ? ` ${web.id}` : ''}) in ${az}: ${stateLine(web)}${health ? `; ${health}` : ''}`,
  );
}

function dbBox(model: DiagramModel, col: AzColumn, box: Box): string {
  const db = model.db;
  if (col.db === 'standby') {
    return resourceBox(
      box,
      db.tone,
      { 'data-kind': 'db-standby', 'data-id': db.id, 'data-state': db.state, 'data-az': col.name },
      ['DB standby', db.id, 'synchronous replica'],
      `standby of ${db.id} in ${col.name} (Multi-AZ): takes over on a failover`,
    );
  }
  if (col.db === 'primary') {
    return resourceBox(
      box,
      db.tone,
      { 'data-kind': 'db-primary', 'data-id': db.id, 'data-state': db.state, 'data-az': col.name },
      ['DB primary (MySQL)', db.id, `${db.state}${db.multiAz ? ' · Multi-AZ' : ' · single-AZ'}`],
      `${db.id} primary in ${col.name}: ${db.state}${db.endpoint ? `; endpoint ${db.endpoint}` : ''}`,
    );
  }
  // The DB is not here: while it is absent the first column shows where it will be.
  if (db.tone === 'absent' && col === model.azs[0]) {
    return resourceBox(
      box,
      'absent',
      { 'data-kind': 'db-primary', 'data-state': 'absent', 'data-az': col.name },
      ['DB primary (MySQL)', 'RDS instance', 'not created'],
      'the database is not created yet',
    );
  }
  return '';
}

function azColumn(model: DiagramModel, col: AzColumn, at: AzLayout): string {
  const sub = (box: Box, s: AzColumn['publicSubnet'], stroke: string, fill: string) =>
    el(
      'g',
      {
        'data-kind': 'subnet',
        'data-tier': s.tier,
        'data-id': s.id || undefined,
        'data-state': s.state,
        'data-az': col.name,
      },
      title(`${s.tier} subnet ${s.id || '(not created)'} ${s.cidr ?? ''} in ${col.name}`),
      boxRect(box, {
        fill: s.tone === 'absent' ? '#ffffff' : fill,
        stroke,
        strokeWidth: 1.2,
        dash: s.tone === 'absent' ? '5 4' : undefined,
      }),
      text(box.x + 10, box.y + 17, `${s.tier} subnet${s.cidr ? ` ${s.cidr}` : ''}`, {
        fill: stroke,
        'font-weight': 'bold',
        'font-size': 11,
      }),
      text(box.x + 10, box.y + 31, s.id || 'not created', { fill: MUTED, 'font-size': 10 }),
    );
  return el(
    'g',
    { 'data-kind': 'az', 'data-az': col.name },
    container(at.column, {}, '#1a73e8', 'none', `Availability Zone ${col.name}`, '6 4'),
    sub(at.publicSubnet, col.publicSubnet, '#3b7d0c', '#f1f8e9'),
    sub(at.privateSubnet, col.privateSubnet, '#0b67a8', '#e8f1fa'),
    ...col.web.map((w, i) => webBox(w, at.web[i], col.name)),
    dbBox(model, col, at.db),
  );
}

function edges(model: DiagramModel, l: ReturnType<typeof layoutEnvironment>): string[] {
  const out: string[] = [];
  const cx = (b: Box) => b.x + b.w / 2;
  out.push(line(cx(l.internet), l.internet.y + l.internet.h, cx(l.igw), l.igw.y, '#5f6368'));
  out.push(line(cx(l.igw), l.igw.y + l.igw.h, cx(l.igw), l.alb.y, '#5f6368'));
  model.azs.forEach((col, c) => {
    col.web.forEach((w, i) => {
      const box = l.azs[c].web[i];
      const tone = w.healthTone ?? 'absent';
      out.push(
        line(cx(box), l.alb.y + l.alb.h, cx(box), box.y, TONE_PAINT[tone].stroke, {
          'data-kind': 'target-link',
          'data-role': w.role,
          'data-health': w.health ?? 'none',
          'stroke-dasharray': w.health ? undefined : '4 4',
        }),
      );
    });
  });
  const primary = model.azs.findIndex((c) => c.db === 'primary');
  const standby = model.azs.findIndex((c) => c.db === 'standby');
  if (primary >= 0) {
    const db = l.azs[primary].db;
    model.azs.forEach((col, c) =>
      col.web.forEach((w, i) => {
        if (w.tone === 'absent') return;
        const box = l.azs[c].web[i];
        out.push(
          line(cx(box), box.y + box.h, cx(db), db.y, '#9aa0a6', {
            'stroke-dasharray': '3 3',
            'stroke-width': 1.2,
          }),
        );
      }),
    );
    if (standby >= 0) {
      const s = l.azs[standby].db;
      const [left, right] = primary < standby ? [db, s] : [s, db];
      const y = db.y + db.h / 2;
      out.push(
        el(
          'g',
          { 'data-kind': 'replication' },
          line(left.x + left.w, y, right.x, y, '#0b67a8', { 'stroke-dasharray': '6 4' }),
          text((left.x + left.w + right.x) / 2, y + 16, 'sync replication', {
            'text-anchor': 'middle',
            fill: '#0b67a8',
            'font-size': 10,
          }),
        ),
      );
    }
  }
  return out;
}

export function environmentSvg(model: DiagramModel): string {
  const l = layoutEnvironment(model);
  const tg = model.targetGroup;
  const tgLine = tg.present
    ? `target group ${tg.name}: ${tg.healthy}/${tg.registered} healthy`
    : `target group ${tg.name}: not created`;
  const body = [
    text(20, 28, `${model.env} — ${model.status}`, {
      'font-size': 18,
      'font-weight': 'bold',
      fill: INK,
      'data-kind': 'heading',
    }),
    text(20, 50, model.siteUrl ? `site ${model.siteUrl}` : 'site: not ready', { fill: MUTED }),
    container(
      l.region,
      { 'data-kind': 'region', 'data-id': model.region },
      '#232f3e',
      '#fafafa',
      `Region ${model.region}`,
    ),
    resourceBox(
      l.internet,
      'ok',
      { 'data-kind': 'internet' },
      ['Internet'],
      'the internet: visitors reach the site through the ALB',
    ),
    container(
      l.vpc,
      { 'data-kind': 'vpc', 'data-id': model.vpc.id || undefined, 'data-state': model.vpc.state },
      '#7b3fe4',
      model.vpc.tone === 'absent' ? '#ffffff' : '#fbf8ff',
      `VPC ${model.vpc.id || '(not created)'}${model.vpc.cidr ? ` ${model.vpc.cidr}` : ''}`,
      model.vpc.tone === 'absent' ? '6 4' : undefined,
    ),
    ...model.azs.map((col, i) => azColumn(model, col, l.azs[i])),
    ...edges(model, l),
    resourceBox(
      l.igw,
      model.igw.tone,
      { 'data-kind': 'igw', 'data-id': model.igw.id || undefined, 'data-state': model.igw.state },
      ['Internet gateway', model.igw.id || stateLine(model.igw)],
      `internet gateway ${model.igw.id || '(not created)'}: ${model.igw.attached ? 'attached to the VPC' : stateLine(model.igw)}`,
    ),
    resourceBox(
      l.alb,
      model.alb.tone,
      {
        'data-kind': 'alb',
        'data-id': model.alb.id || undefined,
        'data-state': model.alb.state,
        'data-subnets': 'public',
      },
      [`Application Load Balancer ${model.alb.name} · ${stateLine(model.alb)}`, tgLine],
      `${model.alb.name} across both public subnets: ${stateLine(model.alb)}${model.alb.dns ? `; ${model.alb.dns}` : ''}`,
    ),
    legend(l.legend.x, l.legend.y),
  ];
  return svgDocument(l.width, l.height, `${model.env}: ${model.status} (${model.region})`, body);
}
