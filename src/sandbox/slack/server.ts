/**
 * The local Slack stand-in (127.0.0.1), as strict as Slack where the bot depends on it: the Web
 * API subset the bot calls (./web-api.ts), `response_url` endpoints, and the Slack side of slash
 * commands, button presses and ssl_check probes, sent as Slack sends them (./requests.ts) and
 * signed as Slack signs them. Scripting endpoints under /_sandbox/slack let tests, scripts and
 * the consoles drive it and read what it refused.
 *
 * It refuses as Slack does: Block Kit limits and text object types (`invalid_blocks`, with
 * Slack's `errors` and `response_metadata.messages`), `msg_too_long`, `no_text`; chat.update on
 * a message that is not the bot's (`cant_update_message`), ephemeral or gone
 * (`message_not_found`); channels the bot is not in, archived or missing; rate limits (HTTP 429
 * + Retry-After); response_urls past 5 uses or 30 minutes; acks later than 3 s
 * (`operation_timeout`, shown to the user). It warns where Slack accepts text but shows it
 * wrongly (unescaped `&`, `<`, `>` in mrkdwn) or ids are reused. Every refusal and warning is in
 * the violation log.
 *
 * LIMITATIONS: one workspace (in an Enterprise Grid org by default); users are not channel
 * members (any user may press any non-ephemeral button, user_not_in_channel only for a missing
 * user); chat.postMessage's workspace-wide rate limit is not modelled (Slack does not publish
 * it); rich_text, input, file and video blocks and non-button elements are checked only for
 * their type and ids; no threads beyond `thread_ts`, no modals/views, no message deletion by the
 * bot (chat.delete), no edit windows; what Slack shows for a refused ack is not modelled (the
 * stand-in records it and shows nothing); a block_actions ack body is ignored, as Slack ignores
 * it; the wording of some `invalid_blocks` messages is ours.
 *
 * Files: ./files.ts. Other routes (the web console) are mounted with `mount`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { BotLink, HttpError, SLACK_ACK_DEADLINE_MS, type BotAnswer } from './bot-link';
import { findButtons } from './buttons';
import { ChannelStates, channelStateSchema, type ChannelState } from './channels';
import { FileStore } from './files';
import { parseArgs, readBody, sendJson } from './http-body';
import { MessageJudge } from './judge';
import { MessageLog, type StoredMessage } from './messages';
import { RateLimiter } from './rate-limits';
import { Replies } from './replies';
import { blockActionsBody, slashCommandBody, sslCheckBody, type Workspace } from './requests';
import { ResponseUrls, type ResponseTarget } from './response-urls';
import { ViolationLog, type Violation } from './violations';
import { createWebApi, toSlack } from './web-api';

export type { BotAnswer } from './bot-link';
export type { ChannelState } from './channels';
export type { Violation } from './violations';

export const SANDBOX_TEAM = { id: 'T0SANDBOX', domain: 'sitebot-sandbox' };
export const SANDBOX_ENTERPRISE = { id: 'E0SANDBOX', name: 'sitebot sandbox grid' };
export const SANDBOX_BOT = { userId: 'U0SITEBOT', botId: 'B0SITEBOT', appId: 'A0SITEBOT' };
/** Slack's own user, who tells people that a command failed. */
export const SLACKBOT_USER = 'USLACKBOT';

export interface SlackStandInOptions {
  signingSecret: string;
  botToken: string;
  host?: string;
  port?: number;
  /** Where to send slash commands and interactions; can also be set later with setBotUrl. */
  botUrl?: string;
  /** The stand-in's clock: message ts, signatures, rate limits, response_url expiry. */
  now?: () => number;
  /** How long Slack waits for an ack (default 3000 ms). */
  ackDeadlineMs?: number;
  /** The Enterprise Grid org of the workspace (default SANDBOX_ENTERPRISE); null: standalone. */
  enterprise?: { id: string; name: string } | null;
  /** The bot token's OAuth scopes (sent as `x-oauth-scopes`); default: the manifest's. */
  scopes?: readonly string[];
}

/** The bot scopes slack-manifest.yml asks for. */
export const MANIFEST_SCOPES: readonly string[] = ['commands', 'chat:write'];

/** Serves a request it knows (true), or leaves it to the stand-in (false). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

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
  /** Slack's ssl_check probe: unsigned `ssl_check=1&token=…`. A non-200 answer is recorded. */
  sendSslCheck(): Promise<BotAnswer>;
  /** Every refusal and warning so far, oldest first. */
  violations(): Violation[];
  /** Tells `listener` of each refusal and warning as it is recorded; returns the unsubscribe. */
  onViolation(listener: (v: Violation) => void): () => void;
  clearViolations(): void;
  setChannelState(channel: string, state: ChannelState): void;
  channelState(channel: string): ChannelState;
  /** A person deletes a message (e.g. the bot's progress message). */
  deleteMessage(channel: string, ts: string): boolean;
  /** A person posts a message (one the bot may not edit). */
  postAsUser(input: { channel: string; user: string; text: string }): StoredMessage;
  close(): Promise<void>;
}

const commandSchema = z.object({
  text: z.string().default(''),
  user: z.string().min(1).default('U1'),
  channel: z.string().min(1).default('C1'),
  command: z.string().startsWith('/').default('/site'),
});
const pressSchema = z.object({
  channel: z.string().min(1).default('C1'),
  ts: z.string().default(''),
  action_id: z.string().default(''),
  user: z.string().min(1).default('U1'),
});
const userMessageSchema = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string().min(1),
});
const channelStateBody = z.object({ state: channelStateSchema });

export async function startSlackStandIn(options: SlackStandInOptions): Promise<SlackStandIn> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const ackDeadlineMs = options.ackDeadlineMs ?? SLACK_ACK_DEADLINE_MS;
  const workspace: Workspace = {
    team: SANDBOX_TEAM,
    enterprise: options.enterprise === undefined ? SANDBOX_ENTERPRISE : options.enterprise,
    appId: SANDBOX_BOT.appId,
    verificationToken: 'sandbox-verification-token',
  };
  const log = new MessageLog(now);
  const violations = new ViolationLog(now);
  const channels = new ChannelStates();
  const responseUrls = new ResponseUrls(now);
  const judge = new MessageJudge(violations);
  const replies = new Replies(log, judge, SANDBOX_BOT.userId);
  const link = new BotLink({ signingSecret: options.signingSecret, now, ackDeadlineMs, url: options.botUrl });
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
  const webApi = createWebApi({
    botToken: options.botToken,
    bot: SANDBOX_BOT,
    team: SANDBOX_TEAM,
    log,
    channels,
    limiter: new RateLimiter(now),
    violations,
    judge,
    files,
  });

  const newResponseUrl = (target: ResponseTarget) =>
    `${baseUrl}/_sandbox/slack/response/${responseUrls.issue(target)}`;

  const sendCommand: SlackStandIn['sendCommand'] = async ({ text, user, channel, command = '/site' }) => {
    const body = slashCommandBody(workspace, {
      command,
      text,
      user,
      channel,
      responseUrl: newResponseUrl({ channel, user }),
      nowMs: now(),
    });
    const answer = await link.post(body, {
      signed: true,
      onLate: () => {
        violations.record({
          level: 'refused',
          method: 'slash_command',
          channel,
          error: 'operation_timeout',
          detail: `${command} ${text}: no ack within ${ackDeadlineMs} ms`,
        });
        log.add({
          channel,
          user: SLACKBOT_USER,
          text: `${command} failed with the error "operation_timeout"`,
          blocks: [],
          ephemeral_to: user,
        });
      },
    });
    // Slack ignores a late ack, and shows nothing for an error status.
    if (!answer.late && answer.status === 200) replies.ack(answer.body, { channel, user }, 'ack');
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
    const body = blockActionsBody(workspace, {
      message,
      button,
      user,
      responseUrl: newResponseUrl({ channel, user, sourceTs: ts }),
      nowMs: now(),
    });
    // A block_actions ack has no body Slack shows: replies go through response_url or the Web API.
    return link.post(body, {
      signed: true,
      onLate: () => {
        const detail = `${action_id}: no ack within ${ackDeadlineMs} ms`;
        violations.record({
          level: 'refused',
          method: 'block_actions',
          channel,
          ts,
          error: 'operation_timeout',
          detail,
        });
        log.flag(channel, ts, [{ level: 'refused', error: 'operation_timeout', detail }]);
      },
    });
  };

  const sendSslCheck: SlackStandIn['sendSslCheck'] = async () => {
    const answer = await link.post(sslCheckBody(workspace), { signed: false });
    if (answer.status !== 200) {
      violations.record({
        level: 'refused',
        method: 'ssl_check',
        error: 'ssl_check_failed',
        detail: `the Request URL answered HTTP ${answer.status} to ssl_check=1 (Slack expects 200)`,
      });
    }
    return answer;
  };

  const answerWith = (res: ServerResponse, answer: BotAnswer) => {
    const headers: Record<string, string> = answer.contentType ? { 'content-type': answer.contentType } : {};
    if (answer.late) headers['x-sandbox-ack'] = 'operation_timeout';
    res.writeHead(answer.status, headers).end(answer.body);
  };

  const readJson = async (req: IncomingMessage) =>
    parseArgs(await readBody(req), req.headers['content-type'] ?? 'application/json');

  const parse = <T>(schema: z.ZodType<T>, value: unknown): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new HttpError(400, z.prettifyError(parsed.error));
    return parsed.data;
  };

  const respondToUrl = async (req: IncomingMessage, res: ServerResponse, id: string) => {
    const use = responseUrls.use(id);
    // Read first (a used URL is refused whatever it carries; an unreadable body only then fails).
    const payload = await readJson(req).catch((err: unknown) =>
      err instanceof Error ? err : new Error(String(err)),
    );
    if (!use.ok) {
      // A reply not in channel would have been the presser's alone: so is its refusal.
      const inChannel = !(payload instanceof Error) && payload.response_type === 'in_channel';
      const to = inChannel ? undefined : use.target?.user;
      violations.record({
        level: 'refused',
        method: 'response_url',
        channel: use.target?.channel,
        error: use.error,
        ...(to !== undefined ? { to } : {}),
      });
      res.writeHead(404, { 'content-type': 'text/plain' }).end(use.error);
      return;
    }
    if (payload instanceof Error) throw payload;
    const outcome = replies.apply(payload, use.target, 'response_url');
    if (outcome.ok) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    else res.writeHead(400, { 'content-type': 'text/plain' }).end(outcome.error);
  };

  const admin = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const route = `${req.method} ${url.pathname.slice('/_sandbox/slack'.length)}`;
    const channelPath = /^\/channels\/([^/]+)$/.exec(url.pathname.slice('/_sandbox/slack'.length));
    if (route === 'POST /command') {
      answerWith(res, await sendCommand(parse(commandSchema, await readJson(req))));
    } else if (route === 'POST /action') {
      answerWith(res, await pressButton(parse(pressSchema, await readJson(req))));
    } else if (route === 'POST /ssl-check') {
      answerWith(res, await sendSslCheck());
    } else if (route === 'GET /messages') {
      const channel = url.searchParams.get('channel');
      if (!channel) throw new HttpError(400, 'channel is required');
      sendJson(res, 200, { ok: true, channel, messages: log.list(channel).map(toSlack) });
    } else if (route === 'POST /messages') {
      const m = parse(userMessageSchema, await readJson(req));
      sendJson(res, 200, { ok: true, message: toSlack(log.add({ ...m, blocks: [] })) });
    } else if (route === 'DELETE /messages') {
      const channel = url.searchParams.get('channel') ?? '';
      const deleted = log.delete(channel, url.searchParams.get('ts') ?? '');
      sendJson(res, deleted ? 200 : 404, deleted ? { ok: true } : { ok: false, error: 'message_not_found' });
    } else if (route === 'GET /violations') {
      sendJson(res, 200, { ok: true, violations: violations.list() });
    } else if (route === 'DELETE /violations') {
      violations.clear();
      sendJson(res, 200, { ok: true });
    } else if (channelPath && req.method === 'GET') {
      sendJson(res, 200, { ok: true, channel: channelPath[1], state: channels.get(channelPath[1]) });
    } else if (channelPath && (req.method === 'PUT' || req.method === 'POST')) {
      const { state } = parse(channelStateBody, await readJson(req));
      channels.set(channelPath[1], state);
      sendJson(res, 200, { ok: true, channel: channelPath[1], state });
    } else {
      return false;
    }
    return true;
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (req.method === 'POST' && path.startsWith('/api/')) {
      const args = parseArgs(await readBody(req), req.headers['content-type']);
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
      const answer = webApi(path.slice('/api/'.length), args, token);
      res.writeHead(answer.status, {
        'content-type': 'application/json; charset=utf-8',
        // Slack names the token's scopes on every Web API answer; clients read them from here.
        'x-oauth-scopes': scopes.join(','),
        ...answer.headers,
      });
      res.end(JSON.stringify(answer.body));
      return;
    }
    if (req.method === 'POST' && path.startsWith('/_sandbox/slack/response/')) {
      await respondToUrl(req, res, path.slice('/_sandbox/slack/response/'.length));
      return;
    }
    if (path.startsWith('/_sandbox/slack/') && (await admin(req, res, url))) return;
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
    setBotUrl: (u) => link.setUrl(u),
    sendCommand,
    pressButton,
    sendSslCheck,
    violations: () => violations.list(),
    onViolation: (listener) => {
      violations.on('record', listener);
      return () => void violations.off('record', listener);
    },
    clearViolations: () => violations.clear(),
    setChannelState: (channel, state) => channels.set(channel, state),
    channelState: (channel) => channels.get(channel),
    deleteMessage: (channel, ts) => log.delete(channel, ts),
    postAsUser: ({ channel, user, text }) => log.add({ channel, user, text, blocks: [] }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
