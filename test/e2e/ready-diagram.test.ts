/**
 * The PNG of the environment in the ready message's thread: posted through the real upload
 * flow where the bot token has files:write, and not at all (no files.* call either) with the
 * manifest's default scopes.
 */
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { waitFor } from '../helpers/slack';
import { threadReplies, waitForReady } from './helpers';

// The clock is stopped and the test moves it (runUntil): no step depends on the machine's speed.
jest.setTimeout(240_000);
const HOUR = 3_600_000;

/** Creates `env` and drives its run to the end, then waits for everything the run posts. */
async function createReady(sb: TestSandbox, env: string) {
  await sb.command(`create ${env}`);
  await sb.workflows!.runUntil(async () => (await sb.store.environments.get(env))?.status === 'ready', {
    withinMs: 4 * HOUR,
  });
  await sb.workflows!.settle();
  return waitForReady(sb, env);
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('with files:write (as npm start grants it)', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ speed: 0, slackScopes: ['commands', 'chat:write', 'files:write'] });
  });
  afterAll(async () => {
    await sb.stop();
  });

  test('a create ends with a PNG of what was built in the ready thread', async () => {
    const ready = await createReady(sb, 'demo');
    const reply = await waitFor(
      async () => threadReplies(await sb.messages(), ready.ts).find((m) => m.files?.length),
      60_000,
    );
    const file = reply.files![0];
    expect(file).toMatchObject({ name: 'demo-diagram.png', mimetype: 'image/png' });
    expect(file.alt_txt).toMatch(
      /^demo \(ready\) in ap-northeast-1: .*web-1 running \(healthy\).*primary in ap-northeast-1[ac], standby in ap-northeast-1[ac]/,
    );
    const stored = sb.slack.files.read(file.id)!;
    expect(stored.data.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(stored.data.length).toBe(file.size);
  });
});

describe("with the manifest's scopes (the sandbox's default)", () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ speed: 0 });
  });
  afterAll(async () => {
    await sb.stop();
  });

  test('no picture, no upload attempted, and the ready thread still gets its reply', async () => {
    const files = jest.spyOn(sb.slack.files, 'call');
    const ready = await createReady(sb, 'demo');
    await waitFor(async () => threadReplies(await sb.messages(), ready.ts)[0], 30_000);
    // Stopping waits for every picture under way.
    await sb.stop();
    expect(threadReplies(sb.slack.messages.list('C1'), ready.ts).some((m) => m.files)).toBe(false);
    expect(files.mock.calls.filter(([method]) => method.startsWith('files.'))).toEqual([]);
  });
});
