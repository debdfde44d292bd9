/**
 * bench/ack, Lambda mode: the real `slack` handler as `osls package` bundles it
 * (.serverless/slack.zip, the file that would be uploaded), in its own process playing the
 * Lambda runtime (./lambda-host.ts), answering signed `/site` commands at a steady rate, open
 * loop. Everything it talks to is on loopback and slow on purpose: Slack's Web API 300 ms per
 * call with a 429 (Retry-After: 5) on the first chat.postMessage, DynamoDB (dynalite behind a
 * proxy) and SQS 30 ms per call, SSM for the secrets at cold start.
 *
 * Measured: handler time to the HTTP answer (p50/p99/max, per command), and the Web API calls
 * made while the slack function was the only thing running: the answer must never wait on one.
 * Then the bundled `worker` takes the jobs the slack function queued (SQS batches of 5, one
 * container), to show they are done, the 429 honoured within the worker's budget.
 *
 *   npx tsx bench/ack/run.ts --mode lambda [--rate 20] [--seconds 20]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LAMBDA_ENV } from '../../src/handlers/runtime';
import { slackSignature } from '../../src/sandbox/slack/signing';
import { createStateStore } from '../../src/state';
import { BOT_TOKEN, PARAMS, SIGNING_SECRET, startFakeSsm, unzipOnlyFile } from '../../test/deploy/artifacts';
import { ensurePackaged, SERVERLESS_DIR } from '../../test/deploy/package-offline';
import { startDynalite } from '../../test/helpers/dynalite';
import { startFakeSlack } from '../../test/helpers/fake-slack';

// The SDK's notice that its next releases need Node 22, once per process, is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const SLACK_MS = 300;
const AWS_MS = 30;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Forwards every request to `target` after `ms`: DynamoDB with a network in between. */
async function latencyProxy(
  target: string,
  ms: number,
): Promise<{ url: string; calls: () => number; close(): void }> {
  let calls = 0;
  const to = new URL(target);
  const server = createServer((req, res) => {
    calls++;
    void readBody(req).then(async (body) => {
      await delay(ms);
      const out = request(
        { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.writeHead(502).end());
      out.end(body);
    });
  });
  return { url: await listen(server), calls: () => calls, close: () => server.close() };
}

/** SQS SendMessage (JSON protocol) after `ms`; keeps every message body. */
async function fakeSqs(ms: number): Promise<{ url: string; bodies: string[]; close(): void }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then(async (raw) => {
      await delay(ms);
      const input = JSON.parse(raw.toString('utf8')) as { MessageBody: string };
      bodies.push(input.MessageBody);
      const md5 = createHash('md5').update(input.MessageBody).digest('hex');
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ MessageId: `m-${bodies.length}`, MD5OfMessageBody: md5 }));
    });
  });
  return { url: await listen(server), bodies, close: () => server.close() };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A Lambda container: invoke it, get the handler's answer and its time. */
async function container(bundle: string, env: NodeJS.ProcessEnv) {
  const child: ChildProcess = fork(path.join(__dirname, 'lambda-host.ts'), [bundle], {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (r: { ms: number; result?: unknown; error?: string }) => void>();
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`lambda host exited (${code})`)));
  });
  child.on('message', (m: { id: number; ms: number; result?: unknown; error?: string }) =>
    waiting.get(m.id)?.(m),
  );
  let next = 0;
  return {
    invoke(event: unknown, timeoutMs: number) {
      const id = ++next;
      return new Promise<{ ms: number; result?: unknown; error?: string }>((resolve) => {
        waiting.set(id, resolve);
        child.send({ id, event, timeoutMs });
      });
    },
    stop: () => child.kill(),
  };
}

function slashEvent(text: string, i: number, responseUrl: string): unknown {
  const body = new URLSearchParams({
    token: 'unused',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: 'CBENCH',
    channel_name: 'bench',
    user_id: 'U1',
    user_name: 'u1',
    command: '/site',
    text,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: `${responseUrl}${i}`,
    trigger_id: `bench.${i}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(SIGNING_SECRET, ts, body),
    },
    requestContext: { http: { method: 'POST', path: '/slack/events' } },
    isBase64Encoded: false,
    body,
  };
}

export async function runLambdaBench(rate: number, seconds: number): Promise<boolean> {
  const packaged = ensurePackaged();
  if (packaged.ran) console.log(`packaged .serverless/ in ${packaged.ms} ms`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sitebot-ack-'));
  const stops: (() => unknown)[] = [() => rmSync(dir, { recursive: true, force: true })];
  try {
    const bundles: Record<string, string> = {};
    for (const name of ['slack', 'worker']) {
      const file = unzipOnlyFile(readFileSync(path.join(SERVERLESS_DIR, `${name}.zip`)));
      bundles[name] = path.join(dir, `${name}.js`);
      writeFileSync(bundles[name], file.data);
    }
    const db = await startDynalite();
    stops.push(() => db.close());
    const store = createStateStore(db.doc, db.prefix);
    const now = Date.now();
    for (const name of ['alpha', 'beta', 'gamma']) {
      await store.environments.create({
        name,
        channel: 'CBENCH',
        owner: 'U1',
        status: 'ready',
        region: 'ap-northeast-1',
        multiAz: 'now',
        createdAt: now,
        updatedAt: now,
        expiresAt: now + 86_400_000,
        resources: { vpc: 'vpc-1' },
        outputs: { url: `http://${name}.example` },
      });
    }
    const dynamo = await latencyProxy(db.endpoint, AWS_MS);
    stops.push(dynamo.close);
    const sqs = await fakeSqs(AWS_MS);
    stops.push(sqs.close);
    const ssm = await startFakeSsm();
    stops.push(() => ssm.close());
    const slack = await startFakeSlack({ latencyMs: SLACK_MS });
    stops.push(() => slack.close());
    slack.script('chat.postMessage', { status: 429, retryAfterSec: 5 }, 'ok');

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_SSM: ssm.url,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
      AWS_ENDPOINT_URL_SQS: sqs.url,
      SITEBOT_REGION: 'ap-northeast-1',
      SITEBOT_TABLE_PREFIX: db.prefix,
      [LAMBDA_ENV.signingSecretParameter]: PARAMS.signing,
      [LAMBDA_ENV.botTokenParameter]: PARAMS.token,
      [LAMBDA_ENV.tickQueueUrl]: `${sqs.url}/123456789012/sitebot-bench-ticks`,
      SLACK_BOT_ID: 'B0BENCH',
      SLACK_BOT_USER_ID: 'U0BENCH',
      SLACK_API_URL: slack.apiUrl,
    };
    void BOT_TOKEN; // the fake SSM hands it to the functions

    const slackFn = await container(bundles.slack, env);
    stops.push(slackFn.stop);
    const respondTo = slack.responseUrl('r');
    const texts = ['help', 'list', 'status alpha', 'create bench-', 'extend alpha 1h'];
    const textOf = (i: number) =>
      texts[i % texts.length] === 'create bench-' ? `create bench-${i}` : texts[i % texts.length];
    const kindOf = (i: number) => texts[i % texts.length].replace(/ .*/, '');

    const cold = await slackFn.invoke(slashEvent('help', 0, respondTo), 29_000);
    for (let i = 1; i <= 20; i++) await slackFn.invoke(slashEvent(textOf(i), i, respondTo), 29_000);
    const slackCallsBefore = slack.calls.length;
    const dynamoBefore = dynamo.calls();
    const queuedBefore = sqs.bodies.length;

    const total = Math.round(rate * seconds);
    const byKind = new Map<string, number[]>();
    const failures: string[] = [];
    const t0 = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = t0 + (i * 1000) / rate - performance.now();
      if (wait > 0) await delay(wait);
      const n = 100 + i;
      inFlight.push(
        slackFn.invoke(slashEvent(textOf(n), n, respondTo), 29_000).then((r) => {
          const status = (r.result as { statusCode?: number } | undefined)?.statusCode;
          if (status !== 200) failures.push(`${textOf(n)}: ${r.error ?? status}`);
          const list = byKind.get(kindOf(n)) ?? [];
          list.push(r.ms);
          byKind.set(kindOf(n), list);
        }),
      );
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - t0) / 1000;
    const webApiDuringAcks = slack.calls.length - slackCallsBefore;
    const all = [...byKind.values()].flat().sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    console.log(
      `slack handler (bundled): ${total} signed /site commands in ${elapsed.toFixed(1)} s (target ${rate}/s), ${failures.length} failed`,
    );
    console.log(`first invocation (SSM, Bolt, first reads; module load not counted): ${ms(cold.ms)}`);
    console.log(
      `all          p50 ${ms(percentile(all, 50))}  p99 ${ms(percentile(all, 99))}  max ${ms(all[all.length - 1])}`,
    );
    for (const [kind, list] of byKind) {
      list.sort((a, b) => a - b);
      console.log(
        `${kind.padEnd(12)} p50 ${ms(percentile(list, 50))}  p99 ${ms(percentile(list, 99))}  (n=${list.length})`,
      );
    }
    const dynamoCalls = dynamo.calls() - dynamoBefore;
    const queued = sqs.bodies.length - queuedBefore;
    console.log(
      `while answering: ${webApiDuringAcks} Slack Web API calls, ${dynamoCalls} DynamoDB calls (${(dynamoCalls / total).toFixed(1)}/request), ${queued} messages sent to SQS`,
    );
    if (failures.length > 0) console.log(`first failure: ${failures[0]}`);

    // The worker takes the jobs, as SQS would hand them over: batches of 5, one container.
    const workerFn = await container(bundles.worker, env);
    stops.push(workerFn.stop);
    const jobs = sqs.bodies.filter((b) => b.startsWith('{"job"'));
    const callsBeforeWorker = slack.calls.length;
    const w0 = performance.now();
    let workerFailures = 0;
    for (let i = 0; i < jobs.length; i += 5) {
      const Records = jobs.slice(i, i + 5).map((body, k) => ({ messageId: `m-${i + k}`, body }));
      const r = await workerFn.invoke({ Records }, 60_000);
      const failed =
        (r.result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures?.length ?? 1;
      workerFailures += r.error ? Records.length : failed;
    }
    const workerSeconds = (performance.now() - w0) / 1000;
    const workerCalls = slack.calls.slice(callsBeforeWorker);
    const rateLimited = slack.calls.filter((c) => c.answer === '429').length;
    const answered = new Set(slack.responses.map((r) => r.id)).size;
    console.log(
      `worker (bundled): ${jobs.length} jobs in ${workerSeconds.toFixed(1)} s, ${workerFailures} failed; ` +
        `${workerCalls.length} Web API calls (${rateLimited} answered 429, Retry-After honoured), ${answered} answers via response_url`,
    );
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0].toFixed(1)}, node ${process.version}, ${new Date().toISOString()}`,
    );
    const p99 = percentile(all, 99);
    const ok = failures.length === 0 && webApiDuringAcks === 0 && p99 <= 1_000 && workerFailures === 0;
    console.log(`target p99 ≤ 1 s and no answer waits on a Web API call: ${ok ? 'met' : 'NOT met'}`);
    return ok;
  } finally {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
  }
}
