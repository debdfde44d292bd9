/**
 * Slack's side of the app's Request URL: POSTs a body (signed as Slack signs it, or unsigned for
 * ssl_check) and waits for the ack. Slack waits 3 seconds; an ack later than that is ignored and
 * the user is shown `operation_timeout` ("If your app doesn't respond within 3000 ms, the user
 * will see an error message":
 * https://docs.slack.dev/interactivity/implementing-slash-commands#responding_basic_receipt).
 * The deadline is an option so tests can make it short and drive it with a bot that holds its
 * answer; the answer is still awaited and returned, marked late.
 */
import { signedHeaders } from './signing';

export const SLACK_ACK_DEADLINE_MS = 3000;

export interface BotAnswer {
  status: number;
  contentType?: string;
  body: string;
  /** True when the answer came after the ack deadline: Slack would have ignored it. */
  late?: boolean;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface BotLinkOptions {
  signingSecret: string;
  now: () => number;
  ackDeadlineMs: number;
  url?: string;
}

export class BotLink {
  private url: string | undefined;

  constructor(private readonly options: BotLinkOptions) {
    this.url = options.url;
  }

  setUrl(url: string): void {
    this.url = url;
  }

  /**
   * Sends `body` and returns the bot's answer. `onLate` runs as soon as the deadline passes
   * without an answer (while the request is still open).
   */
  async post(body: string, o: { signed: boolean; onLate?: () => void }): Promise<BotAnswer> {
    if (!this.url) throw new HttpError(503, 'no bot URL set');
    const headers = o.signed
      ? signedHeaders(this.options.signingSecret, body, this.options.now())
      : { 'content-type': 'application/x-www-form-urlencoded' };
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      o.onLate?.();
    }, this.options.ackDeadlineMs);
    let res: Response;
    try {
      res = await fetch(this.url, { method: 'POST', headers, body });
    } finally {
      // The answer's status line is the ack: what comes after it does not make it late.
      clearTimeout(timer);
    }
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? undefined,
      body: await res.text(),
      ...(late ? { late: true } : {}),
    };
  }
}
