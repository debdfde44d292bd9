/**
 * The slice of Slack's Web API the bot calls (chat.postMessage, chat.update, chat.postEphemeral),
 * and the one client every process builds for it.
 *
 * `@slack/web-api`'s default is to sleep through a 429 and try again for about 30 minutes,
 * which inside a 29 s or 60 s Lambda is a timeout. This client never waits on its own: a 429
 * comes back as an error carrying Retry-After, and is waited out here only when the wait fits
 * the caller's budget (`deadline`), a few times at most. What does not fit is the caller's to
 * retry durably (the outbox) or to report. Network errors and 5xx get two quick retries.
 */
import { webApi } from '@slack/bolt';
import { classifySlackError } from './slack-errors';
import type { Block } from './views/reply';

export interface PostMessageArgs {
  channel: string;
  text: string;
  blocks?: Block[];
  thread_ts?: string;
}
export interface UpdateMessageArgs {
  channel: string;
  ts: string;
  text: string;
  blocks?: Block[];
}
export interface PostEphemeralArgs {
  channel: string;
  user: string;
  text: string;
  blocks?: Block[];
}

export interface ChatClient {
  chat: {
    postMessage(args: PostMessageArgs): Promise<{ ts?: string }>;
    update(args: UpdateMessageArgs): Promise<unknown>;
    postEphemeral?(args: PostEphemeralArgs): Promise<unknown>;
  };
}

export interface SlackChatOptions {
  token: string;
  /** Base URL of the Web API (the sandbox's stand-in); default Slack's. */
  apiUrl?: string;
  /**
   * Epoch ms by which a call must have returned: a 429 is waited out only if its Retry-After
   * ends before this. Lambda handlers set it from the invocation's remaining time.
   */
  deadline?: () => number;
  /** Waits a 429 out at most this many times per call. */
  maxRateLimitWaits?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Counts every HTTP call made (the bench's "no ack waits on the Web API" check). */
  onCall?(method: string): void;
}

/** Longest a call may wait out rate limits when the caller set no deadline. */
const DEFAULT_WAIT_BUDGET_MS = 30_000;

/** The Web API base URL must end with a slash (the client joins method names onto it). */
export function normalizeApiUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

export class SlackChat implements ChatClient {
  private readonly web: webApi.WebClient;
  readonly chat: ChatClient['chat'];

  constructor(private readonly options: SlackChatOptions) {
    const slackApiUrl = normalizeApiUrl(options.apiUrl);
    this.web = new webApi.WebClient(options.token, {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
      timeout: options.timeoutMs ?? 10_000,
      logLevel: webApi.LogLevel.ERROR,
    });
    this.chat = {
      postMessage: (args) => this.call('chat.postMessage', args) as Promise<{ ts?: string }>,
      update: (args) => this.call('chat.update', args),
      postEphemeral: (args) => this.call('chat.postEphemeral', args),
    };
  }

  private async call(method: string, args: object): Promise<unknown> {
    const now = this.options.now ?? Date.now;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    const deadline = this.options.deadline?.() ?? now() + DEFAULT_WAIT_BUDGET_MS;
    const maxWaits = this.options.maxRateLimitWaits ?? 3;
    for (let waits = 0; ; waits++) {
      try {
        this.options.onCall?.(method);
        return await this.web.apiCall(method, { ...args });
      } catch (err) {
        const failure = classifySlackError(err);
        const wait = failure.kind === 'retry' ? failure.retryAfterMs : undefined;
        if (wait === undefined || waits >= maxWaits || now() + wait > deadline) throw err;
        await sleep(wait);
      }
    }
  }
}
