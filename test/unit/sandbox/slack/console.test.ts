/**
 * The terminal console prints a message once; an update prints only what changed, or — on a
 * terminal, when the message is still the last thing printed — redraws it in place.
 */
import { PassThrough } from 'node:stream';
import { textsFor, type Texts } from '../../../../src/i18n/texts';
import { startConsole } from '../../../../src/sandbox/slack/console';
import { MessageLog } from '../../../../src/sandbox/slack/messages';
import type { SlackStandIn } from '../../../../src/sandbox/slack/server';
import { ViolationLog } from '../../../../src/sandbox/slack/violations';

function harness(tty: boolean, texts?: Texts) {
  const messages = new MessageLog();
  const violations = new ViolationLog();
  const slack = {
    messages,
    onViolation: (listener: Parameters<SlackStandIn['onViolation']>[0]) => {
      violations.on('record', listener);
      return () => void violations.off('record', listener);
    },
  } as unknown as SlackStandIn;
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { isTTY: tty, columns: 120 });
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const ui = startConsole({
    slack,
    input,
    output,
    channel: 'C1',
    user: 'U1',
    ansi: tty,
    ...(texts ? { texts } : {}),
  });
  const take = () => {
    const out = printed;
    printed = '';
    return out;
  };
  const banner = take();
  return { messages, violations, input, ui, take, banner, peek: () => printed };
}

const steps = (states: string[]) => ({
  channel: 'C1',
  user: 'U0SITEBOT',
  text: 'progress',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'Creating demo' } },
    ...states.map((s, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `step ${i + 1}: *${s}*` } })),
  ],
});

test('piped: an update prints the message number and only the changed lines, in plain text', () => {
  const h = harness(false);
  try {
    const m = h.messages.add(steps(['running', 'pending', 'pending']));
    expect(h.take()).toContain(
      '#1\n   == Creating demo ==\n   step 1: running\n   step 2: pending\n   step 3: pending\n',
    );
    h.messages.update('C1', m.ts, { blocks: steps(['done', 'running', 'pending']).blocks });
    const update = h.take();
    expect(update).toContain('#1 (updated)\n   step 1: done\n   step 2: running\n');
    expect(update).not.toContain('step 3');
    expect(update).not.toContain('Creating demo');
    // Nothing visible changed: nothing printed.
    h.messages.update('C1', m.ts, { text: 'other fallback text' });
    expect(h.take()).toBe('');
  } finally {
    h.ui.close();
  }
});

test('terminal: the last message is redrawn in place; an older one gets its changed lines below', () => {
  const h = harness(true);
  try {
    const a = h.messages.add(steps(['running', 'pending']));
    h.take();
    h.messages.update('C1', a.ts, { blocks: steps(['done', 'running']).blocks });
    const redraw = h.take();
    // Clear the prompt line, go up the block's 4 rows (header + 3 lines), clear below, draw again.
    expect(redraw).toContain('\r\x1b[2K\x1b[4A\r\x1b[0J');
    expect(redraw).toContain('step 1: \x1b[1mdone\x1b[22m');
    expect(redraw).not.toContain('updated');

    h.messages.add({ channel: 'C1', user: 'U0SITEBOT', text: 'someone else spoke', blocks: [] });
    h.take();
    h.messages.update('C1', a.ts, { blocks: steps(['done', 'done']).blocks });
    const diff = h.take();
    expect(diff).not.toMatch(new RegExp(String.raw`\x1b\[\d+A`));
    expect(diff).toContain('#1 (updated)');
    expect(diff).toContain('step 2: \x1b[1mdone\x1b[22m');
    expect(diff).not.toContain('step 1');
  } finally {
    h.ui.close();
  }
});

test('ephemerals of other users and other channels are not printed', () => {
  const h = harness(false);
  try {
    expect(h.banner).toContain(
      'Slack console: channel C1 as U1. Type /site help, or help for console commands.',
    );
    h.messages.add({ channel: 'C1', user: 'U0SITEBOT', text: 'for U2', blocks: [], ephemeral_to: 'U2' });
    h.messages.add({ channel: 'C2', user: 'U0SITEBOT', text: 'elsewhere', blocks: [] });
    h.messages.add({ channel: 'C1', user: 'U0SITEBOT', text: 'for me', blocks: [], ephemeral_to: 'U1' });
    const out = h.take();
    expect(out).not.toContain('for U2');
    expect(out).not.toContain('elsewhere');
    expect(out).toContain('(only you)\n   for me');
  } finally {
    h.ui.close();
  }
});

test("the strict stand-in's word: a refused update shows above the message, a refused post as a line of its own", () => {
  const h = harness(false);
  try {
    const m = h.messages.add({ channel: 'C1', user: 'U0SITEBOT', text: 'ready', blocks: [] });
    h.take();
    h.messages.flag('C1', m.ts, [
      { level: 'refused', error: 'invalid_blocks', path: '/blocks/0/text/text', detail: 'too long' },
    ]);
    expect(h.take()).toContain(
      '#1 (updated)\n   ⚠ Slack refused a request about this message: invalid_blocks: too long (at /blocks/0/text/text)\n',
    );
    h.violations.record({
      level: 'refused',
      method: 'chat.postMessage',
      channel: 'C1',
      error: 'msg_too_long',
      excerpt: 'Creating demo',
    });
    // Another channel's refusal, and a refused update (it has a ts), are not refused posts here.
    h.violations.record({ level: 'refused', method: 'chat.postMessage', channel: 'C2', error: 'no_text' });
    h.violations.record({
      level: 'refused',
      method: 'chat.update',
      channel: 'C1',
      ts: m.ts,
      error: 'no_text',
    });
    const refused = h.take();
    expect(refused).toContain(
      '⚠ Slack refused a message from the bot (“Creating demo”), nobody saw it: msg_too_long\n',
    );
    expect(refused.match(/⚠/g)).toHaveLength(1);
    // A refused ephemeral is for its one reader: not shown to U1 when it was for U2.
    h.violations.record({
      level: 'refused',
      method: 'chat.postEphemeral',
      channel: 'C1',
      to: 'U2',
      error: 'no_text',
    });
    expect(h.take()).toBe('');
    h.violations.record({
      level: 'refused',
      method: 'chat.postEphemeral',
      channel: 'C1',
      to: 'U1',
      error: 'no_text',
    });
    expect(h.take()).toContain('nobody saw it: no_text');
  } finally {
    h.ui.close();
  }
});

test("in Japanese (SITEBOT_LANG=ja): its help, answers, header tags and the stand-in's verdict", async () => {
  const h = harness(false, textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' }));
  try {
    const typed = async (line: string) => {
      h.input.write(`${line}\n`);
      // readline answers on its next turn; the console prints synchronously for these words.
      for (let i = 0; i < 10 && !h.peek(); i++) await new Promise((r) => setImmediate(r));
      return h.take();
    };
    expect(h.banner).toContain('Slack コンソール: チャンネル C1、ユーザー U1。');
    expect(await typed('help')).toContain('別の Slack ユーザー ID として操作する (現在: U1)');
    expect(await typed('as U2')).toContain('U2 として操作します');
    expect(await typed('fly')).toContain('わかりません: fly (help と入力してください)');
    const m = h.messages.add({ channel: 'C1', user: 'U0SITEBOT', text: 'x', blocks: [], ephemeral_to: 'U2' });
    expect(h.take()).toContain('#1 (あなたにだけ表示)');
    h.messages.add(steps(['a', 'b', 'c']));
    h.take();
    h.messages.flag('C1', m.ts, [{ level: 'refused', error: 'invalid_blocks', detail: 'too long' }]);
    const flagged = h.take();
    expect(flagged).toContain('#1 (あなたにだけ表示、更新)');
    expect(flagged).toContain('⚠ Slack はこのメッセージへのリクエストを拒否しました');
    expect(flagged).not.toMatch(/only you|updated|Slack refused/);
  } finally {
    h.ui.close();
  }
});
