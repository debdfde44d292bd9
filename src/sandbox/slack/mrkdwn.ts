/**
 * Text Slack would misrender: in mrkdwn, `&`, `<` and `>` are control characters. A `<` that
 * does not open a control sequence (`<@U…>`, `<#C…>`, `<!here>`, `<https://…|label>`, …) is
 * read as one anyway, so `/site extend <env> <dur>` shows without its placeholders. Slack does
 * not refuse such text; the stand-in records it as a warning.
 *
 * Escaping rules: https://api.slack.com/reference/surfaces/formatting#escaping ("Slack uses &,
 * <, and > as control characters ... they must be converted to HTML entities if they're not
 * going to be used for their parsing purpose"). Control sequences:
 * https://api.slack.com/reference/surfaces/formatting#advanced
 */

export interface UnescapedChar {
  /** Index in the text. */
  index: number;
  char: '&' | '<' | '>';
  /** The text around it, for a person to find it. */
  excerpt: string;
}

/** A mrkdwn string in a message and where it is (JSON pointer into the request). */
export interface MrkdwnString {
  pointer: string;
  text: string;
}

const ENTITIES = ['&amp;', '&lt;', '&gt;'];

/** What may stand between `<` and `>`: mentions, channels, specials, dates and links. */
const CONTROL_SEQUENCES = [
  /^@[UW][A-Z0-9]+(\|[^|]*)?$/,
  /^#[CG][A-Z0-9]+(\|[^|]*)?$/,
  /^!(here|channel|everyone)(\|[^|]*)?$/,
  /^!subteam\^[A-Z0-9]+(\|[^|]*)?$/,
  /^!date\^\d+\^[^|]+(\|[^|]*)?$/,
  /^(https?|mailto|tel|ftp|slack):[^\s|]+(\|[^|]*)?$/,
];

function excerptAt(text: string, from: number, to: number): string {
  return text.slice(Math.max(0, from - 15), Math.min(text.length, to + 15)).replace(/\n/g, ' ');
}

/** Every `&`, `<` or `>` in `text` that Slack would not show as typed. */
export function findUnescaped(text: string): UnescapedChar[] {
  const found: UnescapedChar[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '&') {
      const entity = ENTITIES.find((e) => text.startsWith(e, i));
      if (entity) {
        i += entity.length;
        continue;
      }
      found.push({ index: i, char: '&', excerpt: excerptAt(text, i, i + 1) });
    } else if (c === '<') {
      const close = text.indexOf('>', i + 1);
      const inner = close < 0 ? '' : text.slice(i + 1, close);
      if (close >= 0 && !inner.includes('<') && !inner.includes('\n') && isControlSequence(inner)) {
        i = close + 1;
        continue;
      }
      const end = close >= 0 && !inner.includes('\n') ? close + 1 : i + 1;
      found.push({ index: i, char: '<', excerpt: excerptAt(text, i, end) });
      // `<env>`: one finding for the pair, not two.
      if (end > i + 1) {
        i = end;
        continue;
      }
    } else if (c === '>' && i > 0 && text[i - 1] !== '\n') {
      // At the start of a line `>` quotes the line: that is its parsing purpose.
      found.push({ index: i, char: '>', excerpt: excerptAt(text, i, i + 1) });
    }
    i += 1;
  }
  return found;
}

function isControlSequence(inner: string): boolean {
  return CONTROL_SEQUENCES.some((re) => re.test(inner));
}

/**
 * The strings of a message Slack formats as mrkdwn: the top-level `text` (unless the request
 * says `mrkdwn: false`) and every `{ type: 'mrkdwn', text }` object in its blocks.
 */
export function mrkdwnStrings(message: {
  text?: unknown;
  blocks?: unknown;
  mrkdwn?: unknown;
}): MrkdwnString[] {
  const out: MrkdwnString[] = [];
  const topLevelIsMrkdwn = message.mrkdwn !== false && message.mrkdwn !== 'false';
  if (topLevelIsMrkdwn && typeof message.text === 'string' && message.text !== '') {
    out.push({ pointer: '/text', text: message.text });
  }
  const walk = (v: unknown, pointer: string) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${pointer}/${i}`));
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') {
      out.push({ pointer: `${pointer}/text`, text: o.text });
      return;
    }
    for (const [key, child] of Object.entries(o)) walk(child, `${pointer}/${key}`);
  };
  walk(message.blocks, '/blocks');
  return out;
}
