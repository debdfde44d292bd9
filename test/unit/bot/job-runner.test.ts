/**
 * The job runner: a job delivered twice runs once; a service that fails is answered "Something
 * went wrong" and never retried (part of it may have happened); an answer that cannot be sent
 * is logged, not thrown (SQS would run the whole job again).
 */
import { createJobRunner } from '../../../src/bot/job-runner';
import type { BotJob } from '../../../src/bot/jobs';
import type { BotServices } from '../../../src/bot/services';
import type { ResponseMessage } from '../../../src/bot/response-url';
import { mrkdwn } from '../../../src/bot/views/mrkdwn';
import { ephemeral } from '../../../src/bot/views/reply';
import { loadConfig } from '../../../src/config/config';
import { MemoryOutbox } from '../../helpers/memory-outbox';
import { createMemoryStore } from '../../helpers/memory-store';

const config = loadConfig({});
const job = (id: string, text = 'create demo'): BotJob => ({
  kind: 'command',
  id,
  text,
  userId: 'U1',
  channelId: 'C1',
  responseUrl: 'https://hooks.slack.test/r/1',
  receivedAt: Date.now(),
});

function setup(services: BotServices, post?: (body: ResponseMessage) => Promise<void>) {
  const answers: ResponseMessage[] = [];
  const logs: string[] = [];
  const claims = new MemoryOutbox();
  const run = createJobRunner({
    config,
    store: createMemoryStore(),
    services,
    chat: { chat: { postMessage: async () => ({ ts: '1.1' }), update: async () => ({}) } },
    claimOnce: (key) => claims.claimOnce(key),
    now: Date.now,
    post: async (_url, body) => (post ? post(body) : void answers.push(body)),
    log: (line) => logs.push(line),
  });
  return { run, answers, logs };
}

test('a job delivered twice runs once', async () => {
  const startCreate = jest.fn(async () => ephemeral(mrkdwn`started`, []));
  const { run, answers, logs } = setup({ startCreate });
  await run(job('j1'));
  await run(job('j1'));
  await run(job('j2'));
  expect(startCreate).toHaveBeenCalledTimes(2);
  expect(answers.map((a) => a.text)).toEqual(['started', 'started']);
  expect(logs).toEqual(['job j1: already handled, skipped']);
});

test('a service that throws is answered "Something went wrong", once, without rethrowing', async () => {
  const { run, answers } = setup({
    startCreate: async () => {
      throw Object.assign(new Error('DynamoDB throttled'), { name: 'ThrottlingException' });
    },
  });
  await expect(run(job('j3'))).resolves.toMatchObject({
    reply: { text: expect.stringContaining('Something went wrong') },
  });
  expect(answers).toHaveLength(1);
  expect(answers[0].text).toContain('ThrottlingException: DynamoDB throttled');
});

test('an answer the response_url refuses is logged; the job still ends', async () => {
  const { run, logs } = setup({ startCreate: async () => ephemeral(mrkdwn`started`, []) }, async () => {
    throw new Error('response_url answered 404: expired_url');
  });
  await expect(run(job('j4'))).resolves.toBeDefined();
  expect(logs.join('\n')).toContain('the answer could not be sent: Error: response_url answered 404');
});
