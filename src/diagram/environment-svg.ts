/**
 * The environment picture as SVG: one `<g data-kind=…>` per resource (with its id, state and AZ
 * as data attributes, so tests and the page can find them) and real `<text>` labels, which a
 * person can select and copy, in the reader's language (`t.diagram`). Layout: ./layout.ts;
 * colours: ./svg-kit.ts.
 */
import { ENGLISH, type Texts } from '../i18n/texts';
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

function stateLine(n: ResourceNode, t: Texts): string {
  return n.tone === 'absent' ? t.diagram.notCreated() : t.diagram.state(n.state);
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

function webBox(web: WebNode, box: Box, az: string, t: Texts): string {
  const d = t.diagram;
  const health = web.health
    ? d.target({ health: web.health })
    : web.tone === 'absent'
      ? ''
      : d.notRegistered();
  const state = stateLine(web, t);
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
    [web.role, web.id ? `${web.id}` : d.ec2(), `${state}${health ? ` · ${health}` : ''}`],
    d.webTip({ role: web.role, id: web.id, az, state, health }),
  );
}

function dbBox(model: DiagramModel, col: AzColumn, box: Box, t: Texts): string {
  const db = model.db;
  const d = t.diagram;
  const state = d.state(db.state);
  if (col.db === 'standby') {
    return resourceBox(
      box,
      db.tone,
      { 'data-kind': 'db-standby', 'data-id': db.id, 'data-state': db.state, 'data-az': col.name },
      [d.dbStandby(), db.id, d.syncReplica()],
      d.standbyTip({ id: db.id, az: col.name }),
    );
  }
  if (col.db === 'primary') {
    return resourceBox(
      box,
      db.tone,
      { 'data-kind': 'db-primary', 'data-id': db.id, 'data-state': db.state, 'data-az': col.name },
      [d.dbPrimary(), db.id, `${state} · ${d.multiAz({ on: !!db.multiAz })}`],
      d.primaryTip({ id: db.id, az: col.name, state, endpoint: db.endpoint ?? '' }),
    );
  }
  // The DB is not here: while it is absent the first column shows where it will be.
  if (db.tone === 'absent' && col === model.azs[0]) {
    return resourceBox(
      box,
      'absent',
      { 'data-kind': 'db-primary', 'data-state': 'absent', 'data-az': col.name },
      [d.dbPrimary(), d.rds(), d.notCreated()],
      d.dbAbsentTip(),
    );
  }
  return '';
}

function azColumn(model: DiagramModel, col: AzColumn, at: AzLayout, t: Texts): string {
  const d = t.diagram;
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
      title(d.subnetTip({ tier: s.tier, id: s.id || d.notCreatedId(), cidr: s.cidr ?? '', az: col.name })),
      boxRect(box, {
        fill: s.tone === 'absent' ? '#ffffff' : fill,
        stroke,
        strokeWidth: 1.2,
        dash: s.tone === 'absent' ? '5 4' : undefined,
      }),
      text(box.x + 10, box.y + 17, d.subnet({ tier: s.tier, cidr: s.cidr ?? '' }), {
        fill: stroke,
        'font-weight': 'bold',
        'font-size': 11,
      }),
      text(box.x + 10, box.y + 31, s.id || d.notCreated(), { fill: MUTED, 'font-size': 10 }),
    );
  return el(
    'g',
    { 'data-kind': 'az', 'data-az': col.name },
    container(at.column, {}, '#1a73e8', 'none', d.az({ az: col.name }), '6 4'),
    sub(at.publicSubnet, col.publicSubnet, '#3b7d0c', '#f1f8e9'),
    sub(at.privateSubnet, col.privateSubnet, '#0b67a8', '#e8f1fa'),
    ...col.web.map((w, i) => webBox(w, at.web[i], col.name, t)),
    dbBox(model, col, at.db, t),
  );
}

function edges(model: DiagramModel, l: ReturnType<typeof layoutEnvironment>, t: Texts): string[] {
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
          text((left.x + left.w + right.x) / 2, y + 16, t.diagram.replication(), {
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

export function environmentSvg(model: DiagramModel, t: Texts = ENGLISH): string {
  const d = t.diagram;
  const l = layoutEnvironment(model);
  const tg = model.targetGroup;
  const tgLine = tg.present
    ? d.targetGroup({ name: tg.name, healthy: tg.healthy, registered: tg.registered })
    : d.targetGroupAbsent({ name: tg.name });
  const status = t.common.envStatus(model.status);
  const body = [
    text(20, 28, d.heading({ env: model.env, status }), {
      'font-size': 18,
      'font-weight': 'bold',
      fill: INK,
      'data-kind': 'heading',
    }),
    text(20, 50, model.siteUrl ? d.site({ url: model.siteUrl }) : d.siteNotReady(), { fill: MUTED }),
    container(
      l.region,
      { 'data-kind': 'region', 'data-id': model.region },
      '#232f3e',
      '#fafafa',
      d.region({ region: model.region }),
    ),
    resourceBox(l.internet, 'ok', { 'data-kind': 'internet' }, [d.internet()], d.internetTip()),
    container(
      l.vpc,
      { 'data-kind': 'vpc', 'data-id': model.vpc.id || undefined, 'data-state': model.vpc.state },
      '#7b3fe4',
      model.vpc.tone === 'absent' ? '#ffffff' : '#fbf8ff',
      d.vpc({ id: model.vpc.id || d.notCreatedId(), cidr: model.vpc.cidr ?? '' }),
      model.vpc.tone === 'absent' ? '6 4' : undefined,
    ),
    ...model.azs.map((col, i) => azColumn(model, col, l.azs[i], t)),
    ...edges(model, l, t),
    resourceBox(
      l.igw,
      model.igw.tone,
      { 'data-kind': 'igw', 'data-id': model.igw.id || undefined, 'data-state': model.igw.state },
      [d.igw(), model.igw.id || stateLine(model.igw, t)],
      d.igwTip({
        id: model.igw.id || d.notCreatedId(),
        state: model.igw.attached ? d.attached() : stateLine(model.igw, t),
      }),
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
      [d.alb({ name: model.alb.name, state: stateLine(model.alb, t) }), tgLine],
      d.albTip({ name: model.alb.name, state: stateLine(model.alb, t), dns: model.alb.dns ?? '' }),
    ),
    legend(l.legend.x, l.legend.y, d.tone),
  ];
  return svgDocument(l.width, l.height, `${model.env}: ${status} (${model.region})`, body, t.lang);
}
