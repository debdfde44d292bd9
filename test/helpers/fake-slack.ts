/**
 * A scriptable Slack Web API on 127.0.0.1 for the failures the stand-in (src/sandbox/slack) does
 * not produce yet: per method, answer ok, an error code (`not_in_channel`, `message_not_found`,
 * `is_archived`…), a 429 with Retry-After, or hold the call until released. It also serves
 * response_urls (`responseUrl(id)`) and records what arrives there. Every call is counted, so a
 * test can say how many Web API calls happened while something else was going on.
 *
 * Once the strict stand-in lands (issue 13 §1), the tests that use this for channel states and
 * rate limits should run against it instead.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour =
  | 'ok'
  | { error: string }
  | { status: 429; retryAfterSec: number }
  /** The call gets no answer until `releaseAll()` (then answered ok). */
  | 'hold';

export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  /** What it was answered with. */
  answer: string;
  /** When it arrived (epoch ms). */
  at: number;
}

export interface FakeSlack {
  /** Base URL for SLACK_API_URL. */
  apiUrl: string;
  /** A response_url of this fake; posts to it are recorded under `id`. */
  responseUrl(id: string): string;
  /** Web API calls, in arrival order. */
  calls: FakeCall[];
  /** Posts to response_urls. */
  responses: { id: string; body: Record<string, unknown> }[];
  /** How `method` answers from now on; a list is used up call by call, its last entry then stays. */
  script(method: string, ...behaviours: Behaviour[]): void;
  /** Messages posted (ok) per channel, in order. */
  posted(channel?: string): FakeCall[];
  releaseAll(): void;
  close(): Promise<void>;
}

export interface FakeSlackOptions {
  /** Every Web API call is answered this much later (the bench's network to Slack). */
  latencyMs?: number;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const scripts = new Map<string, Behaviour[]>();
  const calls: FakeCall[] = [];
  const responses: FakeSlack['responses'] = [];
  const held: (() => void)[] = [];
  let seq = 0;

  const next = (method: string): Behaviour => {
    const list = scripts.get(method) ?? ['ok'];
    return list.length > 1 ? (list.shift() as Behaviour) : list[0];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = req.url ?? '/';
    if (url.startsWith('/respond/')) {
      responses.push({
        id: url.slice('/respond/'.length),
        body: JSON.parse(body || '{}') as Record<string, unknown>,
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.replace(/^\/api\//, '');
    const args = parseArgs(body, req.headers['content-type']);
    const behaviour = next(method);
    const call: FakeCall = { method, args, answer: '', at: Date.now() };
    calls.push(call);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (behaviour === 'hold') {
      call.answer = 'held';
      await new Promise<void>((resolve) => held.push(resolve));
    }
    if (typeof behaviour === 'object' && 'status' in behaviour) {
      call.answer = '429';
      res.writeHead(429, { 'retry-after': String(behaviour.retryAfterSec) }).end();
      return;
    }
    if (typeof behaviour === 'object') {
      call.answer = behaviour.error;
      json(res, { ok: false, error: behaviour.error });
      return;
    }
    call.answer = 'ok';
    const ts = typeof args.ts === 'string' ? args.ts : `1700000000.${String(++seq).padStart(6, '0')}`;
    json(res, { ok: true, channel: args.channel, ts });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    calls,
    responses,
    script(method, ...behaviours) {
      scripts.set(method, behaviours.length > 0 ? behaviours : ['ok']);
    },
    posted(channel) {
      return calls.filter(
        (c) =>
          c.method === 'chat.postMessage' && c.answer === 'ok' && (!channel || c.args.channel === channel),
      );
    },
    releaseAll() {
      for (const release of held.splice(0)) release();
    },
    async close() {
      for (const release of held.splice(0)) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if ((contentType ?? '').includes('application/json'))
    return JSON.parse(body || '{}') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    out[key] = key === 'blocks' && value.startsWith('[') ? (JSON.parse(value) as unknown) : value;
  }
  return out;
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
