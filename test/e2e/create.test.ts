/**
 * `/site create` end to end: signed slash commands to the in-process sandbox, the real create
 * workflow on the AWS emulator, progress rendered to the Slack stand-in. The emulator's clock is
 * stopped and the test moves virtual time (`runUntilStatus`): no deadline depends on the
 * machine's speed.
 */
import type { TestSandbox } from '../helpers/sandbox';
import { startTestSandbox } from '../helpers/sandbox';
import { waitFor } from '../helpers/slack';
import {
  channelMessages,
  expectNoSecrets,
  knownSecrets,
  readable,
  runUntilStatus,
  threadReplies,
  waitForReady,
} from './helpers';
import { holdEnv } from '../helpers/records';
import { failOnSlackViolations } from '../helpers/slack-violations';

// Real time only bounds a busy machine: one whole create.
jest.setTimeout(180_000);

let sb: TestSandbox;
failOnSlackViolations(() => sb);
const errors: string[] = [];

beforeAll(async () => {
  sb = await startTestSandbox({
    speed: 0,
    onError: (err, where) => errors.push(`${where}: ${String(err)}`),
  });
});
afterAll(async () => {
  await sb.stop();
});

test('create demo: acked within 3 s, one progress message updated in place, ends with a URL that answers 200', async () => {
  const res = await sb.command('create demo', 'UOWNER');
  expect(res.ackMs).toBeLessThan(3_000);
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body).text).toContain('Creating *demo*');

  await runUntilStatus(sb, 'demo', 'ready');
  const ready = await waitForReady(sb, 'demo');
  const posted = channelMessages(await sb.messages());
  expect(posted).toHaveLength(1);
  expect(posted[0].ts).toBe(ready.ts);
  expect(ready.edits).toBeGreaterThan(1);
  const body = readable(ready);
  expect(body).toContain('critical path (');
  expect(body).toMatch(/DB endpoint: `sitebot-demo-db\./);
  expect(body).toContain('ap-northeast-1a, ap-northeast-1c');

  const url = /Site: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(body)?.[1];
  expect(url).toBeDefined();
  expect((await fetch(url as string)).status).toBe(200);

  const reply = await waitFor(async () => threadReplies(await sb.messages(), ready.ts)[0]);
  expect(reply.text).toContain('<@UOWNER>');
  expect(reply.text).toContain(url as string);

  const env = await sb.store.environments.get('demo');
  expect(env).toMatchObject({ status: 'ready', owner: 'UOWNER', channel: 'C1' });
  await expectNoSecrets(sb, knownSecrets(sb));
  expect(knownSecrets(sb).length).toBeGreaterThan(2);
  expect(errors).toEqual([]);
});

test('a second create of the same name is refused, ephemeral, and creates nothing', async () => {
  const before = await sb.itemCounts();
  const messages = (await sb.messages()).length;
  const res = await sb.command('create demo', 'UOTHER');
  const ack = JSON.parse(res.body) as { response_type: string; text: string };
  expect(ack.response_type).toBe('ephemeral');
  expect(ack.text).toContain('*demo* already exists');
  expect(ack.text.split('\n')).toHaveLength(1);
  expect(await sb.itemCounts()).toEqual(before);
  // Two private messages: the ack ("working on it"), then the refusal from the job.
  const after = await sb.messages();
  expect(after).toHaveLength(messages + 2);
  expect(after.slice(-2).map((m) => m.ephemeral_to)).toEqual(['UOTHER', 'UOTHER']);
  expect(after[after.length - 1].text).toContain('*demo* already exists');
});

test('a create of a locked name is refused with who holds it, what it does and since when', async () => {
  await holdEnv(sb.store, {
    env: 'busy',
    runId: 'busy-destroy-1',
    kind: 'destroy',
    holder: 'UHOLDER',
    at: sb.workflows!.clock.now(),
  });
  const before = await sb.itemCounts();
  const res = await sb.command('create busy', 'UOWNER');
  const ack = JSON.parse(res.body) as { response_type: string; text: string };
  expect(ack.response_type).toBe('ephemeral');
  expect(ack.text).toMatch(
    /^:no_entry: \*busy\* is busy: a destroy started by <@UHOLDER> .+ ago is still running\./,
  );
  expect(await sb.itemCounts()).toEqual(before);
  expect(await sb.store.environments.get('busy')).toBeUndefined();
});

test('--dry-run answers the plan in parallel groups with the cost, and creates nothing', async () => {
  const before = await sb.itemCounts();
  const resources = sb.emulator!.world.listResources().length;
  const res = await sb.command('create trial --dry-run', 'UOWNER');
  const ack = JSON.parse(res.body) as { response_type: string; text: string; blocks: unknown[] };
  expect(ack.response_type).toBe('ephemeral');
  const text = JSON.stringify(ack.blocks);
  expect(text).toContain('trial-vpc');
  expect(text).toContain(' ∥ ');
  expect(text).toMatch(/Estimated cost: \$\d+\.\d{4}\/h/);
  expect(ack.text).toContain('Nothing was created');
  expect(await sb.itemCounts()).toEqual(before);
  expect(sb.emulator!.world.listResources()).toHaveLength(resources);
  expect(channelMessages(await sb.messages()).filter((m) => m.text.includes('trial'))).toHaveLength(0);
});
