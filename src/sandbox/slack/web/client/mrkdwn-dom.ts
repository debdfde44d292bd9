/** Slack mrkdwn (parsed by ../../mrkdwn-parse.ts, the terminal's parser too) → DOM nodes. */
import { parseMrkdwn, parsePlainText, type Inline } from '../../mrkdwn-parse';
import { h, safeHref } from './dom';
import type { ConsoleTexts } from './texts';

export interface PeopleContext {
  /** The user the page acts as: mentions of them stand out, as in Slack. */
  me: string;
  botUserId: string;
  botName: string;
  /** The page's words. */
  t: ConsoleTexts;
}

function mention(id: string, label: string | undefined, ctx: PeopleContext): HTMLElement {
  const name = id === ctx.botUserId ? ctx.botName : (label ?? id);
  return h(
    'span',
    { class: id === ctx.me ? 'mention me' : 'mention', attrs: { 'data-user': id } },
    `@${name}`,
  );
}

export function inlineNodes(nodes: readonly Inline[], ctx: PeopleContext): Node[] {
  return nodes.map((n): Node => {
    switch (n.type) {
      case 'text':
        return document.createTextNode(n.text);
      case 'bold':
        return h('b', {}, ...inlineNodes(n.children, ctx));
      case 'italic':
        return h('i', {}, ...inlineNodes(n.children, ctx));
      case 'strike':
        return h('s', {}, ...inlineNodes(n.children, ctx));
      case 'code':
        return h('code', {}, n.text);
      case 'link': {
        const href = safeHref(n.url);
        return href
          ? h('a', { attrs: { href, target: '_blank', rel: 'noopener noreferrer' } }, n.label)
          : document.createTextNode(n.label);
      }
      case 'user':
        return mention(n.id, n.label, ctx);
      case 'channel':
        return h('span', { class: 'mention' }, `#${n.label ?? n.id}`);
      case 'broadcast':
        return h('span', { class: 'mention me' }, `@${n.name}`);
      case 'emoji':
        return h('span', { class: 'emoji', attrs: { title: `:${n.name}:`, 'data-emoji': n.name } }, n.char);
      case 'newline':
        return h('br');
    }
  });
}

export function mrkdwnNode(text: string, ctx: PeopleContext): HTMLElement {
  const blocks = parseMrkdwn(text).map((b) => {
    if (b.type === 'pre') return h('pre', {}, b.text);
    const children = inlineNodes(b.children, ctx);
    return b.type === 'quote' ? h('blockquote', {}, ...children) : h('p', {}, ...children);
  });
  return h('div', { class: 'mrkdwn' }, ...blocks);
}

export function plainNode(text: string, emoji: boolean, ctx: PeopleContext): HTMLElement {
  return h('span', { class: 'plain' }, ...inlineNodes(parsePlainText(text, emoji), ctx));
}
