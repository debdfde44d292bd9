/**
 * What the create's preflight adds to a create, in REAL wall time: it runs before anything is
 * made (in the CLI and a bot with clients, beside the state reads; on Lambda as the run's first
 * step), so a create is longer by at most its duration. Target: ≤ 1 s.
 *
 * It runs the real preflight (src/workflows/create/preflight.ts: nine reads, all at once) with
 * the real SDK clients against the emulator, behind a proxy that holds every request for a
 * fixed latency before forwarding it — 0 ms (loopback), and typical and slow AWS API latencies.
 * At each latency it reports the median and worst of N runs, the API calls per preflight, and
 * what the same reads would take one after another.
 *
 *   npx tsx bench/create/preflight.ts [--json] [--runs 20] [--latency 0,50,150,400]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { AccountLimitsAdapter } from '../../src/aws/account-limits';
import { createAwsClients } from '../../src/aws/clients';
import { startEmulator, type RunningEmulator } from '../../src/sandbox/aws/server';
import { resolveCreateConfig } from '../../src/workflows/create/deps';
import { runPreflight } from '../../src/workflows/create/preflight';

/** A proxy that waits `latencyMs` before forwarding each request to `target`: AWS's round trip, simulated. */
async function latencyProxy(
  target: URL,
  latencyMs: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    setTimeout(() => {
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    }, latencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface PreflightMeasurement {
  latencyMs: number;
  runs: number;
  medianMs: number;
  maxMs: number;
  apiCalls: number;
  /** The latency of the same calls one after another (what running the checks at once saves). */
  sequentialEstimateMs: number;
  ok: boolean;
}

async function callCount(emu: RunningEmulator): Promise<number> {
  return ((await (await fetch(`${emu.url}/_sandbox/calls`)).json()) as { total: number }).total;
}

async function measureAt(
  emu: RunningEmulator,
  latencyMs: number,
  runs: number,
): Promise<PreflightMeasurement> {
  const proxy = await latencyProxy(new URL(emu.url), latencyMs);
  const clients = createAwsClients({
    region: emu.world.region,
    endpoints: { ec2: proxy.url, rds: proxy.url, elbv2: proxy.url, serviceQuotas: proxy.url },
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  const limits = new AccountLimitsAdapter(clients);
  const config = resolveCreateConfig({
    region: emu.world.region,
    azs: [`${emu.world.region}a`, `${emu.world.region}c`],
  });
  try {
    await runPreflight(limits, config, 'now'); // warm: connections, lazy client construction
    const before = await callCount(emu);
    const times: number[] = [];
    let ok = true;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const report = await runPreflight(limits, config, 'now');
      times.push(performance.now() - started);
      ok &&= report.ok && report.checks.every((c) => c.status === 'ok');
    }
    const apiCalls = ((await callCount(emu)) - before) / runs;
    times.sort((a, b) => a - b);
    const medianMs = times[Math.floor(times.length / 2)];
    return {
      latencyMs,
      runs,
      medianMs,
      maxMs: times[times.length - 1],
      apiCalls,
      sequentialEstimateMs: apiCalls * latencyMs,
      ok,
    };
  } finally {
    for (const c of [clients.ec2, clients.rds, clients.elbv2, clients.serviceQuotas]) c.destroy();
    await proxy.close();
  }
}

export async function measurePreflight(latencies: number[], runs: number): Promise<PreflightMeasurement[]> {
  const emu = await startEmulator({ port: 0, speed: 0, env: {} });
  try {
    const out: PreflightMeasurement[] = [];
    for (const latency of latencies) out.push(await measureAt(emu, latency, runs));
    return out;
  } finally {
    await emu.close();
  }
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

export function formatPreflightResults(results: PreflightMeasurement[]): string[] {
  return results.map(
    (r) =>
      `  latency ${String(r.latencyMs).padStart(3)} ms/call: median ${r.medianMs.toFixed(0).padStart(4)} ms, ` +
      `worst ${r.maxMs.toFixed(0).padStart(4)} ms over ${r.runs} runs, ${r.apiCalls} API calls` +
      `${r.latencyMs > 0 ? ` (one after another: ≥ ${r.sequentialEstimateMs.toFixed(0)} ms)` : ''}; target ≤ 1000 ms: ` +
      `${r.maxMs <= 1000 ? 'met' : 'MISSED'}${r.ok ? '' : ' (a check did not pass!)'}`,
  );
}

async function main(): Promise<void> {
  const latencies = arg('latency', '0,50,150,400').split(',').map(Number);
  const runs = Number(arg('runs', '20'));
  const results = await measurePreflight(latencies, runs);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
    return;
  }
  console.log(
    `create preflight — ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${os.cpus()[0]?.model ?? ''}`,
  );
  for (const line of formatPreflightResults(results)) console.log(line);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
