/** Finds the buttons in a message's Block Kit blocks, in reading order. */

export interface FoundButton {
  action_id: string;
  block_id?: string;
  text: string;
  value?: string;
  style?: string;
}

type Loose = Record<string, unknown>;

function asObject(v: unknown): Loose | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : undefined;
}

function buttonOf(element: unknown, blockId: string | undefined): FoundButton | undefined {
  const e = asObject(element);
  if (!e || e.type !== 'button' || typeof e.action_id !== 'string') return undefined;
  const label = asObject(e.text)?.text;
  return {
    action_id: e.action_id,
    block_id: blockId,
    text: typeof label === 'string' ? label : e.action_id,
    value: typeof e.value === 'string' ? e.value : undefined,
    style: typeof e.style === 'string' ? e.style : undefined,
  };
}

export function findButtons(blocks: readonly unknown[]): FoundButton[] {
  const found: FoundButton[] = [];
  for (const raw of blocks) {
    const block = asObject(raw);
    if (!block) continue;
    const blockId = typeof block.block_id === 'string' ? block.block_id : undefined;
    const candidates =
      block.type === 'actions' && Array.isArray(block.elements) ? block.elements : [block.accessory];
    for (const c of candidates) {
      const b = buttonOf(c, blockId);
      if (b) found.push(b);
    }
  }
  return found;
}
