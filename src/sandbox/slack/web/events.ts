/**
 * Server-Sent Events for the console: every change to the stand-in's message log, and every
 * message Slack refused to post, as it happens, to every open page. One listener on each log
 * fans out to the open streams.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MessageChange } from '../messages';
import { SANDBOX_BOT, type SlackStandIn } from '../server';
import { isRefusedPost, refusedPosts } from '../verdict';
import type { Violation } from '../violations';
import type { LogEvent } from './client/types';
import { consoleMessage, refusedPostMessage } from './view';

/** A comment line now and then keeps proxies and the browser from giving up on a quiet stream. */
const KEEPALIVE_MS = 15_000;

export class MessageStream {
  private readonly clients = new Set<ServerResponse>();
  private keepalive?: NodeJS.Timeout;

  private readonly stopViolations: () => void;

  constructor(private readonly slack: Pick<SlackStandIn, 'messages' | 'violations' | 'onViolation'>) {
    slack.messages.on('change', this.onChange);
    this.stopViolations = slack.onViolation(this.onViolation);
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
    this.slack.messages.off('change', this.onChange);
    this.stopViolations();
    if (this.keepalive) clearInterval(this.keepalive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private readonly onChange = (change: MessageChange) => {
    // A flag (a refused update, a late ack) changes what the page shows beside the message: redraw it.
    const type = change.type === 'flag' ? 'update' : change.type;
    const event: LogEvent = { type, message: consoleMessage(change.message) };
    this.send(`event: message\ndata: ${JSON.stringify(event)}\n\n`);
  };

  /** A refused post: sent whole each time one of its problems is recorded (the page redraws it in place). */
  private readonly onViolation = (v: Violation) => {
    if (!isRefusedPost(v)) return;
    const post = refusedPosts(this.slack.violations())
      .filter((p) => p.seq <= v.seq)
      .pop();
    if (!post) return;
    const event: LogEvent = { type: 'update', message: refusedPostMessage(post, SANDBOX_BOT.userId) };
    this.send(`event: message\ndata: ${JSON.stringify(event)}\n\n`);
  };

  private send(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }
}
