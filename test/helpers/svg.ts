/**
 * Reads the SVG sitebot draws (src/diagram) without a browser: checks that it is well-formed
 * (every tag closed in order, no raw `<` or `&` in text) and lists its elements with their
 * attributes, so tests can look for `data-kind` and friends.
 */
export interface SvgElement {
  tag: string;
  attrs: Record<string, string>;
  /** The text of a `<text>` element (entities decoded). */
  text?: string;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

export function readSvg(svg: string): SvgElement[] {
  const out: SvgElement[] = [];
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  let last: SvgElement | undefined;
  let m: RegExpExecArray | null;
  let read = 0;
  while ((m = token.exec(svg))) {
    read = token.lastIndex;
    const [, closing, tag, rawAttrs, selfClosing, content] = m;
    if (content !== undefined) {
      if (/&(?!(lt|gt|amp|quot|#39);)/.test(content)) throw new Error(`raw & in text: ${content}`);
      if (last?.tag === 'text') last.text = (last.text ?? '') + decode(content);
      continue;
    }
    if (closing) {
      if (stack.pop() !== tag) throw new Error(`</${tag}> closes nothing open`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = decode(a[2]);
    last = { tag, attrs };
    out.push(last);
    if (!selfClosing) stack.push(tag);
  }
  if (read !== svg.length) throw new Error(`not well-formed at ${read}: ${svg.slice(read, read + 40)}`);
  if (stack.length) throw new Error(`unclosed: ${stack.join(', ')}`);
  return out;
}

export const byKind = (els: SvgElement[], kind: string) => els.filter((e) => e.attrs['data-kind'] === kind);
