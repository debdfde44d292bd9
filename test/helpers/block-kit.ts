/**
 * Slack's rules for a message, as a list of violations (empty: Slack would take it). Used to
 * check every message the bot builds at sizes Slack refuses: the limits of
 * https://docs.slack.dev/reference/block-kit/blocks and the composition objects, and mrkdwn's
 * escaping (https://api.slack.com/reference/surfaces/formatting#escaping): a `<` may only open a
 * mention, a channel, a special command or a link; a `&` only an entity.
 */
export interface SlackMessageLike {
  text?: string;
  blocks?: unknown[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

/** `<@U…>`, `<#C…>`, `<!here>`, `<https://…|…>`: the control sequences we mean to send. */
const CONTROL = /^<(@[UW][A-Z0-9]+|#[CGD][A-Z0-9]+|![a-z^]+[^>]*|https?:\/\/[^>|\s]+(\|[^>]*)?)>$/;

/** Problems with the mrkdwn in `text`: a stray `<`, `>` or `&` Slack would parse. */
export function mrkdwnProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/<[^<>]*>?/g)) {
    if (!CONTROL.test(m[0])) problems.push(`${where}: unescaped "${m[0].slice(0, 40)}"`);
  }
  const stripped = text.replace(/<[^<>]*>/g, '');
  if (stripped.includes('>')) problems.push(`${where}: unescaped ">"`);
  for (const m of text.matchAll(/&(?!(amp|lt|gt);)/g)) problems.push(`${where}: bare "&" at ${m.index}`);
  return problems;
}

function textObject(v: unknown, where: string, max: number, plainOnly: boolean, out: string[]): void {
  if (!isObj(v) || typeof v.text !== 'string') {
    out.push(`${where}: not a text object`);
    return;
  }
  if (plainOnly && v.type !== 'plain_text') out.push(`${where}: must be plain_text, is ${String(v.type)}`);
  if (v.text.length > max) out.push(`${where}: ${v.text.length} characters > ${max}`);
  if (v.type === 'mrkdwn') out.push(...mrkdwnProblems(v.text, where));
}

export function blockKitProblems(message: SlackMessageLike): string[] {
  const out: string[] = [];
  if (typeof message.text === 'string') {
    if (message.text.length > 40_000) out.push(`text: ${message.text.length} characters > 40000`);
    out.push(...mrkdwnProblems(message.text, 'text'));
  }
  const blocks = message.blocks ?? [];
  if (blocks.length > 50) out.push(`${blocks.length} blocks > 50`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `blocks[${i}]`;
    if (!isObj(block)) return void out.push(`${where}: not an object`);
    if (block.block_id !== undefined) {
      const id = String(block.block_id);
      if (id.length > 255) out.push(`${where}.block_id longer than 255`);
      if (blockIds.has(id)) out.push(`${where}.block_id "${id}" repeated`);
      blockIds.add(id);
    }
    switch (block.type) {
      case 'section': {
        if (block.text !== undefined) textObject(block.text, `${where}.text`, 3000, false, out);
        const fields = Array.isArray(block.fields) ? block.fields : [];
        if (fields.length > 10) out.push(`${where}.fields: ${fields.length} > 10`);
        fields.forEach((f, j) => textObject(f, `${where}.fields[${j}]`, 2000, false, out));
        if (block.text === undefined && fields.length === 0) out.push(`${where}: section without text`);
        break;
      }
      case 'header':
        textObject(block.text, `${where}.text`, 150, true, out);
        break;
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length > 10) out.push(`${where}.elements: ${elements.length} > 10`);
        elements.forEach((e, j) => textObject(e, `${where}.elements[${j}]`, 3000, false, out));
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length > 25) out.push(`${where}.elements: ${elements.length} > 25`);
        elements.forEach((e, j) => {
          const at = `${where}.elements[${j}]`;
          if (!isObj(e)) return void out.push(`${at}: not an object`);
          textObject(e.text, `${at}.text`, 75, true, out);
          const actionId = String(e.action_id ?? '');
          if (actionId.length > 255) out.push(`${at}.action_id longer than 255`);
          if (actionIds.has(actionId)) out.push(`${at}.action_id "${actionId}" repeated`);
          actionIds.add(actionId);
          if (typeof e.value === 'string' && e.value.length > 2000) out.push(`${at}.value longer than 2000`);
          if (isObj(e.confirm)) {
            textObject(e.confirm.title, `${at}.confirm.title`, 100, true, out);
            textObject(e.confirm.text, `${at}.confirm.text`, 300, true, out);
            textObject(e.confirm.confirm, `${at}.confirm.confirm`, 30, true, out);
            textObject(e.confirm.deny, `${at}.confirm.deny`, 30, true, out);
          }
        });
        break;
      }
      case 'divider':
        break;
      default:
        out.push(`${where}: unknown block type ${String(block.type)}`);
    }
  });
  return out;
}

/** What a reader sees of mrkdwn: entities decoded. */
export function shown(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
