/**
 * Every refusal the stand-in gave and every warning it recorded, in order: what the bot did
 * that real Slack would refuse or show wrongly. Tests read it (`GET /_sandbox/slack/violations`,
 * `SlackStandIn.violations()`) to prove the bot keeps to Slack's rules; the consoles listen
 * (`record` events) to show a refused message where it would have been.
 */
import { EventEmitter } from 'node:events';

export interface Violation {
  /** 1, 2, 3, … in the order they happened. */
  seq: number;
  /** When (the stand-in's clock, ms). */
  at: number;
  /** `refused`: Slack would answer with an error. `warning`: Slack takes it but shows it wrongly. */
  level: 'refused' | 'warning';
  /** The Web API method, or `response_url`, `ack`, `block_actions_ack`, `ssl_check`. */
  method: string;
  channel?: string;
  /** The message concerned, when there is one. */
  ts?: string;
  /** Slack's error code (`invalid_blocks`, `ratelimited`, …) or the warning's name. */
  error: string;
  /** Where in the request: a JSON pointer such as `/blocks/3/text/text`. */
  path?: string;
  detail?: string;
  /** The start of the message's text, so a person can tell which message it was. */
  excerpt?: string;
  /** Who alone would have seen the message (an ephemeral, an ack, a reply not in channel). */
  to?: string;
}

export type NewViolation = Omit<Violation, 'seq' | 'at'>;

export class ViolationLog extends EventEmitter<{ record: [Violation] }> {
  private readonly items: Violation[] = [];

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  record(v: NewViolation): Violation {
    const stored: Violation = { seq: this.items.length + 1, at: this.now(), ...v };
    this.items.push(stored);
    this.emit('record', { ...stored });
    return stored;
  }

  list(): Violation[] {
    return this.items.map((v) => ({ ...v }));
  }

  clear(): void {
    this.items.length = 0;
  }
}

/** The first line of a text, cut short: enough to recognise a message by. */
export function excerptOf(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
