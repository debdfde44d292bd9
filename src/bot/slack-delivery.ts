/**
 * How a process reaches Slack for what it sends on its own (not as an answer): the Web API
 * client for direct calls, and the outbox for what must arrive. The worker, the remind function
 * and the long-running bots build it (with the workflow sinks: ./slack-sinks.ts); it loads no
 * workflow step, so the remind function stays small.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config';
import type { OutboxRepository } from '../state/outbox-repository';
import type { StateStore } from '../state/types';
import { SlackOutbox, type DeliveryScheduler } from './outbox';
import { SlackChat, type ChatClient } from './slack-chat';

export interface SlackDeliveryOptions {
  config: Pick<Config, 'slack'>;
  store: StateStore;
  outbox: OutboxRepository;
  /** Brings an outbox message back for another try (SQS on Lambda, a timer locally). */
  deliveries: DeliveryScheduler;
  /** When the current invocation must be done by (Lambda); rate limits are waited out only before it. */
  deadline?: () => number;
  /** Real time (outbox retries, response_url age). */
  realNow?: () => number;
  log(line: string): void;
}

export interface SlackDelivery {
  /** Direct calls: waits out a 429 only within the deadline. */
  chat: ChatClient;
  outbox: SlackOutbox;
}

export function buildSlackDelivery(options: SlackDeliveryOptions): SlackDelivery {
  const { slack } = options.config;
  const base = {
    token: slack.botToken,
    ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
    ...(options.deadline ? { deadline: options.deadline } : {}),
  };
  const chat = new SlackChat(base);
  const outbox = new SlackOutbox({
    repo: options.outbox,
    // The outbox never sleeps through a 429: it comes back after Retry-After, durably.
    chat: new SlackChat({ ...base, maxRateLimitWaits: 0 }),
    store: options.store,
    scheduler: options.deliveries,
    owner: `outbox-${randomUUID()}`,
    ...(options.realNow ? { now: options.realNow } : {}),
    log: options.log,
  });
  return { chat, outbox };
}
