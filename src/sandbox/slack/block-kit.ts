/**
 * Block Kit as Slack checks it when a message is posted: limits, required fields and text object
 * types, each problem with a JSON pointer into the request as Slack reports it
 * (`must be less than 3001 characters [json-pointer:/blocks/0/text/text]`).
 *
 * Pure: no I/O, no state. `checkBlocks` finds the problems; `invalidBlocksAnswer` turns them
 * into Slack's answer. The pointers and error codes are Slack's; the wording follows what Slack
 * is seen to answer where that is known ("must be less than N characters", "no more than N items
 * allowed", "must be more than 0 characters", "failed to match all allowed schemas") and is ours
 * elsewhere (duplicate ids, unknown types).
 *
 * Limits, from Slack's Block Kit reference:
 * - blocks per message 50: https://docs.slack.dev/reference/block-kit/blocks
 * - section text 3,000, fields ≤ 10 × 2,000: https://docs.slack.dev/reference/block-kit/blocks/section-block
 * - header 150, plain_text only: https://docs.slack.dev/reference/block-kit/blocks/header-block
 * - context ≤ 10 elements: https://docs.slack.dev/reference/block-kit/blocks/context-block
 * - actions ≤ 25 elements: https://docs.slack.dev/reference/block-kit/blocks/actions-block
 * - block_id ≤ 255, unique in a message ("block_id should be unique for each message and each
 *   iteration of a message"): https://api.slack.com/reference/block-kit/blocks#section
 * - button text 75 plain_text, action_id ≤ 255 ("unique among all other action_ids in the
 *   containing block"), value ≤ 2,000, url ≤ 3,000, style primary|danger:
 *   https://docs.slack.dev/reference/block-kit/block-elements/button-element
 * - confirm: title 100, text 300, confirm 30, deny 30, all plain_text:
 *   https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
 * Answer shape (`errors` and `response_metadata.messages`), as Slack sends it:
 * https://github.com/adobe/spacecat-api-service/issues/176 and
 * https://github.com/yonicd/slackreprex/issues/3
 */

export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  buttonAccessibilityLabel: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  imageUrl: 3000,
  imageAltText: 2000,
  markdownBlockText: 12000,
} as const;

/** One thing Slack would refuse, where it is (a JSON pointer into the request) and why. */
export interface BlockProblem {
  pointer: string;
  message: string;
}

/** Slack's answer to blocks it refuses. */
export interface InvalidBlocksAnswer {
  ok: false;
  error: 'invalid_blocks';
  errors: string[];
  response_metadata: { messages: string[] };
}

export function describeProblem(p: BlockProblem): string {
  return `${p.message} [json-pointer:${p.pointer}]`;
}

export function invalidBlocksAnswer(problems: readonly BlockProblem[]): InvalidBlocksAnswer {
  const errors = problems.map(describeProblem);
  return {
    ok: false,
    error: 'invalid_blocks',
    errors,
    response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
  };
}

/** Block types Slack accepts in a message. */
const MESSAGE_BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

/** Interactive elements an actions block or a section accessory may hold. */
const INTERACTIVE_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'timepicker',
  'overflow',
  'radio_buttons',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'workflow_button',
  'rich_text_input',
]);

type Loose = Record<string, unknown>;

function asObject(v: unknown): Loose | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : undefined;
}

/** Collects problems while walking one message; also tracks ids that must be unique. */
class Walk {
  readonly problems: BlockProblem[] = [];
  private readonly blockIds = new Map<string, string>();

  add(pointer: string, message: string): void {
    this.problems.push({ pointer, message });
  }

  maxLength(pointer: string, value: string, max: number): void {
    if (value.length > max) this.add(pointer, `must be less than ${max + 1} characters`);
  }

  /** A string field that, when present, must be a string of 1..max characters. */
  optionalString(owner: Loose, key: string, pointer: string, max: number): string | undefined {
    const v = owner[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      this.add(`${pointer}/${key}`, 'must be a string');
      return undefined;
    }
    if (v.length === 0) this.add(`${pointer}/${key}`, 'must be more than 0 characters');
    this.maxLength(`${pointer}/${key}`, v, max);
    return v;
  }

  requiredString(owner: Loose, key: string, pointer: string, max: number): void {
    if (owner[key] === undefined) this.add(`${pointer}/${key}`, `missing required field: ${key}`);
    else this.optionalString(owner, key, pointer, max);
  }

  /**
   * A text object: `{ type: 'plain_text' | 'mrkdwn', text }`, non-empty, within `max`.
   * `plainOnly` fields refuse mrkdwn.
   */
  textObject(v: unknown, pointer: string, max: number, plainOnly: boolean): void {
    const t = asObject(v);
    if (!t) {
      this.add(pointer, 'must provide an object');
      return;
    }
    const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (typeof t.type !== 'string' || !allowed.includes(t.type)) {
      this.add(
        `${pointer}/type`,
        `failed to match all allowed schemas: must be ${allowed.join(' or ')} (got ${JSON.stringify(t.type)})`,
      );
    }
    if (typeof t.text !== 'string') {
      this.add(`${pointer}/text`, 'must be a string');
      return;
    }
    if (t.text.length === 0) this.add(`${pointer}/text`, 'must be more than 0 characters');
    this.maxLength(`${pointer}/text`, t.text, max);
  }

  /** An array of 1..max items, checked one by one. */
  items(
    owner: Loose,
    key: string,
    pointer: string,
    max: number,
    each: (v: unknown, p: string) => void,
  ): void {
    const list = owner[key];
    if (!Array.isArray(list)) {
      this.add(
        `${pointer}/${key}`,
        list === undefined ? `missing required field: ${key}` : 'must be an array',
      );
      return;
    }
    if (list.length === 0) this.add(`${pointer}/${key}`, 'must provide at least 1 item');
    if (list.length > max) this.add(`${pointer}/${key}`, `no more than ${max} items allowed`);
    list.forEach((v, i) => each(v, `${pointer}/${key}/${i}`));
  }

  blockId(block: Loose, pointer: string): void {
    const id = this.optionalString(block, 'block_id', pointer, BLOCK_KIT_LIMITS.blockId);
    if (id === undefined) return;
    const first = this.blockIds.get(id);
    if (first !== undefined) {
      this.add(`${pointer}/block_id`, `duplicate block_id ${JSON.stringify(id)} (first at ${first})`);
    } else {
      this.blockIds.set(id, `${pointer}/block_id`);
    }
  }
}

function checkConfirm(w: Walk, v: unknown, pointer: string): void {
  const c = asObject(v);
  if (!c) {
    w.add(pointer, 'must provide an object');
    return;
  }
  const L = BLOCK_KIT_LIMITS;
  const parts: [string, number][] = [
    ['title', L.confirmTitle],
    ['text', L.confirmText],
    ['confirm', L.confirmButton],
    ['deny', L.confirmButton],
  ];
  for (const [key, max] of parts) {
    if (c[key] === undefined) w.add(`${pointer}/${key}`, `missing required field: ${key}`);
    else w.textObject(c[key], `${pointer}/${key}`, max, true);
  }
  checkStyle(w, c, pointer);
}

function checkStyle(w: Walk, owner: Loose, pointer: string): void {
  if (owner.style !== undefined && owner.style !== 'primary' && owner.style !== 'danger') {
    w.add(`${pointer}/style`, 'must be a valid enum value: primary or danger');
  }
}

function checkButton(w: Walk, b: Loose, pointer: string): void {
  const L = BLOCK_KIT_LIMITS;
  if (b.text === undefined) w.add(`${pointer}/text`, 'missing required field: text');
  else w.textObject(b.text, `${pointer}/text`, L.buttonText, true);
  w.optionalString(b, 'value', pointer, L.buttonValue);
  w.optionalString(b, 'url', pointer, L.buttonUrl);
  w.optionalString(b, 'accessibility_label', pointer, L.buttonAccessibilityLabel);
  checkStyle(w, b, pointer);
}

/**
 * An interactive element (actions block or section accessory). `seen` holds the action_ids of
 * the containing block: Slack wants them unique there.
 */
function checkInteractive(w: Walk, v: unknown, pointer: string, seen: Set<string>): void {
  const e = asObject(v);
  if (!e) {
    w.add(pointer, 'must provide an object');
    return;
  }
  if (typeof e.type !== 'string' || !INTERACTIVE_ELEMENTS.has(e.type)) {
    w.add(
      `${pointer}/type`,
      `failed to match all allowed schemas: unknown element type ${JSON.stringify(e.type)}`,
    );
    return;
  }
  const actionId = w.optionalString(e, 'action_id', pointer, BLOCK_KIT_LIMITS.actionId);
  if (actionId !== undefined) {
    if (seen.has(actionId)) {
      w.add(`${pointer}/action_id`, `duplicate action_id ${JSON.stringify(actionId)} in this block`);
    }
    seen.add(actionId);
  }
  if (e.type === 'button') checkButton(w, e, pointer);
  if (e.confirm !== undefined) checkConfirm(w, e.confirm, `${pointer}/confirm`);
}

function checkImageElement(w: Walk, e: Loose, pointer: string): void {
  w.requiredString(e, 'image_url', pointer, BLOCK_KIT_LIMITS.imageUrl);
  w.requiredString(e, 'alt_text', pointer, BLOCK_KIT_LIMITS.imageAltText);
}

function checkContextElement(w: Walk, v: unknown, pointer: string): void {
  const e = asObject(v);
  if (e?.type === 'image') checkImageElement(w, e, pointer);
  else w.textObject(v, pointer, BLOCK_KIT_LIMITS.sectionText, false);
}

function checkSection(w: Walk, b: Loose, pointer: string): void {
  const L = BLOCK_KIT_LIMITS;
  if (b.text === undefined && b.fields === undefined) {
    w.add(pointer, 'must define either `text` or `fields`');
  }
  if (b.text !== undefined) w.textObject(b.text, `${pointer}/text`, L.sectionText, false);
  if (b.fields !== undefined) {
    w.items(b, 'fields', pointer, L.sectionFields, (f, p) => w.textObject(f, p, L.sectionFieldText, false));
  }
  if (b.accessory !== undefined) {
    const a = asObject(b.accessory);
    if (a?.type === 'image') checkImageElement(w, a, `${pointer}/accessory`);
    else checkInteractive(w, b.accessory, `${pointer}/accessory`, new Set());
  }
}

function checkBlock(w: Walk, v: unknown, pointer: string): void {
  const b = asObject(v);
  if (!b) {
    w.add(pointer, 'must provide an object');
    return;
  }
  if (typeof b.type !== 'string' || !MESSAGE_BLOCK_TYPES.has(b.type)) {
    w.add(
      `${pointer}/type`,
      `failed to match all allowed schemas: unknown block type ${JSON.stringify(b.type)}`,
    );
    return;
  }
  w.blockId(b, pointer);
  const L = BLOCK_KIT_LIMITS;
  switch (b.type) {
    case 'section':
      return checkSection(w, b, pointer);
    case 'header':
      return w.textObject(b.text, `${pointer}/text`, L.headerText, true);
    case 'context':
      return w.items(b, 'elements', pointer, L.contextElements, (e, p) => checkContextElement(w, e, p));
    case 'actions': {
      const seen = new Set<string>();
      return w.items(b, 'elements', pointer, L.actionsElements, (e, p) => checkInteractive(w, e, p, seen));
    }
    case 'image':
      checkImageElement(w, b, pointer);
      if (b.title !== undefined) w.textObject(b.title, `${pointer}/title`, L.imageAltText, true);
      return;
    case 'markdown':
      w.requiredString(b, 'text', pointer, L.markdownBlockText);
      return;
    default:
      // divider has no fields; rich_text, input, file and video are accepted unchecked.
      return;
  }
}

/** Every problem Slack would report for a message's `blocks` (empty when it would accept them). */
export function checkBlocks(blocks: readonly unknown[]): BlockProblem[] {
  const w = new Walk();
  if (blocks.length > BLOCK_KIT_LIMITS.blocksPerMessage) {
    w.add('/blocks', `no more than ${BLOCK_KIT_LIMITS.blocksPerMessage} items allowed`);
  }
  blocks.forEach((b, i) => checkBlock(w, b, `/blocks/${i}`));
  return w.problems;
}
