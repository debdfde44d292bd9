/**
 * Building DOM nodes without markup: text always goes in as text nodes, so nothing a message,
 * an env name or a typed command contains can become an element or run. The page never uses
 * innerHTML.
 */
type Child = Node | string | undefined | false;

export interface Props {
  class?: string;
  attrs?: Record<string, string | undefined>;
  on?: Partial<Record<keyof HTMLElementEventMap, (e: Event) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  for (const [k, v] of Object.entries(props.attrs ?? {})) if (v !== undefined) el.setAttribute(k, v);
  for (const [event, fn] of Object.entries(props.on ?? {})) if (fn) el.addEventListener(event, fn);
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

/** Only links a browser opens as pages or mail: no javascript:, data: or the like. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
