/** The prober: bursts on an injected clock, the run-length-encoded log, and the real HTTP probe on loopback. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { ManualClock } from '../../../../src/workflows/engine/manual-scheduler';
import {
  appendSamples,
  isSuccess,
  probeRunsOf,
  type ProbeResult,
  type ProbeSample,
} from '../../../../src/workflows/failover/probe-log';
import { fetchStatus, probeBurst, type ProbeIo } from '../../../../src/workflows/failover/prober';

function fakeIo(results: (at: number) => ProbeResult) {
  const clock = new ManualClock(10_000);
  const sleeps: number[] = [];
  const io: ProbeIo = {
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    fetchStatus: async () => results(clock.now()),
    stopwatch: () => 0,
  };
  return { clock, sleeps, io };
}

const settings = { intervalMs: 1_000, timeoutMs: 5_000 };

describe('probeBurst', () => {
  test('probes every interval for the burst and says when the next probe is due', async () => {
    const { io, sleeps, clock } = fakeIo(() => 200);
    const { samples, nextAt } = await probeBurst(io, 'http://site/', settings, { forMs: 3_000 });
    expect(samples.map((s) => s.at)).toEqual([10_000, 11_000, 12_000, 13_000]);
    expect(sleeps).toEqual([1_000, 1_000, 1_000]);
    expect(nextAt).toBe(14_000);
    expect(clock.now()).toBe(13_000);
  });

  test('waits for a probe due later in the burst, and sends none when it is due after the burst', async () => {
    const { io, sleeps } = fakeIo(() => 200);
    const first = await probeBurst(io, 'u', settings, { forMs: 1_000, nextAt: 10_500 });
    expect(first.samples.map((s) => s.at)).toEqual([10_500]);
    expect(sleeps).toEqual([500]);
    const none = await probeBurst(io, 'u', settings, { forMs: 1_000, nextAt: 99_000 });
    expect(none).toEqual({ samples: [], nextAt: 99_000 });
  });

  test('a probe overdue (a late tick) is sent at once', async () => {
    const { io, sleeps } = fakeIo(() => 503);
    const { samples } = await probeBurst(io, 'u', settings, { forMs: 0, nextAt: 2_000 });
    expect(samples).toEqual([{ at: 10_000, result: 503, latencyMs: 0 }]);
    expect(sleeps).toEqual([]);
  });

  test('latency comes from the stopwatch, not the clock', async () => {
    const { io } = fakeIo(() => 200);
    let t = 0;
    io.stopwatch = () => (t += 7.4);
    const { samples } = await probeBurst(io, 'u', settings, { forMs: 0 });
    expect(samples[0].latencyMs).toBe(7);
  });
});

describe('probe log', () => {
  const sample = (at: number, result: ProbeResult, latencyMs = 1): ProbeSample => ({ at, result, latencyMs });

  test('consecutive equal results are one run', () => {
    const runs = appendSamples(
      [],
      [sample(0, 200, 2), sample(1, 200, 4), sample(2, 504, 30), sample(3, 504, 20), sample(4, 200)],
    );
    expect(runs).toEqual([
      { result: 200, count: 2, firstAt: 0, lastAt: 1, maxLatencyMs: 4, totalLatencyMs: 6 },
      { result: 504, count: 2, firstAt: 2, lastAt: 3, maxLatencyMs: 30, totalLatencyMs: 50 },
      { result: 200, count: 1, firstAt: 4, lastAt: 4, maxLatencyMs: 1, totalLatencyMs: 1 },
    ]);
  });

  test('appending in bursts equals appending at once, and the input is not changed', () => {
    const result = fc.constantFrom<ProbeResult>(200, 503, 504, 'timeout', 'connection-error');
    fc.assert(
      fc.property(fc.array(result, { maxLength: 80 }), fc.nat(80), (results, cut) => {
        const samples = results.map((r, i) => sample(i * 1_000, r));
        const head = appendSamples([], samples.slice(0, cut));
        const frozen = JSON.stringify(head);
        const split = appendSamples(head, samples.slice(cut));
        expect(JSON.stringify(head)).toBe(frozen);
        expect(split).toEqual(appendSamples([], samples));
        expect(split.reduce((n, r) => n + r.count, 0)).toBe(samples.length);
        // Expanding the runs gives the results back, in order.
        expect(split.flatMap((r) => new Array<ProbeResult>(r.count).fill(r.result))).toEqual(results);
      }),
    );
  });

  test('a day of probes that flip every minute still fits a DynamoDB item', () => {
    const samples = Array.from({ length: 86_400 }, (_, i) =>
      sample(i * 1_000, Math.floor(i / 60) % 2 ? 504 : 200, 12),
    );
    expect(JSON.stringify(appendSamples([], samples)).length).toBeLessThan(200_000);
  });

  test('success is a 2xx or a redirect; malformed stored runs are dropped', () => {
    expect(
      [200, 302, 404, 503, 'timeout', 'connection-error'].map((r) => isSuccess(r as ProbeResult)),
    ).toEqual([true, true, false, false, false, false]);
    expect(probeRunsOf([{ result: 'weird', count: 1, firstAt: 0, lastAt: 0 }, null, 3])).toEqual([]);
    expect(probeRunsOf('nope')).toEqual([]);
  });
});

describe('fetchStatus on loopback', () => {
  let server: Server;
  let base: string;
  const hanging = new Set<import('node:http').ServerResponse>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/down') return void res.writeHead(503).end('no');
      if (req.url === '/moved') return void res.writeHead(302, { location: '/elsewhere' }).end();
      if (req.url === '/hang') return void hanging.add(res); // never answers
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('statuses as sent, redirects not followed', async () => {
    expect(await fetchStatus(`${base}/`, 2_000)).toBe(200);
    expect(await fetchStatus(`${base}/down`, 2_000)).toBe(503);
    expect(await fetchStatus(`${base}/moved`, 2_000)).toBe(302);
  });

  test('no answer within the timeout is a timeout', async () => {
    expect(await fetchStatus(`${base}/hang`, 100)).toBe('timeout');
  });

  test('nobody listening is a connection error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await fetchStatus(`http://127.0.0.1:${port}/`, 2_000)).toBe('connection-error');
  });
});
