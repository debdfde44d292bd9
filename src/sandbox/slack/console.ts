/**
 * The sandbox's terminal console: type `/site …` as a Slack user would, watch the channel's
 * messages, press buttons with `press 3.1`. A message is printed once; when the bot updates it,
 * a terminal redraws it in place if it is still the last thing printed, and otherwise only the
 * lines that changed are printed under its number.
 */
import { createInterface, type Interface } from 'node:readline';
import { ENGLISH, type Texts } from '../../i18n/texts';
import { findButtons } from './buttons';
import { lineChanges } from './line-diff';
import type { MessageChange, StoredMessage } from './messages';
import { renderMessageLines, type TextStyle } from './render-text';
import type { SlackStandIn } from './server';
import { describeProblem, isRefusedPost, verdictOf } from './verdict';
import { verdictLines } from './verdict-lines';
import type { Violation } from './violations';

export interface ConsoleOptions {
  slack: SlackStandIn;
  channel?: string;
  user?: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  /** ANSI styles and in-place redraws; default: whether `output` is a terminal. */
  ansi?: boolean;
  /** The console's own words (the sandbox's `SITEBOT_LANG`); default English. */
  texts?: Texts;
  onExit?: () => void;
}

/** Columns a line takes on a terminal: ANSI codes take none, emoji and wide characters two. */
function width(line: string): number {
  let w = 0;
  // eslint-disable-next-line no-control-regex -- ANSI escapes start with ESC
  for (const ch of line.replace(/\x1b\[[0-9;]*m/g, '')) w += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return w;
}

export function startConsole(options: ConsoleOptions): { close(): void } {
  const { slack } = options;
  let channel = options.channel ?? 'C1';
  let user = options.user ?? 'U1';
  const output = options.output ?? process.stdout;
  const style: TextStyle = { ansi: options.ansi ?? output.isTTY === true };
  const { terminal: term, webConsole: verdictWords } = options.texts ?? ENGLISH;
  const numbers = new Map<string, number>();
  const byNumber = new Map<number, StoredMessage>();
  /** What each message looked like when last printed (for the diff of its next update). */
  const shown = new Map<string, string[]>();
  /** The block printed last, right above the prompt: the only one that can be redrawn in place. */
  let lastBlock: { key: string; rows: number } | undefined;
  let next = 1;

  const rl: Interface = createInterface({
    input: options.input ?? process.stdin,
    output,
    prompt: `${channel}> `,
  });

  const write = (lines: string[], block?: { key: string }) => {
    // Keep the prompt line intact: clear it, print, re-draw it.
    output.write(`\r\x1b[2K${lines.join('\n')}\n`);
    rl.prompt(true);
    lastBlock = block && { key: block.key, rows: lines.length };
  };
  const print = (text: string) => write(text.split('\n'));

  const keyOf = (m: { channel: string; ts: string }) => `${m.channel}/${m.ts}`;
  const numberOf = (m: StoredMessage) => {
    let n = numbers.get(keyOf(m));
    if (n === undefined) {
      n = next++;
      numbers.set(keyOf(m), n);
    }
    byNumber.set(n, m);
    return n;
  };

  const visible = (m: StoredMessage) => m.channel === channel && (!m.ephemeral_to || m.ephemeral_to === user);

  const bodyOf = (n: number, m: StoredMessage): string[] => {
    const notes = verdictLines(verdictOf(m), verdictWords).map((v) => v.text);
    return [...notes, ...renderMessageLines(n, m, style)].map((l) => `   ${l}`);
  };

  const headerOf = (n: number, m: StoredMessage, how: string) => {
    const tags = [
      m.ephemeral_to ? term.onlyYou() : '',
      m.thread_ts ? term.replyIn({ n: String(numbers.get(`${m.channel}/${m.thread_ts}`) ?? '?') }) : '',
      how,
    ]
      .filter(Boolean)
      .join(term.tagSeparator());
    return `#${n}${tags ? ` (${tags})` : ''}`;
  };

  const show = (m: StoredMessage) => {
    if (!visible(m)) return;
    const n = numberOf(m);
    const body = bodyOf(n, m);
    shown.set(keyOf(m), body);
    write([headerOf(n, m, ''), ...body], { key: keyOf(m) });
  };

  const showUpdate = (m: StoredMessage) => {
    if (!visible(m)) return;
    const key = keyOf(m);
    const before = shown.get(key);
    if (!before) return show(m);
    const n = numberOf(m);
    const after = bodyOf(n, m);
    shown.set(key, after);
    // In place only when the cursor can get back to the block: no wrapped lines, all of it on screen.
    const cols = output.columns ?? 0;
    const screen = output.rows ?? 24;
    const fits =
      cols > 0 &&
      Math.max(before.length, after.length) + 2 < screen &&
      [headerOf(n, m, ''), ...after].every((l) => width(l) < cols);
    if (style.ansi && lastBlock?.key === key && fits) {
      // Up to the block's first line, clear to the end of the screen, draw it again.
      const rows = lastBlock.rows;
      output.write(`\r\x1b[2K\x1b[${rows}A\r\x1b[0J`);
      write([headerOf(n, m, ''), ...after], { key });
      return;
    }
    const { changed, removed } = lineChanges(before, after);
    if (changed.length === 0 && removed === 0) return;
    const fewer = Math.max(0, before.length - after.length);
    write([headerOf(n, m, term.updated({ fewer })), ...changed.map((c) => c.text)]);
  };

  const onChange = (change: MessageChange) => {
    if (change.type === 'delete') {
      const n = numbers.get(keyOf(change.message));
      shown.delete(keyOf(change.message));
      if (n !== undefined && change.message.channel === channel) print(term.deleted({ n }));
      return;
    }
    // A flag (a refused update, a late ack) adds a line above the message: shown as an update.
    if (change.type === 'update' || change.type === 'flag') showUpdate(change.message);
    else show(change.message);
  };
  slack.messages.on('change', onChange);

  /** A message Slack refused is never stored: say so where it would have been, one line per problem. */
  const onViolation = (v: Violation) => {
    // An ephemeral's refusal is for whom it was for, as the ephemeral would have been.
    if (!isRefusedPost(v) || v.channel !== channel || (v.to !== undefined && v.to !== user)) return;
    print(term.refusedPost({ ...(v.excerpt ? { excerpt: v.excerpt } : {}), problem: describeProblem(v) }));
  };
  const stopViolations = slack.onViolation(onViolation);

  const run = async (line: string) => {
    const words = line.trim().split(/\s+/);
    if (line.trim() === '') return;
    if (words[0] === 'quit' || words[0] === 'exit') {
      options.onExit?.();
      return;
    }
    if (words[0] === 'help' || words[0] === '?') return print(term.help({ user, channel }));
    if (words[0] === 'as' && words[1]) {
      user = words[1];
      return print(term.actingAs({ user }));
    }
    if (words[0] === 'channel' && words[1]) {
      channel = words[1];
      rl.setPrompt(`${channel}> `);
      return print(term.nowIn({ channel }));
    }
    if (words[0] === 'messages') {
      for (const m of slack.messages.list(channel)) show(m);
      return;
    }
    if (words[0] === 'press' && words[1]) return press(words[1]);
    if (words[0].startsWith('/')) {
      const text = line.trim().slice(words[0].length).trim();
      const answer = await slack.sendCommand({ command: words[0], text, user, channel });
      if (answer.status !== 200) print(term.httpStatus({ status: answer.status }));
      return;
    }
    print(term.notUnderstood({ line: line.trim() }));
  };

  const press = async (ref: string) => {
    const m = /^(\d+)\.(\d+)$/.exec(ref);
    const message = m ? byNumber.get(Number(m[1])) : undefined;
    const button = message && m ? findButtons(message.blocks)[Number(m[2]) - 1] : undefined;
    if (!message || !button) return print(term.noButton({ ref }));
    const answer = await slack.pressButton({
      channel: message.channel,
      ts: message.ts,
      action_id: button.action_id,
      user,
    });
    if (answer.status !== 200) print(term.httpStatus({ status: answer.status }));
  };

  rl.on('line', (line) => {
    // The typed line now sits under the last block: it can no longer be redrawn in place.
    lastBlock = undefined;
    run(line)
      .catch((err: unknown) =>
        print(term.error({ message: err instanceof Error ? err.message : String(err) })),
      )
      .finally(() => rl.prompt(true));
  });
  rl.on('close', () => options.onExit?.());
  // In a terminal readline swallows Ctrl-C (raw mode), so the process never sees SIGINT: stop here.
  rl.on('SIGINT', () => options.onExit?.());
  print(term.banner({ channel, user }));

  return {
    close: () => {
      slack.messages.off('change', onChange);
      stopViolations();
      rl.close();
    },
  };
}
