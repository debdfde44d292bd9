/**
 * Stopping a create from the terminal: `sitebot cancel` stops it and says what it left;
 * `destroy --yes` on a create still running stops it and tears it down, as the bot's "Cancel
 * and destroy" does; what cannot be cancelled is refused with what the CLI can do instead.
 */
import type { RunDocument } from '../../../src/cli/render';
import { useCliHarness } from './cli-harness';

const h = useCliHarness();

/** A create left running with nothing ticking it: a CLI interrupted once its VPC exists. */
async function interruptedCreate(env: string): Promise<void> {
  const interrupt = new AbortController();
  const first = await h.run(['create', env], {
    signal: interrupt.signal,
    onStdout: (text) => {
      if (/ done {3}Create VPC/.test(text)) interrupt.abort();
    },
  });
  expect(first.code).toBe(130);
}

test('cancel stops a create under way; what it made stays until destroy, as it says', async () => {
  await interruptedCreate('halt');
  const cancelled = await h.run(['cancel', 'halt']);
  expect(cancelled.stderr).toMatch(
    /^stopping the create of halt \(run halt-create-\S+\) at its next tick\n$/,
  );
  expect(cancelled.code).toBe(0);
  expect(cancelled.stdout).toMatch(/\ncreate halt cancelled after .+: cancelled by tester\n/);
  expect(cancelled.stdout).toMatch(
    /\n\d+ resources? it made remain and cost money until removed \(vpc, .*\): sitebot destroy halt --yes removes them\n$/,
  );
  expect(h.taggedFor('halt').length).toBeGreaterThan(0);
  expect((await h.store.environments.get('halt'))?.status).toBe('failed');

  const nothing = await h.run(['cancel', 'halt']);
  expect(nothing.code).toBe(3);
  expect(nothing.stderr).toBe('refused: nothing to cancel: halt is failed and no run is under way\n');
  expect((await h.run(['destroy', 'halt', '--yes'])).code).toBe(0);
  expect(h.taggedFor('halt')).toEqual([]);
});

test('destroy --yes on a create still running stops it first, then tears it down', async () => {
  await interruptedCreate('both');
  const destroyed = await h.run(['destroy', 'both', '--yes', '--json']);
  expect(destroyed.stderr).toMatch(
    /^stopping the create of both first \(run both-create-\S+\); the teardown starts once it has stopped\n$/,
  );
  expect(destroyed.code).toBe(0);
  expect(JSON.parse(destroyed.stdout)).toMatchObject({
    kind: 'destroy',
    status: 'succeeded',
  } satisfies Partial<RunDocument>);
  const runs = await h.store.runs.listByEnv('both');
  expect(runs.find((r) => r.kind === 'create')?.status).toBe('cancelled');
  expect(h.taggedFor('both')).toEqual([]);
  expect((await h.store.environments.get('both'))?.status).toBe('destroyed');
});

test('what cannot be cancelled is refused, suggesting only what the CLI can do', async () => {
  expect(await h.run(['cancel', 'ghost'])).toEqual({
    code: 1,
    stdout: '',
    stderr: 'no environment named ghost\n',
  });
  expect((await h.run(['create', 'done', '--multi-az', 'off', '--json'])).code).toBe(0);
  const ready = await h.run(['cancel', 'done']);
  expect(ready).toEqual({
    code: 3,
    stdout: '',
    stderr: 'refused: nothing to cancel: done is ready and no run is under way\n',
  });
  // A refusal written for Slack reads as the CLI command that does it.
  const single = await h.run(['failover', 'done', 'db']);
  expect(single.code).toBe(3);
  expect(single.stderr).toContain('Run `sitebot failover done db --force` to reboot it anyway');
  expect(single.stderr).not.toContain('/site');
});
