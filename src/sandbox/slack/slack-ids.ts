/**
 * Ids Slack fills in: a block posted without `block_id` comes back with a short random one, and
 * an interactive element without `action_id` gets one too, so every button press names both.
 * Slack's look like `=qXel`, `g5K`, `=he` (block_id) and `WaXA` (action_id): a few characters
 * of the base64 alphabet. Example payload:
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

function randomId(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

type Loose = Record<string, unknown>;

function withActionId(element: unknown): unknown {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return element;
  const e = element as Loose;
  // Images (a section's accessory may be one) are not interactive.
  return e.type === 'image' || e.action_id !== undefined ? e : { ...e, action_id: randomId(4) };
}

/** A copy of `blocks` with Slack's ids filled in where the author set none. */
export function fillSlackIds(blocks: readonly unknown[]): unknown[] {
  const used = new Set(
    blocks.map((b) => (b as Loose | null)?.block_id).filter((id): id is string => typeof id === 'string'),
  );
  return blocks.map((raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
    const block = { ...(raw as Loose) };
    if (typeof block.block_id !== 'string') {
      let id = randomId(3 + randomInt(3));
      while (used.has(id)) id = randomId(5);
      used.add(id);
      block.block_id = id;
    }
    if (block.type === 'actions' && Array.isArray(block.elements))
      block.elements = block.elements.map(withActionId);
    if (block.accessory !== undefined) block.accessory = withActionId(block.accessory);
    return block;
  });
}
