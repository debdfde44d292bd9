/**
 * The response_urls the stand-in hands out with slash commands and button presses. As in Slack,
 * each may be used 5 times within 30 minutes: "You can use a response_url to publish up to 5
 * responses within 30 minutes of receiving the interaction payload"
 * (https://api.slack.com/interactivity/handling#message_responses).
 *
 * Past that Slack answers HTTP 404 with `expired_url` (too late) or `used_url` (too many uses);
 * those two codes are what Slack is known to send but are not in its published docs, so treat
 * the exact bodies as the stand-in's best knowledge.
 */
import { randomUUID } from 'node:crypto';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

/** What a response_url is bound to. */
export interface ResponseTarget {
  channel: string;
  user: string;
  /** For interactions: the message the button was on. */
  sourceTs?: string;
}

interface Entry {
  target: ResponseTarget;
  issuedAt: number;
  uses: number;
}

export type ResponseUrlUse =
  | { ok: true; target: ResponseTarget }
  | { ok: false; error: 'expired_url' | 'used_url'; target?: ResponseTarget };

export class ResponseUrls {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new id bound to `target`. */
  issue(target: ResponseTarget): string {
    const id = randomUUID();
    this.entries.set(id, { target, issuedAt: this.now(), uses: 0 });
    return id;
  }

  /** Counts one use of `id`, or says why it is refused. Unknown ids read as expired. */
  use(id: string): ResponseUrlUse {
    const entry = this.entries.get(id);
    if (!entry) return { ok: false, error: 'expired_url' };
    if (this.now() - entry.issuedAt > RESPONSE_URL_LIFETIME_MS) {
      return { ok: false, error: 'expired_url', target: entry.target };
    }
    if (entry.uses >= RESPONSE_URL_MAX_USES) return { ok: false, error: 'used_url', target: entry.target };
    entry.uses += 1;
    return { ok: true, target: entry.target };
  }
}
