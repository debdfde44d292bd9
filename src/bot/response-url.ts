/**
 * Answering a slash command or a button press later, through its `response_url`. Slack takes at
 * most five posts to one such URL, within 30 minutes of the request
 * (https://api.slack.com/interactivity/handling, "Message responses"): fine for a command's
 * answer or a refusal, never for a run's progress (that goes through chat.postMessage/update).
 * Past either limit — a job that waited long in the queue, say — the answer goes through
 * chat.postEphemeral (or chat.postMessage for an in-channel one) instead, or is logged.
 */
import type { ChatClient } from './slack-chat';
import type { Block } from './views/reply';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

/** A later reply: what Bolt's `respond` takes, minus what we never send. */
export interface ResponseMessage {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  text: string;
  blocks?: Block[];
}

export type Respond = (message: ResponseMessage) => Promise<unknown>;

/** POSTs JSON to a response_url (the real one is `fetch`). */
export type ResponseUrlPost = (url: string, body: ResponseMessage) => Promise<void>;

export const fetchResponseUrl: ResponseUrlPost = async (url, body) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  // Drain it; Slack answers "ok" or a short error text.
  const text = await res.text();
  if (!res.ok) throw new Error(`response_url answered ${res.status}: ${text.slice(0, 100)}`);
};

export interface ResponderOptions {
  url: string;
  /** When Slack sent the request (real time, epoch ms): the URL's 30 minutes count from here. */
  receivedAt: number;
  /** Where the request came from: for the fallback. */
  channel: string;
  user: string;
  chat: ChatClient;
  post?: ResponseUrlPost;
  /** Real time. */
  now?: () => number;
}

/** A `Respond` that keeps to the URL's limits and falls back to the Web API past them. */
export function createResponder(options: ResponderOptions): Respond {
  const post = options.post ?? fetchResponseUrl;
  const now = options.now ?? Date.now;
  let uses = 0;
  return async (message) => {
    const usable = uses < RESPONSE_URL_MAX_USES && now() - options.receivedAt < RESPONSE_URL_TTL_MS;
    if (usable) {
      uses++;
      await post(options.url, message);
      return;
    }
    const { text, blocks } = message;
    if (message.response_type === 'in_channel') {
      await options.chat.chat.postMessage({ channel: options.channel, text, ...(blocks ? { blocks } : {}) });
      return;
    }
    if (!options.chat.chat.postEphemeral) throw new Error('response_url expired and no chat.postEphemeral');
    await options.chat.chat.postEphemeral({
      channel: options.channel,
      user: options.user,
      text,
      ...(blocks ? { blocks } : {}),
    });
  };
}
