/**
 * Text for Slack's mrkdwn fields, escaped in one place. Slack reads `&`, `<` and `>` as control
 * characters (links, mentions, `<!channel>`), so every other use must be sent as `&amp;`, `&lt;`,
 * `&gt;` — and only those three: https://api.slack.com/reference/surfaces/formatting#escaping
 *
 * `mrkdwn` is a tagged template that escapes everything: its own literal text and every value, except
 * values that are already `Mrkdwn` (a mention, a channel link, another `mrkdwn`). Views build every
 * mrkdwn field (and every message's fallback `text`, which Slack parses the same way) with it, so
 * a placeholder like `<env>` or an env name reaches the reader as typed, and nothing a person
 * typed can become a mention or a link.
 *
 * @example
 *   mrkdwn`Extend with \`/site extend <env> <dur>\`, ${mention('U1')}`.text
 *   // → "Extend with `/site extend &lt;env&gt; &lt;dur&gt;`, <@U1>"
 */

export class Mrkdwn {
  private constructor(readonly text: string) {}

  /** Only this module makes trusted mrkdwn; everything else goes through `mrkdwn` or the helpers. */
  static trusted(text: string): Mrkdwn {
    return new Mrkdwn(text);
  }

  toString(): string {
    return this.text;
  }
}

/** `&`, `<`, `>` as Slack's entities; nothing else is touched. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The text a person typed, from Slack's escaped form: Slack sends `&`, `<`, `>` in a slash
 * command's text as `&amp;`, `&lt;`, `&gt;` (https://api.slack.com/reference/surfaces/formatting#escaping).
 * Read back before parsing, so an echo escapes it once, not twice. `&amp;` goes last.
 */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function piece(value: unknown): string {
  return value instanceof Mrkdwn ? value.text : escapeMrkdwn(String(value));
}

/** Mrkdwn from a template: literal text and values escaped, `Mrkdwn` values kept as they are. */
export function mrkdwn(strings: TemplateStringsArray, ...values: unknown[]): Mrkdwn {
  let out = escapeMrkdwn(strings[0]);
  values.forEach((value, i) => {
    out += piece(value) + escapeMrkdwn(strings[i + 1]);
  });
  return Mrkdwn.trusted(out);
}

/** Plain text (a message from a workflow, a name) as mrkdwn that shows it as written. */
export function plain(text: string): Mrkdwn {
  return Mrkdwn.trusted(escapeMrkdwn(text));
}

/** Mrkdwn pieces joined by `separator` (plain text, escaped). */
export function joinMd(parts: readonly Mrkdwn[], separator: string): Mrkdwn {
  return Mrkdwn.trusted(parts.map((p) => p.text).join(escapeMrkdwn(separator)));
}

/** Slack user ids (`U…`, `W…` on Enterprise Grid), the only owners Slack can mention. */
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/**
 * Who someone is, in a message: a Slack user as a mention (`<@U123>`), anyone else (the CLI's
 * local user, `alice`) as their name.
 */
export function mention(user: string): Mrkdwn {
  return SLACK_USER_ID.test(user) ? Mrkdwn.trusted(`<@${user}>`) : plain(user);
}

/** A channel as a link (`<#C123>`); a name that is no channel id stays plain. */
export function channelLink(channel: string): Mrkdwn {
  return /^[CGD][A-Z0-9]{2,}$/.test(channel) ? Mrkdwn.trusted(`<#${channel}>`) : plain(channel);
}

/** Inline code: backticks inside would end it early, so they become quotes. */
export function code(text: string): Mrkdwn {
  return Mrkdwn.trusted(`\`${escapeMrkdwn(text.replace(/`/g, "'"))}\``);
}

/** A block of preformatted lines. */
export function codeBlock(lines: readonly string[]): Mrkdwn {
  return Mrkdwn.trusted(`\`\`\`${escapeMrkdwn(lines.join('\n').replace(/```/g, "'''"))}\`\`\``);
}

/** Bold (asterisks inside would end it early, so they go). */
export function bold(text: string): Mrkdwn {
  return Mrkdwn.trusted(`*${escapeMrkdwn(text.replace(/\*/g, ''))}*`);
}
