/**
 * The sandbox's terminal console (src/sandbox/slack/console.ts): its banner, help, the tags on a
 * message's header and its answers to what was typed. Japanese: ../ja/terminal.ts.
 */
import type { Formatter } from '../../domain/format';

export const terminal = (f: Formatter) => ({
  banner: (a: { channel: string; user: string }) =>
    `Slack console: channel ${a.channel} as ${a.user}. Type /site help, or help for console commands.`,
  help: (a: { channel: string; user: string }) =>
    [
      'Type a slash command as in Slack, e.g. `/site help` or `/site create demo`.',
      '  press <n>.<i>   press button i of message n',
      `  as <user>       act as another Slack user id (now: ${a.user})`,
      `  channel <id>    switch channel (now: ${a.channel})`,
      '  messages        re-print the channel',
      '  quit            stop the sandbox',
    ].join('\n'),
  actingAs: (a: { user: string }) => `now acting as ${a.user}`,
  nowIn: (a: { channel: string }) => `now in ${a.channel}`,
  notUnderstood: (a: { line: string }) => `not understood: ${a.line} (type help)`,
  noButton: (a: { ref: string }) => `no button ${a.ref}`,
  httpStatus: (a: { status: number }) => `(the bot answered HTTP ${a.status})`,
  error: (a: { message: string }) => `error: ${a.message}`,
  /** Tags on a message's header line: `#3 (only you, reply in thread #1, updated)`. */
  onlyYou: () => 'only you',
  replyIn: (a: { n: string }) => `reply in thread #${a.n}`,
  updated: (a: { fewer: number }) =>
    a.fewer > 0 ? `updated, ${a.fewer} ${f.plural(a.fewer) === 'one' ? 'line' : 'lines'} fewer` : 'updated',
  deleted: (a: { n: number }) => `#${a.n} deleted`,
  /** A post Slack refused: never stored, so said where it would have been. */
  refusedPost: (a: { excerpt?: string; problem: string }) =>
    `⚠ Slack refused a message from the bot${a.excerpt ? ` (“${a.excerpt}”)` : ''}, nobody saw it: ${a.problem}`,
  /** Between a header's tags. */
  tagSeparator: () => ', ',
});

export type TerminalTexts = ReturnType<typeof terminal>;
