/**
 * Block Kit → lines of terminal text, for the sandbox's terminal console. mrkdwn is drawn with
 * ANSI styles on a terminal (bold, italics, strike, code in cyan, links underlined) and without
 * its markers elsewhere; `:emoji:` codes become emoji. Unknown blocks are named, not dropped.
 */
import { findButtons } from './buttons';
import { parseMrkdwn, parsePlainText, type Inline, type MrkdwnBlock } from './mrkdwn-parse';

type Loose = Record<string, unknown>;

export interface TextStyle {
  /** ANSI colours and styles (a terminal), or plain text (a pipe, a log). */
  ansi: boolean;
}

const SGR = {
  bold: ['\x1b[1m', '\x1b[22m'],
  italic: ['\x1b[3m', '\x1b[23m'],
  strike: ['\x1b[9m', '\x1b[29m'],
  code: ['\x1b[36m', '\x1b[39m'],
  link: ['\x1b[4m', '\x1b[24m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  mention: ['\x1b[34m', '\x1b[39m'],
  danger: ['\x1b[31m', '\x1b[39m'],
  primary: ['\x1b[32m', '\x1b[39m'],
  warning: ['\x1b[33m', '\x1b[39m'],
} as const;

function paint(style: TextStyle, kind: keyof typeof SGR, text: string): string {
  return style.ansi && text ? `${SGR[kind][0]}${text}${SGR[kind][1]}` : text;
}

function obj(v: unknown): Loose {
  return typeof v === 'object' && v !== null ? (v as Loose) : {};
}

function inlineToText(nodes: readonly Inline[], style: TextStyle): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return n.text;
        case 'bold':
        case 'italic':
        case 'strike':
          return paint(style, n.type, inlineToText(n.children, style));
        case 'code':
          return paint(style, 'code', n.text);
        case 'link':
          return n.label === n.url
            ? paint(style, 'link', n.url)
            : `${paint(style, 'link', n.label)} (${n.url})`;
        case 'user':
          return paint(style, 'mention', `@${n.label ?? n.id}`);
        case 'channel':
          return paint(style, 'mention', `#${n.label ?? n.id}`);
        case 'broadcast':
          return paint(style, 'mention', `@${n.name}`);
        case 'emoji':
          return n.char;
        case 'newline':
          return '\n';
      }
    })
    .join('');
}

function mrkdwnLines(blocks: readonly MrkdwnBlock[], style: TextStyle): string[] {
  return blocks.flatMap((b) => {
    if (b.type === 'pre') return b.text.split('\n').map((l) => `  ${paint(style, 'code', l)}`);
    const lines = inlineToText(b.children, style).split('\n');
    return b.type === 'quote' ? lines.map((l) => `│ ${l}`) : lines;
  });
}

/** A text object (`mrkdwn` or `plain_text`) as lines. */
function textObject(v: unknown, style: TextStyle): string[] {
  const t = obj(v);
  if (typeof t.text !== 'string') return [];
  if (t.type === 'plain_text')
    return inlineToText(parsePlainText(t.text, t.emoji !== false), style).split('\n');
  return mrkdwnLines(parseMrkdwn(t.text), style);
}

function blockLines(block: Loose, style: TextStyle): string[] {
  switch (block.type) {
    case 'header': {
      const text = textObject(block.text, style).join(' ');
      return [style.ansi ? paint(style, 'bold', text) : `== ${text} ==`];
    }
    case 'section': {
      const lines = textObject(block.text, style);
      if (Array.isArray(block.fields))
        for (const f of block.fields) lines.push(...textObject(f, style).map((l) => `  ${l}`));
      return lines;
    }
    case 'context': {
      if (!Array.isArray(block.elements)) return [];
      const parts = block.elements.map((e) =>
        obj(e).type === 'image' ? `[${String(obj(e).alt_text ?? 'image')}]` : textObject(e, style).join(' '),
      );
      return [paint(style, 'dim', parts.filter(Boolean).join('  '))];
    }
    case 'divider':
      return [style.ansi ? paint(style, 'dim', '─'.repeat(24)) : '----'];
    case 'actions':
      // Buttons are listed after the body, numbered; other elements are named.
      return Array.isArray(block.elements)
        ? block.elements
            .filter((e) => obj(e).type !== 'button')
            .map((e) => paint(style, 'dim', `[${String(obj(e).type)}]`))
        : [];
    case 'image':
      return [`[image: ${String(block.alt_text ?? block.title ?? '')}]`];
    default:
      return [paint(style, 'dim', `[${String(block.type)} block]`)];
  }
}

export interface RenderableMessage {
  text: string;
  blocks: readonly unknown[];
  files?: readonly { name?: string; title?: string }[];
}

/**
 * The message's blocks as lines (or its `text`, as mrkdwn, when it has no blocks), then its
 * files, then its buttons numbered `<n>.<i>` so a person can type `press <n>.<i>`.
 */
export function renderMessageLines(n: number, message: RenderableMessage, style: TextStyle): string[] {
  const lines = message.blocks.length
    ? message.blocks.flatMap((b) => blockLines(obj(b), style))
    : mrkdwnLines(parseMrkdwn(message.text), style);
  for (const f of message.files ?? []) lines.push(`[file: ${f.title ?? f.name ?? 'untitled'}]`);
  const buttons = findButtons(message.blocks).map((b, i) => {
    const label = `[${n}.${i + 1} ${b.text}]`;
    return b.style === 'danger' || b.style === 'primary' ? paint(style, b.style, label) : label;
  });
  if (buttons.length) lines.push(buttons.join(' '));
  return lines;
}

/** The same as one string of plain text (no ANSI). */
export function renderMessageText(n: number, message: RenderableMessage): string {
  return renderMessageLines(n, message, { ansi: false }).join('\n');
}
