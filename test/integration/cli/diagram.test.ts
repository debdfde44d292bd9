/**
 * `sitebot diagram` on the emulator: the environment drawn from what AWS has (one element per
 * resource), the DB primary's AZ before and after a DB failover drill, the drill's probe
 * timeline, PNG output, and clear refusals.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byKind, readSvg } from '../../helpers/svg';
import { startCliHarness, type CliHarness } from './cli-harness';

// Creates and drills take a second or two alone, much longer on a busy machine.
jest.setTimeout(180_000);

let h: CliHarness;
let dir: string;

beforeAll(async () => {
  h = await startCliHarness();
  dir = mkdtempSync(join(tmpdir(), 'sitebot-diagram-'));
  expect((await h.run(['create', 'pic', '--json'])).code).toBe(0);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h.close();
});

const diagram = async (...args: string[]) => {
  const out = await h.run(['diagram', 'pic', ...args]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  return readSvg(out.stdout.trim());
};

test('the environment: region, VPC, two AZs with two subnets each, both servers, the ALB, DB primary and standby', async () => {
  const els = await diagram();
  const world = h.emu.world.listResources().filter((r) => (r.tags ?? {})['sitebot:env'] === 'pic');
  const ids = (type: string) =>
    world
      .filter((r) => r.type === type)
      .map((r) => r.id)
      .sort();
  expect(byKind(els, 'vpc').map((e) => e.attrs['data-id'])).toEqual(ids('vpc'));
  expect(
    byKind(els, 'subnet')
      .map((e) => e.attrs['data-id'])
      .sort(),
  ).toEqual(ids('subnet'));
  expect(byKind(els, 'igw').map((e) => e.attrs['data-id'])).toEqual(ids('internet-gateway'));
  const instances = byKind(els, 'instance');
  expect(instances.map((e) => [e.attrs['data-role'], e.attrs['data-state']])).toEqual([
    ['web-1', 'running'],
    ['web-2', 'running'],
  ]);
  expect(new Set(instances.map((e) => e.attrs['data-az'])).size).toBe(2);
  expect(byKind(els, 'alb')[0].attrs['data-state']).toBe('active');
  expect(byKind(els, 'target-link').map((e) => e.attrs['data-health'])).toEqual(['healthy', 'healthy']);
  expect(byKind(els, 'db-primary')).toHaveLength(1);
  expect(byKind(els, 'db-standby')).toHaveLength(1);
});

test('after a DB failover drill the primary and the standby have swapped AZs; the timeline shows the outage and the swap', async () => {
  const before = await diagram();
  const primaryBefore = byKind(before, 'db-primary')[0].attrs['data-az'];
  const standbyBefore = byKind(before, 'db-standby')[0].attrs['data-az'];
  expect(primaryBefore).not.toBe(standbyBefore);

  const drill = await h.run(['failover', 'pic', 'db', '--json']);
  expect(drill.code).toBe(0);

  const after = await diagram();
  expect(byKind(after, 'db-primary')[0].attrs['data-az']).toBe(standbyBefore);
  expect(byKind(after, 'db-standby')[0].attrs['data-az']).toBe(primaryBefore);

  const timeline = await diagram('--drill');
  const db = byKind(timeline, 'phase').find((p) => p.attrs['data-phase'] === 'db');
  expect(db?.attrs['data-verdict']).toBe('pass');
  expect(byKind(timeline, 'probes').some((p) => p.attrs['data-result'] === 'ok')).toBe(true);
  expect(byKind(timeline, 'fault')).toHaveLength(1);
  expect(byKind(timeline, 'az-swap')[0].attrs).toMatchObject({
    'data-before': primaryBefore,
    'data-after': standbyBefore,
  });
});

test('--out writes SVG or PNG files', async () => {
  const svg = join(dir, 'pic.svg');
  const png = join(dir, 'drill.png');
  expect((await h.run(['diagram', 'pic', '--out', svg])).stdout).toBe(`wrote ${svg}\n`);
  expect(readFileSync(svg, 'utf8')).toMatch(/^<svg /);
  expect((await h.run(['diagram', 'pic', '--drill', '--out', png])).code).toBe(0);
  expect(readFileSync(png).subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
});

test('refusals: an unknown env, a drill that never ran, a bad --out', async () => {
  expect(await h.run(['diagram', 'ghost'])).toEqual({
    code: 1,
    stdout: '',
    stderr: 'no environment named ghost\n',
  });
  expect((await h.run(['create', 'calm', '--multi-az', 'off', '--json'])).code).toBe(0);
  expect(await h.run(['diagram', 'calm', '--drill'])).toEqual({
    code: 1,
    stdout: '',
    stderr: 'calm has had no failover drill yet\n',
  });
  const bad = await h.run(['diagram', 'pic', '--out', 'x.jpg']);
  expect(bad).toEqual({
    code: 2,
    stdout: '',
    stderr: 'sitebot: --out must name a .svg or .png file (see sitebot help)\n',
  });
});
