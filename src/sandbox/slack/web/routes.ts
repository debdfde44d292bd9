/**
 * The web console, mounted on the Slack stand-in at `/`: a Slack-like page (./client) that
 * renders the stand-in's own record of what the bot sent, live over Server-Sent Events, sends
 * slash commands and button presses through the stand-in's signed path, and shows pictures of
 * environments beside the channel.
 *
 * It answers only requests addressed to the stand-in itself (Host 127.0.0.1 or localhost on its
 * port: no DNS rebinding), takes changes only as JSON from its own origin (no cross-site form
 * posts), and serves the page under a Content-Security-Policy that allows its own script and
 * styles only: no inline script, nothing fetched from anywhere else.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Lang } from '../../../i18n/locale';
import { sendFile } from '../files';
import { readBody, sendJson } from '../http-body';
import { escapeTyped } from '../requests';
import { SANDBOX_BOT, type SlackStandIn } from '../server';
import { refusedPosts } from '../verdict';
import { CLIENT_DIR, consoleScript } from './bundle';
import type { Bootstrap, ConsoleUser, EnvironmentSummary } from './client/types';
import { MessageStream } from './events';
import { grammarSpec } from './grammar-spec';
import { pageLang, renderPage } from './page';
import { consoleMessage, refusedPostMessage } from './view';

/**
 * Where the console finds environments and their pictures (the sandbox wires its store and AWS),
 * in the words of the page's language.
 */
export interface EnvironmentSource {
  list(lang: Lang): Promise<EnvironmentSummary[]>;
  /** SVG, or undefined when there is no such environment. */
  diagram(name: string, lang: Lang): Promise<string | undefined>;
  /** SVG of the latest drill, or undefined when there was none. */
  drill(name: string, lang: Lang): Promise<string | undefined>;
}

export interface WebConsoleOptions {
  users: ConsoleUser[];
  channels: string[];
  environments?: EnvironmentSource;
  /** The workspace's language (SITEBOT_LANG): the page's unless it asks for another (`?lang=ja`). */
  lang?: Lang;
}

export interface WebConsole {
  url: string;
  close(): void;
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const id = z.string().regex(/^[A-Z0-9]{1,32}$/, 'must be an id like C1 or U1');
const commandBody = z.object({ text: z.string().min(1).max(4000), user: id, channel: id });
const messageBody = z.object({ text: z.string().min(1).max(4000), user: id, channel: id });
const actionBody = z.object({
  channel: id,
  ts: z.string().regex(/^\d+\.\d+$/),
  action_id: z.string().min(1).max(255),
  user: id,
});
const envName = /^[a-z0-9-]{1,40}$/;

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function jsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    throw new Refusal(415, 'send JSON');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readBody(req));
  } catch {
    throw new Refusal(400, 'not JSON');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Refusal(400, `${issue?.path.join('.') || 'body'} ${issue?.message ?? 'is not valid'}`);
  }
  return result.data;
}

export function mountWebConsole(slack: SlackStandIn, options: WebConsoleOptions): WebConsole {
  const stream = new MessageStream(slack);
  const port = slack.port;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const statics = new Map<string, Promise<string>>();
  const staticFile = (name: string) => {
    let text = statics.get(name);
    if (!text) {
      text = readFile(join(CLIENT_DIR, name), 'utf8');
      statics.set(name, text);
    }
    return text;
  };
  const users = new Set(options.users.map((u) => u.id));
  const workspaceLang = options.lang ?? 'en';
  const langOf = (url: URL) => pageLang(url.searchParams.get('lang'), workspaceLang);

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra = {}) =>
    res.writeHead(status, { 'content-type': type, ...PAGE_HEADERS, ...extra }).end(body);

  const checkOrigin = (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    if (!hosts.has(host)) throw new Refusal(403, `the console answers on 127.0.0.1:${port} only`);
    const origin = req.headers.origin;
    if (req.method !== 'GET' && origin !== undefined && origin !== `http://${host}`)
      throw new Refusal(403, 'cross-origin requests are refused');
  };

  const knownUser = (user: string) => {
    if (!users.has(user)) throw new Refusal(400, `unknown user ${user}`);
  };

  const routes = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    const get = req.method === 'GET';
    if (get && path === '/') {
      send(res, 200, 'text/html; charset=utf-8', renderPage(await staticFile('index.html'), langOf(url)));
      return true;
    }
    if (get && path === '/console.css') {
      send(res, 200, 'text/css; charset=utf-8', await staticFile('console.css'));
      return true;
    }
    if (get && path === '/console.js') {
      send(res, 200, 'text/javascript; charset=utf-8', await consoleScript());
      return true;
    }
    if (get && path === '/_console/bootstrap') {
      const channels = [...new Set([...options.channels, ...slack.messages.channelIds()])];
      const body: Bootstrap = {
        channels,
        users: options.users,
        bot: { userId: SANDBOX_BOT.userId, name: 'sitebot' },
        grammar: grammarSpec(),
        diagrams: options.environments !== undefined,
        lang: workspaceLang,
      };
      sendJson(res, 200, body);
      return true;
    }
    if (get && path === '/_console/messages') {
      const channel = id.safeParse(url.searchParams.get('channel'));
      if (!channel.success) throw new Refusal(400, 'channel must be an id like C1');
      const refused = refusedPosts(slack.violations())
        .filter((p) => p.channel === channel.data)
        .map((p) => refusedPostMessage(p, SANDBOX_BOT.userId));
      sendJson(res, 200, {
        messages: [...slack.messages.list(channel.data).map(consoleMessage), ...refused],
      });
      return true;
    }
    if (get && path === '/_console/events') {
      stream.open(req, res);
      return true;
    }
    if (req.method === 'POST' && path === '/_console/command') {
      const body = await jsonBody(req, commandBody);
      knownUser(body.user);
      const [command, ...words] = body.text.trim().split(/\s+/);
      if (command !== '/site') {
        throw new Refusal(
          400,
          `${command} is not a valid command. In Slack, all messages that start with "/" are interpreted as commands.`,
        );
      }
      const answer = await slack.sendCommand({
        command,
        text: words.join(' '),
        user: body.user,
        channel: body.channel,
      });
      sendJson(res, 200, { status: answer.status });
      return true;
    }
    if (req.method === 'POST' && path === '/_console/action') {
      const body = await jsonBody(req, actionBody);
      knownUser(body.user);
      const answer = await slack.pressButton(body);
      sendJson(res, 200, { status: answer.status });
      return true;
    }
    if (req.method === 'POST' && path === '/_console/message') {
      const body = await jsonBody(req, messageBody);
      knownUser(body.user);
      slack.messages.add({
        channel: body.channel,
        user: body.user,
        text: escapeTyped(body.text),
        blocks: [],
      });
      sendJson(res, 200, { ok: true });
      return true;
    }
    if (get && path === '/_console/envs') {
      sendJson(res, 200, {
        environments: options.environments ? await options.environments.list(langOf(url)) : [],
      });
      return true;
    }
    const picture = /^\/_console\/envs\/([^/]+)\/(diagram|drill)\.svg$/.exec(path);
    if (get && picture) {
      const source = options.environments;
      const name = decodeURIComponent(picture[1]);
      if (!source) throw new Refusal(404, 'pictures need the AWS emulator');
      if (!envName.test(name)) throw new Refusal(400, 'not an environment name');
      const lang = langOf(url);
      const svg =
        picture[2] === 'diagram' ? await source.diagram(name, lang) : await source.drill(name, lang);
      if (svg === undefined && picture[2] === 'diagram') throw new Refusal(404, `no environment ${name}`);
      if (svg === undefined) {
        // No drill yet: nothing to draw, which is not an error.
        res.writeHead(204, PAGE_HEADERS).end();
        return true;
      }
      send(res, 200, 'image/svg+xml; charset=utf-8', svg, {
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      return true;
    }
    const file = /^\/_console\/files\/([A-Z0-9]+)$/.exec(path);
    if (get && file) {
      const found = slack.files.read(file[1]);
      if (!found) throw new Refusal(404, 'no such file');
      sendFile(res, found);
      return true;
    }
    return false;
  };

  slack.mount(async (req, res, url) => {
    const path = url.pathname;
    const ours =
      path === '/' || path === '/console.js' || path === '/console.css' || path.startsWith('/_console/');
    if (!ours) return false;
    try {
      checkOrigin(req);
      return await routes(req, res, url);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      sendJson(res, err.status, { ok: false, error: err.message });
      return true;
    }
  });

  return { url: `${slack.url}/`, close: () => stream.close() };
}
