/**
 * Slack's `mrkdwn` as a small tree, for the consoles to draw (the terminal with ANSI styles, the
 * web page with DOM nodes). Pure and DOM-free. What it reads, per Slack's "Formatting text for
 * app surfaces" (docs.slack.dev/messaging/formatting-message-text):
 * - `*bold*`, `_italic_`, `~strike~` at word boundaries, on one line, nestable;
 * - `` `code` `` and fenced ```` ```code blocks``` ```` (nothing is formatted inside);
 * - lines starting with `>` (or its escape `&gt;`) as quotes;
 * - `<https://…|label>`, `<https://…>`, `<mailto:…|label>`, `<@U123>` mentions, `<#C123|name>`
 *   channels, `<!here>` / `<!channel>` / `<!everyone>`, `<!date^…|fallback>` (its fallback);
 * - the three escapes `&amp;` `&lt;` `&gt;`, decoded only after parsing, so an escaped `<b>`
 *   stays text;
 * - bare `http(s)://…` addresses, which Slack's clients show as links;
 * - `:emoji:` shortcodes Slack knows (./emoji.ts); unknown ones stay as typed.
 */
import { emojiFor } from './emoji';

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'bold' | 'italic' | 'strike'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; url: string; label: string }
  | { type: 'user'; id: string; label?: string }
  | { type: 'channel'; id: string; label?: string }
  | { type: 'broadcast'; name: string }
  | { type: 'emoji'; name: string; char: string }
  | { type: 'newline' };

export type MrkdwnBlock =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'quote'; children: Inline[] }
  | { type: 'pre'; text: string };

const MARKERS: Record<string, 'bold' | 'italic' | 'strike'> = { '*': 'bold', _: 'italic', '~': 'strike' };

/** Slack's three escapes; anything else (`&quot;`) is shown as sent. */
export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_, name: string) =>
    name === 'lt' ? '<' : name === 'gt' ? '>' : '&',
  );
}

export function parseMrkdwn(source: string): MrkdwnBlock[] {
  const blocks: MrkdwnBlock[] = [];
  const fence = /```([\s\S]*?)```/g;
  let last = 0;
  for (let m = fence.exec(source); m; m = fence.exec(source)) {
    pushLines(blocks, source.slice(last, m.index));
    blocks.push({ type: 'pre', text: decodeEntities(m[1].replace(/^\n/, '').replace(/\n$/, '')) });
    last = m.index + m[0].length;
  }
  pushLines(blocks, source.slice(last));
  return blocks;
}

/** Plain-text objects: shown as sent, only `:emoji:` turned into emoji (Block Kit's `emoji: true`). */
export function parsePlainText(text: string, emoji = true): Inline[] {
  return emoji ? withEmoji(text) : [{ type: 'text', text }];
}

function pushLines(blocks: MrkdwnBlock[], segment: string): void {
  if (segment === '') return;
  // Text right around a fence belongs to its own lines: drop the newline that separates them.
  const lines = segment.replace(/^\n/, '').replace(/\n$/, '').split('\n');
  for (const line of lines) {
    const quote = /^(?:>|&gt;) ?(.*)$/.exec(line);
    const kind = quote ? 'quote' : 'paragraph';
    const children = parseInline(quote ? quote[1] : line);
    const prev = blocks[blocks.length - 1];
    if (prev && prev.type === kind) prev.children.push({ type: 'newline' }, ...children);
    else blocks.push({ type: kind, children });
  }
}

/**
 * One line: inline code and `<…>` constructs become atoms first (nothing inside them is
 * formatted), stood in for by private-use characters; emphasis is parsed around them.
 */
export function parseInline(line: string): Inline[] {
  const atoms: Inline[] = [];
  const atom = (node: Inline) => String.fromCharCode(0xe000 + atoms.push(node) - 1);
  const masked = line
    // A private-use character in the input must not be taken for an atom.
    .replace(/[\ue000-\uf8ff]/g, '\ufffd')
    .replace(/`([^`]+)`/g, (_, code: string) => atom({ type: 'code', text: decodeEntities(code) }))
    .replace(/<([^<>]+)>/g, (whole: string, inner: string) => {
      const node = angle(inner);
      return node ? atom(node) : whole;
    });
  return emphasis(masked, atoms);
}

function angle(inner: string): Inline | undefined {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? decodeEntities(inner.slice(bar + 1)) : undefined;
  if (target.startsWith('@')) return { type: 'user', id: target.slice(1), ...(label ? { label } : {}) };
  if (target.startsWith('#')) return { type: 'channel', id: target.slice(1), ...(label ? { label } : {}) };
  if (target.startsWith('!')) {
    const name = target.slice(1);
    if (['here', 'channel', 'everyone'].includes(name)) return { type: 'broadcast', name };
    // <!date^…|fallback>, <!subteam^ID|@team>: the fallback is what a client without it shows.
    return { type: 'text', text: label ?? `@${name.split('^')[0]}` };
  }
  if (/^(https?:\/\/|mailto:)/i.test(target)) {
    const url = decodeEntities(target);
    return { type: 'link', url, label: label ?? url };
  }
  return undefined;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
/** Start or end of text, a space, punctuation or an atom: where Slack lets a marker open or close. */
const isBoundary = (c: string | undefined) => c === undefined || /[\s\p{P}\p{S}\ue000-\uf8ff]/u.test(c);

function emphasis(text: string, atoms: Inline[]): Inline[] {
  const out: Inline[] = [];
  let plainFrom = 0;
  let i = 0;
  while (i < text.length) {
    const kind = MARKERS[text[i]];
    const close = kind ? closingOf(text, i) : -1;
    if (close < 0) {
      i += 1;
      continue;
    }
    if (i > plainFrom) out.push(...expand(text.slice(plainFrom, i), atoms));
    out.push({ type: kind, children: emphasis(text.slice(i + 1, close), atoms) });
    i = close + 1;
    plainFrom = i;
  }
  if (plainFrom < text.length) out.push(...expand(text.slice(plainFrom), atoms));
  return out;
}

/** Where the marker at `open` closes, or -1 when it does not open anything. */
function closingOf(text: string, open: number): number {
  const marker = text[open];
  const before = text[open - 1];
  if (!isBoundary(before) || before === marker) return -1;
  if (isSpace(text[open + 1]) || text[open + 1] === undefined || text[open + 1] === marker) return -1;
  for (let j = open + 2; j < text.length; j += 1) {
    if (text[j] !== marker) continue;
    if (!isSpace(text[j - 1]) && isBoundary(text[j + 1])) return j;
  }
  return -1;
}

/** Text with atoms put back, emoji found and escapes decoded. */
function expand(text: string, atoms: Inline[]): Inline[] {
  const out: Inline[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0xe000 || code >= 0xe000 + atoms.length) continue;
    if (i > from) out.push(...withLinks(decodeEntities(text.slice(from, i))));
    out.push(atoms[code - 0xe000]);
    from = i + 1;
  }
  if (from < text.length) out.push(...withLinks(decodeEntities(text.slice(from))));
  return out;
}

/** Bare web addresses are links too, as Slack's clients show them (without a trailing full stop or bracket). */
function withLinks(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /\bhttps?:\/\/[^\s<>"]*[^\s<>".,;:!?')\]]/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > from) out.push(...withEmoji(text.slice(from, m.index)));
    out.push({ type: 'link', url: m[0], label: m[0] });
    from = m.index + m[0].length;
  }
  if (from < text.length) out.push(...withEmoji(text.slice(from)));
  return out;
}

function withEmoji(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /:([a-z0-9_+'-]+):(?::skin-tone-\d:)?/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const char = emojiFor(m[1]);
    if (!char) {
      // Not an emoji: let the closing colon start the next try (`a:b:white_check_mark:`).
      re.lastIndex = m.index + m[1].length + 1;
      continue;
    }
    if (m.index > from) out.push({ type: 'text', text: text.slice(from, m.index) });
    out.push({ type: 'emoji', name: m[1], char });
    from = m.index + m[0].length;
  }
  if (from < text.length) out.push({ type: 'text', text: text.slice(from) });
  return out;
}

/** The text a person reads, without styles (for tests, titles and the plain terminal). */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
        case 'code':
          return n.text;
        case 'bold':
        case 'italic':
        case 'strike':
          return inlineText(n.children);
        case 'link':
          return n.label;
        case 'user':
          return `@${n.label ?? n.id}`;
        case 'channel':
          return `#${n.label ?? n.id}`;
        case 'broadcast':
          return `@${n.name}`;
        case 'emoji':
          return n.char;
        case 'newline':
          return '\n';
      }
    })
    .join('');
}
