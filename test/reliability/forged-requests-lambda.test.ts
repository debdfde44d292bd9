/**
 * The same 1,000 forged or broken requests as forged-requests.test.ts (test/helpers/forgeries.ts),
 * against the slack Lambda handler (API Gateway HTTP API events) over an in-memory runtime: all
 * refused with 401/400/413; no job queued, nothing stored. A correctly signed request before and
 * after is answered (the control).
 */
import fc from 'fast-check';
import { createAwsClients } from '../../src/aws/clients';
import type { BotJob } from '../../src/bot/jobs';
import { loadConfig } from '../../src/config/config';
import { forgeries, genuineHelp, isRefusal } from '../helpers/forgeries';
import { createMemoryStore } from '../helpers/memory-store';

const config = loadConfig({ SLACK_BOT_ID: 'B1', SLACK_BOT_USER_ID: 'U0BOT' });
const store = createMemoryStore();
const queued: BotJob[] = [];
const work = { enqueue: async (job: BotJob) => void queued.push(job) };
const nowhere = 'http://127.0.0.1:9';
const clients = createAwsClients({
  region: config.region,
  endpoints: Object.fromEntries(
    ['ec2', 'rds', 'elbv2', 'ssm', 'secretsManager', 'dynamodb', 'sqs', 'iam'].map((k) => [k, nowhere]),
  ),
});
jest.mock('../../src/handlers/runtime', () => ({
  getRuntime: async () => ({ config, store, clients, work }),
}));

// Imported after the mock is registered (jest hoists jest.mock above imports anyway).
import { handler } from '../../src/handlers/slack';

function lambdaEvent(headers: Record<string, string>, body: string) {
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers,
    requestContext: {},
    isBase64Encoded: false,
    body,
  };
}

async function sendGenuine(): Promise<void> {
  const control = genuineHelp(config.slack.signingSecret);
  const res = await handler(lambdaEvent(control.headers, control.body), {});
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('/site create');
}

test('1,000 forged or broken requests to the Lambda handler: all 401/400/413, nothing queued or stored', async () => {
  await sendGenuine();
  const samples = fc.sample(forgeries(config.slack.signingSecret), { numRuns: 1_000, seed: 9 });
  const byKind: Record<string, number> = {};
  const wrong: { kind: string; status: number }[] = [];
  for (const f of samples) {
    const res = await handler(lambdaEvent(f.headers(), f.body), {});
    const kind = f.kind.replace(/ .*/, '');
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (!isRefusal(f, res.statusCode)) wrong.push({ kind: f.kind, status: res.statusCode });
  }
  expect(wrong).toEqual([]);
  expect(Object.keys(byKind).length).toBeGreaterThanOrEqual(8);
  expect(queued).toEqual([]);
  expect(await store.environments.listActive()).toEqual([]);
  await sendGenuine();
}, 60_000);
