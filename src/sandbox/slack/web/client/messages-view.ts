/**
 * A list of messages on the page (the channel, or an open thread). Each message is one element,
 * made once: an update redraws its inside and keeps the element, so what a person is looking at
 * changes in place, as in Slack. Ephemerals show only to the user they are for.
 */
import { verdictLines } from '../../verdict-lines';
import { renderBlocks, type ButtonSpec } from './blocks';
import { h } from './dom';
import { mrkdwnNode, type PeopleContext } from './mrkdwn-dom';
import { compareTs } from './order';
import type { ConsoleMessage } from './types';

export interface ViewContext extends PeopleContext {
  userLabel(id: string): string;
  press(message: ConsoleMessage, button: ButtonSpec, el: HTMLButtonElement): void;
  openThread(ts: string): void;
  dismiss(ts: string): void;
  /** Visible replies to a message (for its "N replies" link). */
  replyCount(ts: string): number;
}

/** The time of a message, in the page's language and the browser's time zone. */
const timeOf = (ts: string) =>
  new Date(Number(ts.split('.')[0]) * 1000).toLocaleTimeString(document.documentElement.lang || [], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

function content(m: ConsoleMessage, ctx: ViewContext, inThread: boolean): Node[] {
  const bot = m.user === ctx.botUserId;
  const name = bot ? ctx.botName : ctx.userLabel(m.user);
  const blockCtx = { ...ctx, press: (button: ButtonSpec, el: HTMLButtonElement) => ctx.press(m, button, el) };
  const replies = inThread ? 0 : ctx.replyCount(m.ts);
  return [
    h(
      'div',
      { class: bot ? 'avatar bot' : 'avatar', attrs: { 'aria-hidden': 'true' } },
      bot ? 'S' : m.user.slice(0, 2),
    ),
    h(
      'div',
      { class: 'msg-body' },
      h(
        'div',
        { class: 'msg-meta' },
        h('span', { class: 'author' }, name),
        bot && h('span', { class: 'app-badge' }, ctx.t.app()),
        h(
          'time',
          { attrs: { datetime: new Date(Number(m.ts.split('.')[0]) * 1000).toISOString() } },
          timeOf(m.ts),
        ),
        m.edits > 0 && h('span', { class: 'edited' }, ctx.t.edited()),
      ),
      m.ephemeral_to &&
        h(
          'div',
          { class: 'ephemeral-note' },
          h('span', {}, ctx.t.onlyYou()),
          h('button', { attrs: { type: 'button' }, on: { click: () => ctx.dismiss(m.ts) } }, ctx.t.dismiss()),
        ),
      ...verdictLines(m.verdict, ctx.t).map((v) =>
        h(
          'div',
          { class: v.refused ? 'verdict refused' : 'verdict', attrs: { role: v.refused ? 'alert' : 'note' } },
          v.text,
        ),
      ),
      h(
        'div',
        { class: 'msg-content' },
        ...(m.blocks.length ? renderBlocks(m.blocks, blockCtx) : [mrkdwnNode(m.text, ctx)]),
      ),
      ...(m.files ?? []).map((f) =>
        h(
          'figure',
          { class: 'file', attrs: { 'data-file': f.id } },
          f.mimetype.startsWith('image/')
            ? h('img', { attrs: { src: f.url, alt: f.alt ?? f.title } })
            : undefined,
          h(
            'figcaption',
            { class: 'file-name' },
            `${f.title} · ${f.name} · ${ctx.t.kb({ kb: Math.ceil(f.size / 1024) })}`,
          ),
        ),
      ),
      replies > 0 &&
        h(
          'button',
          { class: 'replies', attrs: { type: 'button' }, on: { click: () => ctx.openThread(m.ts) } },
          ctx.t.replies({ n: replies }),
        ),
    ),
  ];
}

export class MessageList {
  private readonly nodes = new Map<string, HTMLElement>();

  constructor(
    readonly container: HTMLElement,
    private readonly ctx: () => ViewContext,
    private readonly inThread = false,
  ) {}

  /** Shows `m` (a new element in ts order) or redraws the element it already has. */
  upsert(m: ConsoleMessage): void {
    const existing = this.nodes.get(m.ts);
    if (existing) {
      this.fill(existing, m);
      return;
    }
    const el = h('div', { attrs: { 'data-ts': m.ts } });
    this.fill(el, m);
    this.nodes.set(m.ts, el);
    const after = [...this.nodes.entries()]
      .filter(([ts]) => compareTs(ts, m.ts) > 0)
      .sort(([a], [b]) => compareTs(a, b))[0];
    const atBottom =
      this.container.scrollHeight - this.container.scrollTop - this.container.clientHeight < 40;
    if (after) this.container.insertBefore(el, after[1]);
    else this.container.append(el);
    if (atBottom) this.container.scrollTop = this.container.scrollHeight;
  }

  /** Makes the list show exactly `messages`: new ones added, known ones redrawn in place, others removed. */
  sync(messages: readonly ConsoleMessage[]): void {
    const keep = new Set(messages.map((m) => m.ts));
    for (const ts of [...this.nodes.keys()]) if (!keep.has(ts)) this.remove(ts);
    for (const m of messages) this.upsert(m);
  }

  remove(ts: string): void {
    this.nodes.get(ts)?.remove();
    this.nodes.delete(ts);
  }

  has(ts: string): boolean {
    return this.nodes.has(ts);
  }

  clear(): void {
    this.nodes.clear();
    this.container.replaceChildren();
  }

  private fill(el: HTMLElement, m: ConsoleMessage): void {
    el.className = ['msg', m.ephemeral_to ? 'ephemeral' : '', m.verdict.undelivered ? 'undelivered' : '']
      .filter(Boolean)
      .join(' ');
    el.replaceChildren(...content(m, this.ctx(), this.inThread));
  }
}
