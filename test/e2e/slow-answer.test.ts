/**
 * Slack wants an ack within 3 s. When a service has not answered within the bot's budget,
 * the bot acks "working on it" at once and sends the real answer to the response_url later.
 */
import type { BotServices } from '../../src/bot/services';
import { ephemeral, type Reply } from '../../src/bot/views/reply';
import { mrkdwn } from '../../src/bot/views/mrkdwn';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { waitFor } from '../helpers/slack';

let sb: TestSandbox;
let release: (reply: Reply) => void = () => undefined;
const services: BotServices = {
  startCreate: () =>
    new Promise<Reply>((resolve) => {
      release = resolve;
    }),
};

beforeAll(async () => {
  sb = await startTestSandbox({ services, ackBudgetMs: 50 });
});
afterAll(async () => {
  await sb.stop();
});

test('a slow answer: immediate "working on it" ack, then the answer via response_url', async () => {
  const res = await sb.command('create slow', 'U1', 'CSLOW');
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ text: expect.stringContaining('Working on it') });
  release(ephemeral(mrkdwn`create slow accepted`, []));
  const answer = await waitFor(async () =>
    (await sb.messages('CSLOW')).find((m) => m.text === 'create slow accepted'),
  );
  expect(answer.ephemeral_to).toBe('U1');
});

test('a fast answer within the budget is the ack itself', async () => {
  const res = await sb.command('help', 'U1', 'CFAST');
  expect(JSON.parse(res.body)).toMatchObject({ text: expect.stringContaining('/site commands') });
});
