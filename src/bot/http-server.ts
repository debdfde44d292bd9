/**
 * The bot over plain HTTP (sandbox, self-hosting): Bolt's HTTPReceiver — the receiver Bolt 5
 * uses by default, no Express — behind our own node:http server so we choose the bind address
 * and can refuse requests with a bad timestamp before Bolt parses them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, LogLevel, type App } from '@slack/bolt';
import type { Config } from '../config/config';
import type { StateStore } from '../state/types';
import { createApp } from './app';
import { isFreshSlackTimestamp } from './request-freshness';
import type { BotServices } from './services';

export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Slack's slash commands and interactive payloads are a few KB; anything this large is not
 * Slack, and is refused before a byte of it is read (Bolt would read it whole, then check it).
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpBotOptions {
  config: Config;
  store: StateStore;
  services?: BotServices;
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
    if (req.method === 'POST' && !isFreshSlackTimestamp(req.headers['x-slack-request-timestamp'], now())) {
      res.writeHead(401).end();
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch {
      // HTTPReceiver throws for paths it does not serve.
      res.writeHead(404).end();
    }
  });
  const port = await listen(server, host, options.port ?? options.config.port);
  return {
    app,
    port,
    eventsUrl: `http://${host}:${port}${SLACK_EVENTS_PATH}`,
    stop: () => closeServer(server),
  };
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
