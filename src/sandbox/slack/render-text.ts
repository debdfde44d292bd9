/** Block Kit → readable terminal text, for the sandbox console. Unknown blocks are skipped. */
import { findButtons } from './buttons';

type Loose = Record<string, unknown>;

function obj(v: unknown): Loose {
  return typeof v === 'object' && v !== null ? (v as Loose) : {};
}

function textOf(v: unknown): string {
  const t = obj(v).text;
  return typeof t === 'string' ? t : '';
}

/** Slack markup people would not type: `<@U1>` → @U1, `<url|label>` → label (url). */
export function plainMrkdwn(text: string): string {
  return text
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, '#$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function blockLines(block: Loose): string[] {
  switch (block.type) {
    case 'header':
      return [`== ${textOf(block.text)} ==`];
    case 'section': {
      const lines = textOf(block.text) ? [textOf(block.text)] : [];
      if (Array.isArray(block.fields)) lines.push(...block.fields.map((f) => `  ${textOf(f)}`));
      return lines;
    }
    case 'context':
      return Array.isArray(block.elements)
        ? [`  ${block.elements.map(textOf).filter(Boolean).join('  ')}`]
        : [];
    case 'divider':
      return ['----'];
    default:
      return [];
  }
}

/**
 * The message's blocks as lines of text (or its `text` when it has no blocks), then its
 * buttons numbered `<n>.<i>` so a person can type `press <n>.<i>`.
 */
export function renderMessageText(n: number, message: { text: string; blocks: readonly unknown[] }): string {
  const body = message.blocks.length
    ? message.blocks.flatMap((b) => blockLines(obj(b))).join('\n')
    : message.text;
  const buttons = findButtons(message.blocks).map((b, i) => `[${n}.${i + 1} ${b.text}]`);
  const out = plainMrkdwn(body);
  return buttons.length ? `${out}\n${buttons.join(' ')}` : out;
}
