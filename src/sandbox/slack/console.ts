/**
 * The sandbox's terminal console: type `/site …` as a Slack user would, watch the channel's
 * messages (updates are re-printed with the same number), press buttons with `press 3.1`.
 */
import { createInterface, type Interface } from 'node:readline';
import { findButtons } from './buttons';
import type { MessageChange, StoredMessage } from './messages';
import { renderMessageText } from './render-text';
import type { SlackStandIn } from './server';

export interface ConsoleOptions {
  slack: SlackStandIn;
  channel?: string;
  user?: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  onExit?: () => void;
}

const HELP = [
  'Type a slash command as in Slack, e.g. `/site help` or `/site create demo`.',
  '  press <n>.<i>   press button i of message n',
  '  as <user>       act as another Slack user id (now: %USER%)',
  '  channel <id>    switch channel (now: %CHANNEL%)',
  '  messages        re-print the channel',
  '  quit            stop the sandbox',
].join('\n');

export function startConsole(options: ConsoleOptions): { close(): void } {
  const { slack } = options;
  let channel = options.channel ?? 'C1';
  let user = options.user ?? 'U1';
  const output = options.output ?? process.stdout;
  const numbers = new Map<string, number>();
  const byNumber = new Map<number, StoredMessage>();
  let next = 1;

  const rl: Interface = createInterface({
    input: options.input ?? process.stdin,
    output,
    prompt: `${channel}> `,
  });

  const print = (text: string) => {
    // Keep the prompt line intact: clear it, print, re-draw it.
    output.write(`\r\x1b[2K${text}\n`);
    rl.prompt(true);
  };

  const numberOf = (m: StoredMessage) => {
    const key = `${m.channel}/${m.ts}`;
    let n = numbers.get(key);
    if (n === undefined) {
      n = next++;
      numbers.set(key, n);
    }
    byNumber.set(n, m);
    return n;
  };

  const show = (m: StoredMessage, how: string) => {
    if (m.channel !== channel || (m.ephemeral_to && m.ephemeral_to !== user)) return;
    const n = numberOf(m);
    const tags = [
      m.ephemeral_to ? 'only you' : '',
      m.thread_ts ? `reply in thread #${numbers.get(`${m.channel}/${m.thread_ts}`) ?? '?'}` : '',
      how,
    ]
      .filter(Boolean)
      .join(', ');
    print(`#${n}${tags ? ` (${tags})` : ''}\n${indent(renderMessageText(n, m))}`);
  };

  const onChange = (change: MessageChange) => {
    // Flags are for the web console; the text of the message did not change.
    if (change.type === 'flag') return;
    if (change.type === 'delete') {
      const n = numbers.get(`${change.message.channel}/${change.message.ts}`);
      if (n !== undefined && change.message.channel === channel) print(`#${n} deleted`);
      return;
    }
    show(change.message, change.type === 'update' ? 'updated' : '');
  };
  slack.messages.on('change', onChange);

  const run = async (line: string) => {
    const words = line.trim().split(/\s+/);
    if (line.trim() === '') return;
    if (words[0] === 'quit' || words[0] === 'exit') {
      options.onExit?.();
      return;
    }
    if (words[0] === 'help' || words[0] === '?')
      return print(HELP.replace('%USER%', user).replace('%CHANNEL%', channel));
    if (words[0] === 'as' && words[1]) {
      user = words[1];
      return print(`now acting as ${user}`);
    }
    if (words[0] === 'channel' && words[1]) {
      channel = words[1];
      rl.setPrompt(`${channel}> `);
      return print(`now in ${channel}`);
    }
    if (words[0] === 'messages') {
      for (const m of slack.messages.list(channel)) show(m, '');
      return;
    }
    if (words[0] === 'press' && words[1]) return press(words[1]);
    if (words[0].startsWith('/')) {
      const text = line.trim().slice(words[0].length).trim();
      const answer = await slack.sendCommand({ command: words[0], text, user, channel });
      if (answer.status !== 200) print(`(the bot answered HTTP ${answer.status})`);
      return;
    }
    print(`not understood: ${line.trim()} (type help)`);
  };

  const press = async (ref: string) => {
    const m = /^(\d+)\.(\d+)$/.exec(ref);
    const message = m ? byNumber.get(Number(m[1])) : undefined;
    const button = message && m ? findButtons(message.blocks)[Number(m[2]) - 1] : undefined;
    if (!message || !button) return print(`no button ${ref}`);
    const answer = await slack.pressButton({
      channel: message.channel,
      ts: message.ts,
      action_id: button.action_id,
      user,
    });
    if (answer.status !== 200) print(`(the bot answered HTTP ${answer.status})`);
  };

  rl.on('line', (line) => {
    run(line)
      .catch((err: unknown) => print(`error: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => rl.prompt(true));
  });
  rl.on('close', () => options.onExit?.());
  // In a terminal readline swallows Ctrl-C (raw mode), so the process never sees SIGINT: stop here.
  rl.on('SIGINT', () => options.onExit?.());
  print(`Slack console: channel ${channel} as ${user}. Type /site help, or help for console commands.`);

  return {
    close: () => {
      slack.messages.off('change', onChange);
      rl.close();
    },
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `   ${l}`)
    .join('\n');
}
