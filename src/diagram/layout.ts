/**
 * Where each part of the environment picture goes: a fixed grid, because the environment's
 * shape is fixed (SPEC §1: one VPC, two AZ columns, a public and a private subnet in each).
 * The region holds the VPC; the internet gateway sits on the VPC's top edge; the ALB spans both
 * AZ columns above the public subnets; each public subnet holds its web servers, each private
 * subnet the DB primary or standby. Tested for containment and overlaps (test/unit/diagram).
 */
import type { DiagramModel } from './model';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface AzLayout {
  column: Box;
  publicSubnet: Box;
  privateSubnet: Box;
  /** One box per web node of the column, in the model's order. */
  web: Box[];
  db: Box;
}

export interface EnvironmentLayout {
  width: number;
  height: number;
  region: Box;
  internet: Box;
  vpc: Box;
  igw: Box;
  alb: Box;
  azs: [AzLayout, AzLayout];
  legend: { x: number; y: number };
}

export const WIDTH = 960;
const NODE_W = 200;
const GAP = 16;

function azLayout(x: number, webCount: number): AzLayout {
  const column: Box = { x, y: 252, w: 420, h: 352 };
  const publicSubnet: Box = { x: x + 15, y: 284, w: 390, h: 128 };
  const privateSubnet: Box = { x: x + 15, y: 428, w: 390, h: 160 };
  const n = Math.max(1, webCount);
  // Side by side, centred; narrower when a column holds more servers than the create makes.
  const w = Math.min(NODE_W, (publicSubnet.w - GAP * (n + 1)) / n);
  const left = publicSubnet.x + (publicSubnet.w - (n * w + (n - 1) * GAP)) / 2;
  const web = Array.from({ length: webCount }, (_, i) => ({ x: left + i * (w + GAP), y: 326, w, h: 74 }));
  const db: Box = { x: x + 15 + (390 - NODE_W) / 2, y: 480, w: NODE_W, h: 92 };
  return { column, publicSubnet, privateSubnet, web, db };
}

export function layoutEnvironment(model: DiagramModel): EnvironmentLayout {
  return {
    width: WIDTH,
    height: 700,
    region: { x: 10, y: 66, w: 940, h: 560 },
    internet: { x: 400, y: 76, w: 160, h: 32 },
    vpc: { x: 30, y: 144, w: 900, h: 472 },
    igw: { x: 390, y: 122, w: 180, h: 46 },
    alb: { x: 90, y: 186, w: 780, h: 50 },
    azs: [azLayout(50, model.azs[0].web.length), azLayout(490, model.azs[1].web.length)],
    legend: { x: 20, y: 660 },
  };
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  );
}

/** True when two boxes share any area. */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
