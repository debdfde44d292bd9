/**
 * The bot over plain HTTP (sandbox, self-hosting): Bolt's HTTPReceiver — the receiver Bolt 5
 * uses by default, no Express — behind our own node:http server, so we choose the bind address,
 * keep at most MAX_BODY_BYTES of any body (chunked or not: a larger one is dropped as it arrives
 * and answered 413), and apply the front door (src/bot/request-screen.ts: 413, ssl_check, stale
 * or future timestamps) before Bolt parses it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, LogLevel, type App } from '@slack/bolt';
import type { Config } from '../config/config';
import type { StateStore } from '../state/types';
import { createApp } from './app';
import type { JobQueue } from './jobs';
import { MAX_BODY_BYTES, screenSlackRequest } from './request-screen';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface HttpBotOptions {
  config: Config;
  store: StateStore;
  /** Where commands that act, and button presses, go after the ack. */
  jobs: JobQueue;
  /** Defaults to 127.0.0.1; port 0 picks a free port. */
  host?: string;
  port?: number;
  /** Real time: Slack request timestamps are checked against it. */
  now?: () => number;
  /** The domain clock for ages, TTLs and runs (the sandbox's is the emulator's virtual clock); default `now`. */
  clock?: () => number;
  logLevel?: LogLevel;
  /** See CreateAppOptions.ackBudgetMs. */
  ackBudgetMs?: number;
}

export interface HttpBot {
  app: App;
  /** Where Slack sends slash commands and interactivity, e.g. http://127.0.0.1:3000/slack/events. */
  eventsUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function startHttpBot(options: HttpBotOptions): Promise<HttpBot> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const receiver = new HTTPReceiver({
    signingSecret: options.config.slack.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    signatureVerification: true,
    processBeforeResponse: false,
    logLevel: options.logLevel ?? LogLevel.ERROR,
  });
  const app = createApp({ ...options, receiver, now: options.clock ?? now });
  const server = createServer((req, res) => {
    void (async () => {
      const body = req.method === 'POST' ? await readCapped(req, MAX_BODY_BYTES) : Buffer.alloc(0);
      if (req.method === 'POST') {
        const screened = screenSlackRequest(
          {
            contentType: req.headers['content-type'],
            timestamp: req.headers['x-slack-request-timestamp'],
            rawBody: body?.toString('utf8'),
          },
          now(),
        );
        if (screened.kind === 'refuse' && screened.status === 413) {
          refuseTooLarge(req, res);
          return;
        }
        if (screened.kind === 'refuse') {
          res.writeHead(screened.status).end();
          return;
        }
        if (screened.kind === 'ssl-check') {
          res.writeHead(200).end();
          return;
        }
      }
      // Bolt takes a request whose body was already read (its `rawBody`) as it is.
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body ?? Buffer.alloc(0);
      try {
        receiver.requestListener(req, res);
      } catch {
        // HTTPReceiver throws for paths it does not serve.
        res.writeHead(404).end();
      }
    })().catch(() => {
      if (!res.headersSent) res.writeHead(400).end();
    });
  });
  const port = await listen(server, host, options.port ?? options.config.port);
  return {
    app,
    port,
    eventsUrl: `http://${host}:${port}${SLACK_EVENTS_PATH}`,
    stop: () => closeServer(server),
  };
}

/**
 * The body, or undefined as soon as it is known to be over `max` bytes: from content-length
 * when given, else once the chunks read so far add up past it (nothing more is kept).
 */
export function readCapped(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.off('end', onEnd);
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/** A body this large is cut off (the socket closed) rather than read to its end and dropped. */
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

/**
 * 413 once the client has sent its body, read and dropped as it comes (so the client reads the
 * answer rather than a reset); past DRAIN_LIMIT_BYTES the connection is simply closed.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_LIMIT_BYTES) req.destroy();
  });
  req.on('end', () => res.writeHead(413, { connection: 'close' }).end());
  req.resume();
}

export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
