/**
 * Slack wants an ack within 3 s. The bot's answer never waits on a service: a command whose
 * service acts is acked "working on it" at once and answered through its response_url when the
 * service is done. A read-only answer that is not ready within the bot's budget (a slow read)
 * is acked the same way and finished by the job runner.
 */
import type { BotServices } from '../../src/bot/services';
import { ephemeral, type Reply } from '../../src/bot/views/reply';
import { mrkdwn } from '../../src/bot/views/mrkdwn';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { waitFor } from '../helpers/slack';
import { failOnSlackViolations } from '../helpers/slack-violations';

let sb: TestSandbox;
failOnSlackViolations(() => sb);
let release: (reply: Reply) => void = () => undefined;
let serviceCalled = false;
const services: BotServices = {
  startCreate: () => {
    serviceCalled = true;
    return new Promise<Reply>((resolve) => {
      release = resolve;
    });
  },
};

beforeAll(async () => {
  sb = await startTestSandbox({ services, ackBudgetMs: 50 });
});
afterAll(async () => {
  release(ephemeral(mrkdwn`released at teardown`, []));
  await sb.stop();
});

test('a service that has not answered: "working on it" at once, then its answer via response_url', async () => {
  // The stand-in's own call: the ack as Slack gets it, without waiting for the job.
  const ack = await sb.slack.sendCommand({ text: 'create slow', user: 'U1', channel: 'CSLOW' });
  expect(ack.status).toBe(200);
  expect(JSON.parse(ack.body)).toMatchObject({ text: expect.stringContaining('Working on it') });
  await waitFor(() => (serviceCalled ? true : undefined));
  release(ephemeral(mrkdwn`create slow accepted`, []));
  const answer = await waitFor(async () =>
    (await sb.messages('CSLOW')).find((m) => m.text === 'create slow accepted'),
  );
  expect(answer.ephemeral_to).toBe('U1');
});

test('a read that takes longer than the budget: "working on it", then the answer from the job', async () => {
  const listActive = sb.store.environments.listActive.bind(sb.store.environments);
  let calls = 0;
  let unblock: () => void = () => undefined;
  const blocked = new Promise<void>((resolve) => (unblock = resolve));
  // The first read (the receiver's) hangs until the job has answered; the job's read is quick.
  sb.store.environments.listActive = async (o) => {
    if (++calls === 1) await blocked;
    return listActive(o);
  };
  try {
    const ack = await sb.slack.sendCommand({ text: 'list', user: 'U1', channel: 'CLIST' });
    expect(JSON.parse(ack.body)).toMatchObject({ text: expect.stringContaining('Working on it') });
    const answer = await waitFor(async () =>
      (await sb.messages('CLIST')).find((m) => m.ephemeral_to === 'U1' && !m.text.includes('Working on it')),
    );
    expect(answer.text).toContain('No environments');
  } finally {
    unblock();
    sb.store.environments.listActive = listActive;
  }
});

test('a fast answer within the budget is the ack itself', async () => {
  const res = await sb.command('help', 'U1', 'CFAST');
  expect(res.ack).toBe(res.body);
  expect(JSON.parse(res.body)).toMatchObject({ text: expect.stringContaining('/site commands') });
});
