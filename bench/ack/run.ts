/**
 * Ack latency of the bot's HTTP receiver: signed `/site` slash commands (help, list, status,
 * a malformed create) at a steady rate on loopback. The bot runs in a child process
 * (./server.ts) so the load generator does not share its event loop. Open loop: requests go
 * out on schedule whether or not earlier ones finished, so a slow ack cannot hide queueing.
 * `--mode lambda` measures the bundled Lambda handler instead (./lambda.ts).
 *
 *   npx tsx bench/ack/run.ts [--rate 100] [--seconds 10] [--store memory|dynalite]
 *   npx tsx bench/ack/run.ts --mode lambda [--rate 20] [--seconds 20]
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { signedHeaders } from '../../src/sandbox/slack/signing';
import { percentile, runLambdaBench } from './lambda';

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

function storeArg(): 'memory' | 'dynalite' {
  const i = process.argv.indexOf('--store');
  const v = i >= 0 ? process.argv[i + 1] : 'memory';
  if (v !== 'memory' && v !== 'dynalite') throw new Error('--store must be memory or dynalite');
  return v;
}

// Plain node:http with keep-alive: lighter than fetch, so the generator steals less CPU from the bot.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function commandBody(text: string, i: number): string {
  return new URLSearchParams({
    team_id: 'T0SANDBOX',
    channel_id: 'CBENCH',
    user_id: `U${i % 7}`,
    command: '/site',
    text,
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: `bench.${i}`,
  }).toString();
}

async function main(): Promise<void> {
  if (process.argv.includes('--mode') && process.argv[process.argv.indexOf('--mode') + 1] === 'lambda') {
    process.exitCode = (await runLambdaBench(numberArg('rate', 20), numberArg('seconds', 20))) ? 0 : 1;
    return;
  }
  const rate = numberArg('rate', 100);
  const seconds = numberArg('seconds', 10);
  const store = storeArg();
  const child = fork(path.join(__dirname, 'server.ts'), [store], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  try {
    const target = await new Promise<{ url: string; secret: string }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { url: string; secret: string }));
      child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    });
    const serverCpuMs = () =>
      new Promise<number>((resolve) => {
        child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
        child.send('cpu');
      });
    const texts = ['help', 'list', 'status alpha', 'create Bad-'];
    const latencies = new Map<string, number[]>(texts.map((t) => [t, []]));
    let failures = 0;

    const send = async (i: number) => {
      const text = texts[i % texts.length];
      const body = commandBody(text, i);
      const started = performance.now();
      try {
        const res = await post(target.url, signedHeaders(target.secret, body, Date.now()), body);
        if (res.status === 200) latencies.get(text)!.push(performance.now() - started);
        else {
          if (failures === 0) console.error(`first failure: HTTP ${res.status}`);
          failures += 1;
        }
      } catch (err) {
        if (failures === 0)
          console.error(`first failure: ${err instanceof Error ? (err.cause ?? err.message) : String(err)}`);
        failures += 1;
      }
    };

    // Warm-up (JIT, connections, first queries) is not measured.
    for (let i = 0; i < 40; i += 1) await send(i);
    for (const l of latencies.values()) l.length = 0;
    const cpuBefore = await serverCpuMs();

    const total = Math.round(rate * seconds);
    const intervalMs = 1000 / rate;
    const t0 = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i += 1) {
      const wait = t0 + i * intervalMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(send(i));
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - t0) / 1000;
    const serverCpuPerRequest = ((await serverCpuMs()) - cpuBefore) / total;

    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      `store: ${store}; ${total} signed /site commands in ${elapsed.toFixed(1)} s (target ${rate}/s), ${failures} failed`,
    );
    console.log(
      `all          p50 ${ms(percentile(all, 50))}  p99 ${ms(percentile(all, 99))}  max ${ms(all[all.length - 1])}`,
    );
    console.log(`bot process CPU per request: ${ms(serverCpuPerRequest)}`);
    for (const [text, l] of latencies) {
      l.sort((a, b) => a - b);
      console.log(
        `${text.padEnd(12)} p50 ${ms(percentile(l, 50))}  p99 ${ms(percentile(l, 99))}  (n=${l.length})`,
      );
    }
    const load = os.loadavg()[0].toFixed(1);
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${load}, node ${process.version}, ${new Date().toISOString()}`,
    );
    process.exitCode = failures > 0 || percentile(all, 99) >= 50 ? 1 : 0;
  } finally {
    agent.destroy();
    child.kill();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
