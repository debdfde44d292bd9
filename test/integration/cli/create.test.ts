/**
 * `sitebot create` end to end through the real CLI entry on the emulator + dynalite: the run
 * succeeds with exit 0 and a site URL that answers 200; an existing name is refused with a
 * non-zero exit; status/list see the env; destroy refuses without --yes; Ctrl-C leaves the
 * run resumable and a second `create` finishes it.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { RunDocument } from '../../../src/cli/render';
import { CREATE_OUTLINE } from '../../../src/workflows/create/outline';
import { startCliHarness, type CliHarness } from './cli-harness';

let h: CliHarness;

beforeAll(async () => {
  h = await startCliHarness();
});

afterAll(async () => {
  await h.close();
});

test('create --json exits 0 with one JSON document whose site URL answers 200; the name is then refused', async () => {
  const created = await h.run(['create', 'demo', '--json']);
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  const doc = JSON.parse(created.stdout) as RunDocument;
  expect(doc).toMatchObject({ env: 'demo', kind: 'create', status: 'succeeded', outcome: 'finished' });
  expect(doc.runId).toMatch(/^demo-create-/);
  expect(doc.outputs.siteUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(doc.outputs.dbEndpoint).toEqual(expect.any(String));
  expect(doc.timings.elapsedMs).toBeGreaterThan(0);
  expect(Object.values(doc.timings.steps).every((s) => s.status === 'done')).toBe(true);
  // Why the database step waited, each reason once.
  const dbWaits = doc.timings.steps.database.waits?.map((w) => w.note) ?? [];
  expect(dbWaits.length).toBeGreaterThan(0);
  dbWaits.forEach((note, i) => expect(note).not.toBe(dbWaits[i - 1]));
  expect((await fetch(doc.outputs.siteUrl)).status).toBe(200);

  const again = await h.run(['create', 'demo']);
  expect(again.code).toBe(3);
  expect(again.stdout).toBe('');
  expect(again.stderr.trim().split('\n')).toHaveLength(1);
  expect(again.stderr).toMatch(/^refused: demo already exists \(ready, owner tester/);

  const status = await h.run(['status', 'demo', '--json']);
  expect(status.code).toBe(0);
  const parsed = JSON.parse(status.stdout) as {
    env: { status: string; owner: string; outputs: Record<string, string> };
  };
  expect(parsed.env).toMatchObject({
    status: 'ready',
    owner: 'tester',
    outputs: { siteUrl: doc.outputs.siteUrl },
  });

  const list = await h.run(['list']);
  expect(list.code).toBe(0);
  expect(list.stdout).toMatch(/^NAME\s+STATUS/);
  expect(list.stdout).toMatch(/\ndemo\s+ready\s+tester\s/);

  const destroy = await h.run(['destroy', 'demo']);
  expect(destroy.code).toBe(3);
  expect(destroy.stderr).toMatch(/^refused: .*add --yes to confirm\n$/);
});

test('piped output is one line per step transition, then the outputs', async () => {
  const created = await h.run(['create', 'piped', '--multi-az', 'off', '--as', 'alice']);
  expect(created.code).toBe(0);
  const lines = created.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^create piped: run piped-create-/);
  // Each step starts once and finishes once, however many times it was polled.
  expect(lines.filter((l) => / start {2}Create VPC$/.test(l))).toHaveLength(1);
  expect(lines.filter((l) => / done {3}Create VPC \(/.test(l))).toHaveLength(1);
  // Every step finishes once; none starts twice (the preflight, checked before the run started,
  // may finish before the first update shows it under way).
  const starts = lines.filter((l) => / start {2}/.test(l)).map((l) => l.slice(10));
  expect(new Set(starts).size).toBe(starts.length);
  expect(starts.length).toBeGreaterThanOrEqual(CREATE_OUTLINE.steps.length - 1);
  // --multi-az off: the Multi-AZ step is skipped, not done.
  expect(lines.filter((l) => / done {3}/.test(l))).toHaveLength(CREATE_OUTLINE.steps.length - 1);
  expect(lines.filter((l) => / skip {3}Make the database Multi-AZ: --multi-az off/.test(l))).toHaveLength(1);
  // The reasons steps waited for, each printed when it changed, never once per poll.
  const waits = lines.filter((l) => / wait {3}/.test(l)).map((l) => l.slice(10));
  expect(waits.length).toBeGreaterThan(0);
  const byStep = new Map<string, string[]>();
  for (const w of waits) {
    const [title] = w.split(': ');
    byStep.set(title, [...(byStep.get(title) ?? []), w]);
  }
  for (const seen of byStep.values()) seen.forEach((w, i) => expect(w).not.toBe(seen[i - 1]));
  expect(created.stdout).toMatch(/\ncreate piped succeeded in .+\n {2}Site: http:\/\/127\.0\.0\.1:\d+\/\n/);
});

test('Ctrl-C stops ticking with exit 130 and the run stays resumable: create again finishes it', async () => {
  const interrupt = new AbortController();
  const first = await h.run(['create', 'halted'], {
    signal: interrupt.signal,
    // Interrupt once the first step is done (well before the database is).
    onStdout: (text) => {
      if (/ done {3}/.test(text)) interrupt.abort();
    },
  });
  expect(first.code).toBe(130);
  expect(first.stdout).toMatch(/stopped following create halted \(run halted-create-\S+, still running\)/);
  const status = JSON.parse((await h.run(['status', 'halted', '--json'])).stdout) as {
    env: { status: string; currentRunId: string };
    run: RunDocument;
  };
  expect(status.env.status).toBe('creating');
  expect(status.run.status).toBe('running');

  const second = await h.run(['create', 'halted', '--json']);
  expect(second.stderr).toBe(`following the create of halted already under way (run ${status.run.runId})\n`);
  expect(second.code).toBe(0);
  const doc = JSON.parse(second.stdout) as RunDocument;
  expect(doc.runId).toBe(status.run.runId);
  expect(doc.status).toBe('succeeded');
  expect((await fetch(doc.outputs.siteUrl)).status).toBe(200);
});

test('bad usage exits 2 with one line on stderr', async () => {
  const bad = await h.run(['create', 'Demo']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toBe(
    "sitebot: env name 'Demo' may only contain lowercase letters, digits and hyphens (see sitebot help)\n",
  );
});

test('bin/sitebot.js runs the TypeScript entry through the tsx shim', () => {
  const root = path.join(__dirname, '..', '..', '..');
  const out = spawnSync(process.execPath, [path.join(root, 'bin', 'sitebot.js'), 'help'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  expect(out.stdout).toMatch(/^sitebot — /);
  expect(out.stdout).toContain('sitebot create <env>');
});

test('the real process finds DynamoDB and AWS through the environment variables the bot uses', async () => {
  const { stdout } = await h.spawn(['status', 'demo', '--json']);
  expect(JSON.parse(stdout)).toMatchObject({ env: { name: 'demo', status: 'ready' } });
});
