/**
 * The few SVG pieces both pictures draw with: escaped text, elements with attributes, the state
 * palette. Every string that reaches the SVG goes through `esc`, so an env name or an AWS value
 * can never become markup.
 */
import type { Tone } from './model';

export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
}

/** An element; `children` are already-built SVG strings. */
export function el(name: string, a: Attrs, ...children: string[]): string {
  return children.length ? `<${name}${attrs(a)}>${children.join('')}</${name}>` : `<${name}${attrs(a)}/>`;
}

/** A text element (escaped). */
export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return `<text${attrs({ x, y, ...a })}>${esc(content)}</text>`;
}

/** A rounded rectangle over `box`. */
export function boxRect(
  box: { x: number; y: number; w: number; h: number },
  paint: { fill: string; stroke: string; dash?: string; strokeWidth?: number; rx?: number },
): string {
  return el('rect', {
    x: box.x,
    y: box.y,
    width: box.w,
    height: box.h,
    rx: paint.rx ?? 8,
    fill: paint.fill,
    stroke: paint.stroke,
    'stroke-width': paint.strokeWidth ?? 1.5,
    'stroke-dasharray': paint.dash,
  });
}

/** A `<title>`: the tooltip a browser shows on hover. */
export function title(content: string): string {
  return `<title>${esc(content)}</title>`;
}

export interface Paint {
  fill: string;
  stroke: string;
  ink: string;
  dash?: string;
}

/** Green fine, amber under way, grey switched off, red wrong, dashed grey not there. */
export const TONE_PAINT: Record<Tone, Paint> = {
  ok: { fill: '#e6f4ea', stroke: '#1e8e3e', ink: '#0d652d' },
  busy: { fill: '#fef7e0', stroke: '#f29900', ink: '#8a4b00' },
  off: { fill: '#f1f3f4', stroke: '#80868b', ink: '#3c4043' },
  bad: { fill: '#fce8e6', stroke: '#d93025', ink: '#a50e0e' },
  absent: { fill: '#ffffff', stroke: '#bdc1c6', ink: '#80868b', dash: '5 4' },
};

/** About how wide a label is drawn at 11–12 px: a kana or kanji takes about twice a letter's room. */
export function labelWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 6.6;
  return w;
}

/**
 * The document around the drawing: size, fonts (a Japanese one first for Japanese text, where
 * the system has it: Debian's fonts-noto-cjk), its language, and a title for screen readers.
 */
export function svgDocument(
  width: number,
  height: number,
  label: string,
  body: string[],
  lang: 'en' | 'ja' = 'en',
): string {
  const fonts = `${lang === 'ja' ? 'Noto Sans CJK JP, ' : ''}DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
    ` xml:lang="${lang}" font-family="${fonts}" font-size="12" role="img">` +
    title(label) +
    el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }) +
    body.join('') +
    '</svg>'
  );
}

/** The colour key, one swatch per tone. */
export function legend(
  x: number,
  y: number,
  word: (tone: Tone) => string,
  tones: readonly Tone[] = ['ok', 'busy', 'off', 'bad', 'absent'],
): string {
  let cx = x;
  const parts: string[] = [];
  for (const tone of tones) {
    const p = TONE_PAINT[tone];
    parts.push(
      el('rect', {
        x: cx,
        y: y - 10,
        width: 14,
        height: 14,
        rx: 3,
        fill: p.fill,
        stroke: p.stroke,
        'stroke-dasharray': p.dash,
      }),
      text(cx + 20, y + 1, word(tone), { fill: '#3c4043' }),
    );
    cx += 34 + labelWidth(word(tone));
  }
  return el('g', { 'data-kind': 'legend' }, ...parts);
}
