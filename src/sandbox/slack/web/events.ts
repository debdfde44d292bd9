/**
 * Server-Sent Events for the console: every change to the stand-in's message log, as it
 * happens, to every open page. One listener on the log fans out to the open streams.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MessageChange, MessageLog } from '../messages';
import type { LogEvent } from './client/types';
import { consoleMessage } from './view';

/** A comment line now and then keeps proxies and the browser from giving up on a quiet stream. */
const KEEPALIVE_MS = 15_000;

export class MessageStream {
  private readonly clients = new Set<ServerResponse>();
  private keepalive?: NodeJS.Timeout;

  constructor(private readonly log: MessageLog) {
    log.on('change', this.onChange);
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    this.clients.add(res);
    this.keepalive ??= setInterval(() => this.send(': keepalive\n\n'), KEEPALIVE_MS).unref();
    req.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0 && this.keepalive) {
        clearInterval(this.keepalive);
        this.keepalive = undefined;
      }
    });
  }

  close(): void {
    this.log.off('change', this.onChange);
    if (this.keepalive) clearInterval(this.keepalive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private readonly onChange = (change: MessageChange) => {
    const event: LogEvent = { type: change.type, message: consoleMessage(change.message) };
    this.send(`event: message\ndata: ${JSON.stringify(event)}\n\n`);
  };

  private send(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }
}
