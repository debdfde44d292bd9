/**
 * The local Slack stand-in (127.0.0.1): the Web API subset the bot calls, `response_url`
 * endpoints, and the Slack side of slash commands and button presses, signed as Slack signs
 * them. Scripting endpoints under /_sandbox/slack let tests and scripts drive it.
 *
 * LIMITATIONS: one workspace, no rate limits, no real users or channel membership, no
 * threads other than `thread_ts`, no modals/views, no message formatting checks.
 * Files: ./files.ts. Other routes (the web console) are mounted with `mount`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findButtons } from './buttons';
import { FileStore } from './files';
import { parseArgs, readBody, sendJson } from './http-body';
import { MessageLog, type StoredMessage } from './messages';
import { signedHeaders } from './signing';

export const SANDBOX_TEAM = { id: 'T0SANDBOX', domain: 'sitebot-sandbox' };
export const SANDBOX_BOT = { userId: 'U0SITEBOT', botId: 'B0SITEBOT', appId: 'A0SITEBOT' };

export interface SlackStandInOptions {
  signingSecret: string;
  botToken: string;
  host?: string;
  port?: number;
  /** Where to send slash commands and interactions; can also be set later with setBotUrl. */
  botUrl?: string;
  now?: () => number;
  /** The bot token's OAuth scopes (sent as `x-oauth-scopes`); default: the manifest's. */
  scopes?: readonly string[];
}

/** The bot scopes slack-manifest.yml asks for. */
export const MANIFEST_SCOPES: readonly string[] = ['commands', 'chat:write'];

/** Serves a request it knows (true), or leaves it to the stand-in (false). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface BotAnswer {
  status: number;
  contentType?: string;
  body: string;
}

export interface SlackStandIn {
  url: string;
  /** Base URL for the bot's Web API client (SLACK_API_URL). */
  apiUrl: string;
  port: number;
  messages: MessageLog;
  files: FileStore;
  /** Adds routes the stand-in does not serve itself (tried before its 404). */
  mount(handler: RouteHandler): void;
  setBotUrl(url: string): void;
  sendCommand(input: { text: string; user: string; channel: string; command?: string }): Promise<BotAnswer>;
  pressButton(input: { channel: string; ts: string; action_id: string; user?: string }): Promise<BotAnswer>;
  close(): Promise<void>;
}

/** What a response_url is bound to. */
interface ResponseTarget {
  channel: string;
  user: string;
  /** For interactions: the message the button was on. */
  sourceTs?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startSlackStandIn(options: SlackStandInOptions): Promise<SlackStandIn> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const log = new MessageLog(now);
  const responseUrls = new Map<string, ResponseTarget>();
  let botUrl = options.botUrl;
  let baseUrl = '';
  const scopes = options.scopes ?? MANIFEST_SCOPES;
  const files = new FileStore({
    log,
    botUserId: SANDBOX_BOT.userId,
    botToken: options.botToken,
    scopes: () => scopes,
    baseUrl: () => baseUrl,
  });
  const mounted: RouteHandler[] = [];

  const newResponseUrl = (target: ResponseTarget): string => {
    const id = randomUUID();
    responseUrls.set(id, target);
    return `${baseUrl}/_sandbox/slack/response/${id}`;
  };

  const postToBot = async (body: string): Promise<BotAnswer> => {
    if (!botUrl) throw new HttpError(503, 'no bot URL set');
    const res = await fetch(botUrl, {
      method: 'POST',
      headers: signedHeaders(options.signingSecret, body, now()),
      body,
    });
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? undefined,
      body: await res.text(),
    };
  };

  /** Slack shows a non-empty ack body as a reply: ephemeral unless it says in_channel. */
  const showAck = (answer: BotAnswer, channel: string, user: string, sourceTs?: string) => {
    if (answer.status !== 200 || answer.body.trim() === '') return;
    let payload: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(answer.body);
      payload =
        typeof parsed === 'object' && parsed !== null
          ? (parsed as Record<string, unknown>)
          : { text: answer.body };
    } catch {
      payload = { text: answer.body };
    }
    applyResponse(payload, { channel, user, sourceTs });
  };

  /** A response_url post (or an ack body): replace, delete, post in channel, or ephemeral. */
  const applyResponse = (payload: Record<string, unknown>, target: ResponseTarget) => {
    const text = typeof payload.text === 'string' ? payload.text : '';
    const blocks = Array.isArray(payload.blocks) ? payload.blocks : [];
    if (payload.delete_original === true && target.sourceTs) {
      log.delete(target.channel, target.sourceTs);
      return;
    }
    if (payload.replace_original === true && target.sourceTs) {
      log.update(target.channel, target.sourceTs, { text, blocks });
      return;
    }
    if (!text && blocks.length === 0) return;
    const inChannel = payload.response_type === 'in_channel';
    log.add({
      channel: target.channel,
      user: SANDBOX_BOT.userId,
      text,
      blocks,
      thread_ts: typeof payload.thread_ts === 'string' ? payload.thread_ts : undefined,
      ephemeral_to: inChannel ? undefined : target.user,
    });
  };

  const sendCommand: SlackStandIn['sendCommand'] = async ({ text, user, channel, command = '/site' }) => {
    const body = new URLSearchParams({
      token: 'sandbox-verification-token',
      team_id: SANDBOX_TEAM.id,
      team_domain: SANDBOX_TEAM.domain,
      channel_id: channel,
      channel_name: channel.toLowerCase(),
      user_id: user,
      user_name: user.toLowerCase(),
      command,
      text,
      api_app_id: SANDBOX_BOT.appId,
      is_enterprise_install: 'false',
      response_url: newResponseUrl({ channel, user }),
      trigger_id: `${Date.now()}.${randomUUID()}`,
    }).toString();
    const answer = await postToBot(body);
    showAck(answer, channel, user);
    return answer;
  };

  const pressButton: SlackStandIn['pressButton'] = async ({ channel, ts, action_id, user = 'U1' }) => {
    const message = log.find(channel, ts);
    if (!message) throw new HttpError(404, `no message ${ts} in ${channel}`);
    if (message.ephemeral_to && message.ephemeral_to !== user) {
      throw new HttpError(403, `message ${ts} is ephemeral to another user`);
    }
    const button = findButtons(message.blocks).find((b) => b.action_id === action_id);
    if (!button) throw new HttpError(404, `message ${ts} has no button ${action_id}`);
    const payload = {
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: SANDBOX_TEAM.id },
      api_app_id: SANDBOX_BOT.appId,
      token: 'sandbox-verification-token',
      container: {
        type: 'message',
        message_ts: ts,
        channel_id: channel,
        is_ephemeral: !!message.ephemeral_to,
      },
      trigger_id: `${Date.now()}.${randomUUID()}`,
      team: SANDBOX_TEAM,
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: channel.toLowerCase() },
      message: { type: 'message', user: message.user, ts, text: message.text, blocks: message.blocks },
      state: { values: {} },
      response_url: newResponseUrl({ channel, user, sourceTs: ts }),
      actions: [
        {
          type: 'button',
          action_id: button.action_id,
          block_id: button.block_id,
          text: { type: 'plain_text', text: button.text },
          value: button.value,
          style: button.style,
          action_ts: (now() / 1000).toFixed(6),
        },
      ],
    };
    const answer = await postToBot(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    showAck(answer, channel, user, ts);
    return answer;
  };

  const webApi = async (method: string, args: Record<string, unknown>, token: string | undefined) => {
    if (!token) return { ok: false, error: 'not_authed' };
    if (token !== options.botToken) return { ok: false, error: 'invalid_auth' };
    const channel = typeof args.channel === 'string' ? args.channel : '';
    const text = typeof args.text === 'string' ? args.text : '';
    const blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${SANDBOX_TEAM.domain}.slack.com/`,
          team: 'sitebot sandbox',
          user: 'sitebot',
          team_id: SANDBOX_TEAM.id,
          user_id: SANDBOX_BOT.userId,
          bot_id: SANDBOX_BOT.botId,
        };
      case 'chat.postMessage': {
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (!text && !blocks) return { ok: false, error: 'no_text' };
        const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
        const m = log.add({
          channel,
          user: SANDBOX_BOT.userId,
          text,
          blocks: blocks ?? [],
          thread_ts: threadTs,
        });
        return { ok: true, channel, ts: m.ts, message: toSlack(m) };
      }
      case 'chat.update': {
        const ts = typeof args.ts === 'string' ? args.ts : '';
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (!text && !blocks) return { ok: false, error: 'no_text' };
        const m = log.update(channel, ts, { text, blocks });
        if (!m) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel, ts, text: m.text, message: toSlack(m) };
      }
      case 'chat.postEphemeral': {
        const user = typeof args.user === 'string' ? args.user : '';
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (!user) return { ok: false, error: 'user_not_in_channel' };
        if (!text && !blocks) return { ok: false, error: 'no_text' };
        const m = log.add({
          channel,
          user: SANDBOX_BOT.userId,
          text,
          blocks: blocks ?? [],
          ephemeral_to: user,
        });
        return { ok: true, message_ts: m.ts };
      }
      default:
        return files.call(method, args) ?? { ok: false, error: 'unknown_method' };
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (req.method === 'POST' && path.startsWith('/api/')) {
      const args = parseArgs(await readBody(req), req.headers['content-type']);
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
      // Slack names the token's scopes on every Web API answer; clients read them from here.
      res.setHeader('x-oauth-scopes', scopes.join(','));
      sendJson(res, 200, await webApi(path.slice('/api/'.length), args, token));
      return;
    }
    if (req.method === 'POST' && path.startsWith('/_sandbox/slack/response/')) {
      const target = responseUrls.get(path.slice('/_sandbox/slack/response/'.length));
      if (!target) throw new HttpError(404, 'expired_url');
      applyResponse(
        parseArgs(await readBody(req), req.headers['content-type'] ?? 'application/json'),
        target,
      );
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method === 'POST' && path === '/_sandbox/slack/command') {
      const args = parseArgs(await readBody(req), req.headers['content-type'] ?? 'application/json');
      const answer = await sendCommand({
        text: str(args.text, ''),
        user: str(args.user, 'U1'),
        channel: str(args.channel, 'C1'),
      });
      res
        .writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {})
        .end(answer.body);
      return;
    }
    if (req.method === 'POST' && path === '/_sandbox/slack/action') {
      const args = parseArgs(await readBody(req), req.headers['content-type'] ?? 'application/json');
      const answer = await pressButton({
        channel: str(args.channel, 'C1'),
        ts: str(args.ts, ''),
        action_id: str(args.action_id, ''),
        user: str(args.user, 'U1'),
      });
      res
        .writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {})
        .end(answer.body);
      return;
    }
    if (req.method === 'GET' && path === '/_sandbox/slack/messages') {
      const channel = url.searchParams.get('channel');
      if (!channel) throw new HttpError(400, 'channel is required');
      sendJson(res, 200, { ok: true, channel, messages: log.list(channel).map(toSlack) });
      return;
    }
    if (await files.route(req, res, path)) return;
    for (const handler of mounted) if (await handler(req, res, url)) return;
    throw new HttpError(404, `no route ${req.method} ${path}`);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (!res.headersSent)
        sendJson(res, status, { ok: false, error: err instanceof Error ? err.message : 'error' });
      else res.end();
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve((server.address() as AddressInfo).port));
  });
  baseUrl = `http://${host}:${port}`;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    port,
    messages: log,
    files,
    mount: (handler) => void mounted.push(handler),
    setBotUrl: (u) => {
      botUrl = u;
    },
    sendCommand,
    pressButton,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function str(v: unknown, fallback: string): string {
  return typeof v === 'string' && v !== '' ? v : fallback;
}

/** A stored message in the shape Slack's APIs return. */
function toSlack(m: StoredMessage): Record<string, unknown> {
  return {
    type: 'message',
    ts: m.ts,
    user: m.user,
    text: m.text,
    blocks: m.blocks,
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.ephemeral_to ? { ephemeral_to: m.ephemeral_to } : {}),
    ...(m.edits ? { edits: m.edits } : {}),
    ...(m.files ? { files: m.files } : {}),
  };
}
