/**
 * Runs the packaged Lambda artifacts (.serverless/*.zip, exactly what would be uploaded) in a
 * fresh node process: the slack bundle answers a signed `/site help`, the worker bundle reports
 * a malformed message, the remind bundle runs a reminder pass over dynalite. They read their Slack secrets from a fake SSM on 127.0.0.1, which
 * checks that nothing else is needed at cold start and nothing leaves loopback.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { LAMBDA_ENV } from '../../src/handlers/runtime';
import { startDynalite } from '../helpers/dynalite';
import { SERVERLESS_DIR, ensurePackaged } from './package-offline';

const SIGNING_SECRET = 'artifact-test-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-0000-artifact-test';
const PARAMS = { signing: '/sitebot/ci/slack-signing-secret', token: '/sitebot/ci/slack-bot-token' };

/**
 * The one file in a serverless-esbuild zip. Sizes come from the central directory: the local
 * header may defer them to a data descriptor.
 */
function unzipOnlyFile(zip: Buffer): { name: string; data: Buffer } {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  if (zip.readUInt16LE(eocd + 10) !== 1) throw new Error('expected exactly one file in the artifact');
  const central = zip.readUInt32LE(eocd + 16);
  const method = zip.readUInt16LE(central + 10);
  const compressedSize = zip.readUInt32LE(central + 20);
  const nameLength = zip.readUInt16LE(central + 28);
  const name = zip.subarray(central + 46, central + 46 + nameLength).toString('utf8');
  const local = zip.readUInt32LE(central + 42);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const raw = zip.subarray(start, start + compressedSize);
  return { name, data: method === 8 ? inflateRawSync(raw) : raw };
}

interface FakeSsm {
  url: string;
  targets: string[];
  close(): Promise<void>;
}

/** Answers GetParameters like SSM's JSON protocol; records every call's X-Amz-Target. */
async function startFakeSsm(): Promise<FakeSsm> {
  const targets: string[] = [];
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer((req, res) => {
    void body(req).then((text) => {
      const target = String(req.headers['x-amz-target'] ?? '');
      targets.push(target);
      const input = JSON.parse(text || '{}') as { Names?: string[]; WithDecryption?: boolean };
      const values: Record<string, string> = { [PARAMS.signing]: SIGNING_SECRET, [PARAMS.token]: BOT_TOKEN };
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'AmazonSSM.GetParameters' || input.WithDecryption !== true) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'ValidationException', message: `unexpected ${target}` }));
        return;
      }
      const names = input.Names ?? [];
      res.end(
        JSON.stringify({
          Parameters: names
            .filter((n) => values[n])
            .map((n) => ({ Name: n, Value: values[n], Type: 'SecureString' })),
          InvalidParameters: names.filter((n) => !values[n]),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

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
      });
    } finally {
      await dynamo.close();
    }
  }, 60_000);
});
