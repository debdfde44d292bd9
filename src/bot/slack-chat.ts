/**
 * The slice of Slack's Web API the bot calls (chat.postMessage, chat.update, chat.postEphemeral),
 * and the one client every process builds for it.
 *
 * `@slack/web-api`'s default is to sleep through a 429 and try again for about 30 minutes,
 * which inside a 29 s or 60 s Lambda is a timeout. Here every call ends by the caller's
 * `deadline` (a Lambda's remaining time): a 429 is waited out only when its Retry-After fits,
 * a few times at most; a network error or a 5xx is tried twice more, quickly, if there is time;
 * no attempt is waited on past the deadline. What does not fit is the caller's to retry durably
 * (the outbox) or to report.
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
  /** Per-request timeout (shortened to what is left before the deadline). */
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Posts to one channel leave at least this far apart (default 1 s; 0 turns pacing off): Slack
   * allows chat.postMessage about once a second per channel, with short bursts
   * (https://docs.slack.dev/apis/web-api/rate-limits). A wait that would pass the deadline is
   * not made; the post goes and a 429 is handled as below.
   */
  postSpacingMs?: number;
  /** Counts every HTTP call made (the bench's "no ack waits on the Web API" check). */
  onCall?(method: string): void;
}

/** How long a call may take, waits included, when the caller set no deadline. */
const DEFAULT_WAIT_BUDGET_MS = 30_000;
/** Quick retries of a network error or a 5xx. */
const TRANSIENT_RETRIES = 2;

/** Default gap between two posts to one channel. */
const POST_SPACING_MS = 1_000;

/**
 * When the next post may leave, per Web API URL and channel, shared by every client in the
 * process (the progress sink, the outbox and the job runner each have one).
 */
const nextPostAt = new Map<string, number>();

/** Takes the next post slot for `key`; returns how long to wait for it. */
function takePostSlot(key: string, now: number, spacingMs: number): number {
  if (nextPostAt.size > 1_000) {
    for (const [k, at] of nextPostAt) if (at <= now) nextPostAt.delete(k);
  }
  const at = Math.max(now, nextPostAt.get(key) ?? 0);
  nextPostAt.set(key, at + spacingMs);
  return at - now;
}

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
      // Retries are ours (below), so that none outlives the deadline.
      retryConfig: { retries: 0 },
      timeout: options.timeoutMs ?? 10_000,
      logLevel: webApi.LogLevel.ERROR,
    });
    this.chat = {
      postMessage: (args) => this.post(args),
      update: (args) => this.call('chat.update', args),
      postEphemeral: (args) => this.call('chat.postEphemeral', args),
    };
  }

  private async post(args: PostMessageArgs): Promise<{ ts?: string }> {
    const spacing = this.options.postSpacingMs ?? POST_SPACING_MS;
    if (spacing > 0) {
      const wait = takePostSlot(`${this.options.apiUrl ?? ''} ${args.channel}`, this.now(), spacing);
      const deadline = this.options.deadline?.();
      if (wait > 0 && (deadline === undefined || !Number.isFinite(deadline) || this.now() + wait < deadline))
        await this.sleep(wait);
    }
    return this.call('chat.postMessage', args) as Promise<{ ts?: string }>;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private sleep(ms: number): Promise<void> {
    return this.options.sleep ? this.options.sleep(ms) : new Promise((r) => setTimeout(r, ms));
  }

  private async call(method: string, args: object): Promise<unknown> {
    const now = () => this.now();
    const sleep = (ms: number) => this.sleep(ms);
    const given = this.options.deadline?.();
    // No deadline of its own (a local run, a Lambda context without one): the default budget.
    const deadline = given !== undefined && Number.isFinite(given) ? given : now() + DEFAULT_WAIT_BUDGET_MS;
    const maxWaits = this.options.maxRateLimitWaits ?? 3;
    let rateLimited = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        this.options.onCall?.(method);
        return await beforeDeadline(this.web.apiCall(method, { ...args }), deadline - now());
      } catch (err) {
        const failure = classifySlackError(err);
        if (failure.kind !== 'retry') throw err;
        let wait: number | undefined;
        if (failure.retryAfterMs !== undefined) {
          if (rateLimited++ < maxWaits) wait = failure.retryAfterMs;
        } else if (attempt < TRANSIENT_RETRIES) {
          wait = 200 * 2 ** attempt;
        }
        if (wait === undefined || now() + wait >= deadline) throw err;
        await sleep(wait);
      }
    }
  }
}

/** The call's answer, or a timeout error once `ms` have passed (the request is left to finish unread). */
function beforeDeadline<T>(call: Promise<T>, ms: number): Promise<T> {
  if (ms <= 0) {
    call.catch(() => undefined);
    return Promise.reject(Object.assign(new Error('no time left before the deadline'), { code: 'deadline' }));
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'request_timeout' })),
      ms,
    );
  });
  call.catch(() => undefined);
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}
