/**
 * Block Kit → DOM, as Slack draws it: header, section (text, fields, accessory), context,
 * divider, actions with buttons (primary, danger, confirm dialogs), image (its alt text: the
 * page fetches nothing from elsewhere). Blocks it does not draw are named, not dropped.
 */
import { h } from './dom';
import { mrkdwnNode, plainNode, type PeopleContext } from './mrkdwn-dom';

type Loose = Record<string, unknown>;

const obj = (v: unknown): Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface ConfirmSpec {
  title: string;
  text: { type: string; text: string };
  confirm: string;
  deny: string;
  style?: string;
}

export interface ButtonSpec {
  actionId: string;
  label: string;
  style?: string;
  confirm?: ConfirmSpec;
}

export interface BlockContext extends PeopleContext {
  press(button: ButtonSpec, el: HTMLButtonElement): void;
}

/** A text object: mrkdwn, or plain text (with :emoji: unless `emoji: false`). */
export function textNode(v: unknown, ctx: PeopleContext): HTMLElement | undefined {
  const t = obj(v);
  const text = str(t.text);
  if (text === undefined) return undefined;
  return t.type === 'plain_text' ? plainNode(text, t.emoji !== false, ctx) : mrkdwnNode(text, ctx);
}

function confirmOf(v: unknown, ctx: PeopleContext): ConfirmSpec | undefined {
  const c = obj(v);
  if (!c.title && !c.text) return undefined;
  const textObj = obj(c.text);
  return {
    title: str(obj(c.title).text) ?? ctx.t.confirmTitle(),
    text: { type: str(textObj.type) ?? 'mrkdwn', text: str(textObj.text) ?? '' },
    confirm: str(obj(c.confirm).text) ?? ctx.t.confirmYes(),
    deny: str(obj(c.deny).text) ?? ctx.t.confirmNo(),
    ...(str(c.style) ? { style: str(c.style) } : {}),
  };
}

function element(e: Loose, ctx: BlockContext): HTMLElement {
  if (e.type === 'button' && typeof e.action_id === 'string') {
    const spec: ButtonSpec = {
      actionId: e.action_id,
      label: str(obj(e.text).text) ?? e.action_id,
      ...(str(e.style) ? { style: str(e.style) } : {}),
      ...(confirmOf(e.confirm, ctx) ? { confirm: confirmOf(e.confirm, ctx) } : {}),
    };
    const button = h(
      'button',
      {
        class: `bk-button${spec.style ? ` ${spec.style}` : ''}`,
        attrs: {
          type: 'button',
          'data-action-id': spec.actionId,
          ...(spec.confirm ? { 'data-confirm': 'true' } : {}),
        },
      },
      plainNode(spec.label, true, ctx),
    );
    button.addEventListener('click', () => ctx.press(spec, button));
    return button;
  }
  if (e.type === 'image') return h('span', { class: 'bk-image' }, `[image: ${str(e.alt_text) ?? ''}]`);
  if (e.type === 'mrkdwn' || e.type === 'plain_text') return textNode(e, ctx) ?? h('span');
  return h('span', { class: 'bk-unknown' }, `[${str(e.type) ?? 'element'}]`);
}

function block(b: Loose, ctx: BlockContext): HTMLElement {
  const type = str(b.type) ?? 'unknown';
  const base = {
    attrs: { 'data-block': type, ...(str(b.block_id) ? { 'data-block-id': str(b.block_id) } : {}) },
  };
  switch (type) {
    case 'header':
      return h('div', { class: 'bk-header', ...base }, textNode(b.text, ctx));
    case 'section': {
      const fields = Array.isArray(b.fields) ? b.fields.map((f) => textNode(f, ctx)) : [];
      return h(
        'div',
        { class: 'bk-section', ...base },
        h(
          'div',
          { class: 'bk-text' },
          textNode(b.text, ctx),
          fields.length > 0 && h('div', { class: 'bk-fields' }, ...fields),
        ),
        b.accessory !== undefined && element(obj(b.accessory), ctx),
      );
    }
    case 'context':
      return h(
        'div',
        { class: 'bk-context', ...base },
        ...(Array.isArray(b.elements) ? b.elements.map((e) => element(obj(e), ctx)) : []),
      );
    case 'divider':
      return h('hr', { class: 'bk-divider', ...base });
    case 'actions':
      return h(
        'div',
        { class: 'bk-actions', ...base },
        ...(Array.isArray(b.elements) ? b.elements.map((e) => element(obj(e), ctx)) : []),
      );
    case 'image':
      return h(
        'div',
        { class: 'bk-image', ...base },
        `[image: ${str(b.alt_text) ?? str(obj(b.title).text) ?? ''}]`,
      );
    default:
      return h('div', { class: 'bk-unknown', ...base }, `[${type} block]`);
  }
}

export function renderBlocks(blocks: readonly unknown[], ctx: BlockContext): HTMLElement[] {
  return blocks.map((b) => block(obj(b), ctx));
}
