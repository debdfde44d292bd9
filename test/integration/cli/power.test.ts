/**
 * `sitebot sleep` and `sitebot wake` on the emulator + dynalite: exit 0 with the run's summary,
 * AWS and the record in step; refusals exit 3 with one line.
 */
import type { RunDocument } from '../../../src/cli/render';
import { powerOf } from '../../../src/state/power';
import { createStateStore } from '../../../src/state';
import { startCliHarness, type CliHarness } from './cli-harness';

let h: CliHarness;

beforeAll(async () => {
  h = await startCliHarness();
});

afterAll(async () => {
  await h.close();
});

const states = () =>
  h.emu.world
    .listResources()
    .filter((r) => (r.tags ?? {})['sitebot:env'] === 'nap' && ['instance', 'db-instance'].includes(r.type))
    .map((r) => `${r.type} ${r.state}`)
    .sort();

test('sleep then wake: both exit 0, AWS and the record follow, the summary is printed', async () => {
  expect((await h.run(['create', 'nap', '--json'])).code).toBe(0);
  const store = createStateStore(h.clients.doc, h.dynamo.prefix);

  const slept = await h.run(['sleep', 'nap']);
  expect(slept.stderr).toBe('');
  expect(slept.code).toBe(0);
  expect(slept.stdout).toMatch(/\nnap is asleep: both web servers and the DB instance stopped\./);
  expect(states()).toEqual(['db-instance stopped', 'instance stopped', 'instance stopped']);
  expect(powerOf((await store.environments.get('nap'))!)?.state).toBe('asleep');

  const woke = await h.run(['wake', 'nap', '--json']);
  expect(woke.code).toBe(0);
  const doc = JSON.parse(woke.stdout) as RunDocument;
  expect(doc).toMatchObject({ kind: 'wake', status: 'succeeded' });
  expect(String(doc.summary?.message)).toMatch(/^nap is awake: the site answered 200 after/);
  expect(states()).toEqual(['db-instance available', 'instance running', 'instance running']);
  expect(powerOf((await store.environments.get('nap'))!)?.state).toBe('awake');
});

test('refusals exit 3 with one line', async () => {
  const ghost = await h.run(['sleep', 'ghost']);
  expect(ghost.code).toBe(3);
  expect(ghost.stderr).toBe('refused: There is no environment named ghost.\n');
  const usage = await h.run(['wake']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toMatch(/'wake' needs an env name/);
});

test('a sleeping env is destroyed without waking it; its month goes to the spend ledger', async () => {
  expect((await h.run(['create', 'zzz', '--multi-az', 'off', '--json'])).code).toBe(0);
  expect((await h.run(['sleep', 'zzz'])).code).toBe(0);
  const destroyed = await h.run(['destroy', 'zzz', '--yes']);
  expect(destroyed.code).toBe(0);
  expect(destroyed.stdout).toMatch(/0 resources tagged for zzz remain\./);
  expect(h.emu.world.listResources().filter((r) => (r.tags ?? {})['sitebot:env'] === 'zzz')).toEqual([]);
  const store = createStateStore(h.clients.doc, h.dynamo.prefix);
  const month = new Date().toISOString().slice(0, 7);
  expect(await store.spend.total('cli', month)).toBeGreaterThan(0);
});
