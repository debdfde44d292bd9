/**
 * Runs the packaged Lambda artifacts (.serverless/*.zip, exactly what would be uploaded) in a
 * fresh node process: the slack bundle answers a signed `/site help`, the worker bundle reports
 * a malformed message, the remind bundle runs a reminder pass over dynalite. They read their Slack secrets from a fake SSM on 127.0.0.1, which
 * checks that nothing else is needed at cold start and nothing leaves loopback.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAMBDA_ENV } from '../../src/handlers/runtime';
import { startDynalite } from '../helpers/dynalite';
import { PARAMS, SIGNING_SECRET, startFakeSsm, unzipOnlyFile, type FakeSsm } from './artifacts';
import { SERVERLESS_DIR, ensurePackaged } from './package-offline';

/** Loads `bundle` in a new node process and prints the handler's answer to `event` as JSON. */
function invoke(bundle: string, event: unknown, env: NodeJS.ProcessEnv): Promise<unknown> {
  const script =
    'const m=require(process.argv[1]);' +
    'm.handler(JSON.parse(process.argv[2]),{}).then(r=>{process.stdout.write("\\n@@"+JSON.stringify(r))},' +
    'e=>{process.stdout.write("\\n@@"+JSON.stringify({error:String(e&&e.message)}))})';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, bundle, JSON.stringify(event)], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const line = out.split('\n').find((l) => l.startsWith('@@'));
      if (!line) reject(new Error(`no answer from ${bundle}:\n${out}\n${err}`));
      else resolve(JSON.parse(line.slice(2)));
    });
  });
}

describe('packaged Lambda artifacts', () => {
  let dir: string;
  let ssm: FakeSsm;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ensurePackaged();
    dir = mkdtempSync(join(tmpdir(), 'sitebot-artifacts-'));
    for (const name of ['slack', 'worker', 'remind']) {
      const file = unzipOnlyFile(readFileSync(join(SERVERLESS_DIR, `${name}.zip`)));
      expect(file.name).toBe(`src/handlers/${name}.js`);
      writeFileSync(join(dir, `${name}.js`), file.data);
    }
    ssm = await startFakeSsm();
    env = {
      PATH: process.env.PATH,
      AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'offline-dummy-access-key',
      AWS_SECRET_ACCESS_KEY: 'artifact-test',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      // Every AWS service on a dead loopback port, SSM on the fake: nothing can leave the machine.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_SSM: ssm.url,
      SITEBOT_REGION: 'ap-northeast-1',
      SITEBOT_TABLE_PREFIX: 'sitebot-ci',
      [LAMBDA_ENV.signingSecretParameter]: PARAMS.signing,
      [LAMBDA_ENV.botTokenParameter]: PARAMS.token,
      [LAMBDA_ENV.tickQueueUrl]: 'http://127.0.0.1:9/123456789012/sitebot-ci-ticks',
      // Known bot ids: Bolt never calls auth.test; the Web API, if called at all, is a dead port.
      SLACK_BOT_ID: 'B0ARTIFACT',
      SLACK_BOT_USER_ID: 'U0ARTIFACT',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    };
  }, 300_000);

  afterAll(async () => {
    await ssm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** An HTTP API (payload 2.0) event for `/site help`, signed with `secret`. */
  function signedHelp(secret: string): unknown {
    const body = new URLSearchParams({
      command: '/site',
      text: 'help',
      user_id: 'U123',
      user_name: 'tester',
      channel_id: 'C123',
      team_id: 'T123',
      trigger_id: '1.2.3',
      response_url: 'http://127.0.0.1:9/respond',
      api_app_id: 'A123',
    }).toString();
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    return {
      version: '2.0',
      routeKey: 'POST /slack/events',
      rawPath: '/slack/events',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': ts,
        'x-slack-signature': signature,
      },
      body,
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/slack/events' } },
    };
  }

  it('slack: answers a signed /site help with the secrets read from SSM', async () => {
    const answer = (await invoke(join(dir, 'slack.js'), signedHelp(SIGNING_SECRET), env)) as {
      statusCode: number;
      body: string;
    };
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('/site create');
    expect(ssm.targets).toContain('AmazonSSM.GetParameters');
  }, 60_000);

  it("slack: refuses a request signed with any other secret (the sandbox's included)", async () => {
    const answer = await invoke(join(dir, 'slack.js'), signedHelp('sandbox-signing-secret'), env);
    expect(answer).toEqual(expect.objectContaining({ statusCode: 401 }));
  }, 60_000);

  it('worker: builds its runtime and reports a malformed message as a batch item failure', async () => {
    const event = { Records: [{ messageId: 'm-1', body: 'not json' }] };
    const answer = await invoke(join(dir, 'worker.js'), event, env);
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
  }, 60_000);

  it('remind: runs a reminder pass over the tables (here dynalite, no environments)', async () => {
    const dynamo = await startDynalite();
    try {
      const answer = await invoke(
        join(dir, 'remind.js'),
        {},
        {
          ...env,
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
          SITEBOT_TABLE_PREFIX: dynamo.prefix,
        },
      );
      expect(answer).toEqual({
        examined: 0,
        warned: 0,
        overdue: 0,
        destroysStarted: 0,
        digests: 0,
        conflicts: 0,
        power: { slept: 0, woke: 0, restopped: 0, conflicts: 0 },
        redelivered: 0,
      });
    } finally {
      await dynamo.close();
    }
  }, 60_000);
});
