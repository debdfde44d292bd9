/**
 * The stand-in's verdict on a message (./verdict.ts) and its wording, shared by the terminal
 * console and the web page (which bundles this file: it imports nothing).
 */

export interface MessageVerdict {
  /** Why Slack refused the message (`undelivered`) or a request about it; empty when none. */
  refused: string[];
  warnings: string[];
  /** Set when Slack refused the message itself: nobody would have seen it. */
  undelivered?: true;
}

/** The verdict as lines above the message, worded the same in the web and the terminal console. */
export function verdictLines(v: MessageVerdict): { refused: boolean; text: string }[] {
  const refusedHow = v.undelivered
    ? 'Slack refused this message (nobody saw it)'
    : 'Slack refused a request about this message';
  return [
    ...v.refused.map((r) => ({ refused: true, text: `⚠ ${refusedHow}: ${r}` })),
    ...v.warnings.map((w) => ({ refused: false, text: `⚠ ${w}` })),
  ];
}
