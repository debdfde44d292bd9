/**
 * The stand-in's verdict on a message (./verdict.ts) and its wording, shared by the terminal
 * console and the web page (which bundles this file: it imports only the console catalogue).
 */
import { webConsole } from '../../i18n/en/console';

export interface MessageVerdict {
  /** Why Slack refused the message (`undelivered`) or a request about it; empty when none. */
  refused: string[];
  warnings: string[];
  /** Set when Slack refused the message itself: nobody would have seen it. */
  undelivered?: true;
}

/** How the lines begin: the console catalogue's words (src/i18n/<lang>/console.ts). */
export interface VerdictWords {
  refusedMessage(): string;
  refusedRequest(): string;
}

const ENGLISH_WORDS: VerdictWords = webConsole();

/**
 * The verdict as lines above the message, worded the same in the web and the terminal console
 * (the web page gives its own language's words; the reasons are Slack's error codes, as Slack
 * gives them).
 */
export function verdictLines(
  v: MessageVerdict,
  words: VerdictWords = ENGLISH_WORDS,
): { refused: boolean; text: string }[] {
  const refusedHow = v.undelivered ? words.refusedMessage() : words.refusedRequest();
  return [
    ...v.refused.map((r) => ({ refused: true, text: `⚠ ${refusedHow}: ${r}` })),
    ...v.warnings.map((w) => ({ refused: false, text: `⚠ ${w}` })),
  ];
}
