/**
 * The rest of an environment's life from the CLI, on the emulator + dynalite: a web failover
 * drill, then `destroy --yes`, which leaves nothing tagged for the env; refusals exit 3.
 */
import type { RunDocument } from '../../../src/cli/render';
import { startCliHarness, type CliHarness } from './cli-harness';

let h: CliHarness;

beforeAll(async () => {
  h = await startCliHarness();
});

afterAll(async () => {
  await h.close();
});

const taggedFor = (env: string) =>
  h.emu.world.listResources().filter((r) => (r.tags ?? {})['sitebot:env'] === env);

test('failover web, then destroy --yes: exit 0 each, a drill report, a receipt, nothing left', async () => {
  expect((await h.run(['create', 'life', '--json'])).code).toBe(0);
  expect(taggedFor('life').length).toBeGreaterThan(10);

  const drill = await h.run(['failover', 'life', 'web', '--json']);
  expect(drill.stderr).toBe('');
  expect(drill.code).toBe(0);
  const report = JSON.parse(drill.stdout) as RunDocument;
  expect(report).toMatchObject({ kind: 'failover', status: 'succeeded' });
  expect(report.summary?.drill).toEqual(expect.objectContaining({ headline: expect.any(String) }));

  const destroyed = await h.run(['destroy', 'life', '--yes']);
  expect(destroyed.code).toBe(0);
  expect(destroyed.stdout).toMatch(
    /\ndestroy life succeeded in .+\nDestroyed life in .+ 0 resources tagged for life remain\./,
  );
  expect(taggedFor('life')).toEqual([]);

  const status = await h.run(['status', 'life']);
  expect(status.code).toBe(1);
  expect(status.stderr).toBe('no environment named life\n');
});

test('refusals exit 3 with one line: failover or destroy of an env that does not exist', async () => {
  const failover = await h.run(['failover', 'ghost']);
  expect(failover.code).toBe(3);
  expect(failover.stderr).toMatch(/^refused: .*ghost.*\n$/);
  const destroy = await h.run(['destroy', 'ghost', '--yes']);
  expect(destroy.code).toBe(1);
  expect(destroy.stderr).toBe('no environment named ghost\n');
});

test('an interrupted destroy is followed to its end by the next destroy --yes', async () => {
  expect((await h.run(['create', 'again', '--multi-az', 'off', '--json'])).code).toBe(0);
  const interrupt = new AbortController();
  const first = await h.run(['destroy', 'again', '--yes'], {
    signal: interrupt.signal,
    onStdout: (text) => {
      if (/ done {3}/.test(text)) interrupt.abort();
    },
  });
  expect(first.code).toBe(130);
  expect(taggedFor('again').length).toBeGreaterThan(0);

  const second = await h.run(['destroy', 'again', '--yes', '--json']);
  expect(second.stderr).toMatch(
    /^following the teardown of again already under way \(run again-destroy-\S+\)\n$/,
  );
  expect(second.code).toBe(0);
  expect(JSON.parse(second.stdout)).toMatchObject({ kind: 'destroy', status: 'succeeded' });
  expect(taggedFor('again')).toEqual([]);
});
