/**
 * The shape of the `/site` grammar the console completes from, and how the completion reads
 * it. DOM-free: the page and the tests both use it. The spec itself is built on the server from
 * the bot's own grammar module (../grammar-spec.ts), never written here; the hints' words come
 * from the console catalogue (src/i18n/<lang>/console.ts).
 */
import { webConsole, type ConsoleTexts } from '../../../../i18n/en/console';

const ENGLISH_HINTS = webConsole();

export interface ArgSpec {
  /** What the word is: `env`, `dur`, `target`, … (from `<env>` or the choices' slot). */
  name: string;
  optional: boolean;
  /** The words allowed, when the grammar lists them (`web|db|all`). */
  choices?: string[];
}

export interface FlagSpec {
  name: string;
  /** The flag takes a value: a placeholder, or a list of choices. */
  value?: { name?: string; choices?: string[] };
}

export interface SubcommandSpec {
  name: string;
  /** The usage line, as `/site help` shows it. */
  usage: string;
  args: ArgSpec[];
  flags: FlagSpec[];
}

export interface GrammarSpec {
  command: string;
  subcommands: SubcommandSpec[];
}

export interface Suggestion {
  /** The whole input once this suggestion is taken (empty for a hint that inserts nothing). */
  insert: string;
  label: string;
  hint: string;
}

function hintFor(name: string | undefined, words: ConsoleTexts): string {
  const placeholderHint: Record<string, string | undefined> = { env: words.hintEnv(), dur: words.hintDur() };
  return (name && placeholderHint[name]) ?? `<${name ?? 'value'}>`;
}

/**
 * What may come next in `text`: the subcommand, the next positional word, a flag, or a flag's
 * value — filtered by the word being typed. `envs` are the environments that exist (offered
 * where an existing one is expected, never for `create`). Hints are in `hints`' language.
 */
export function complete(
  text: string,
  spec: GrammarSpec,
  envs: readonly string[] = [],
  hints: ConsoleTexts = ENGLISH_HINTS,
): Suggestion[] {
  const command = spec.command;
  if (!text.startsWith('/')) return [];
  if (!text.startsWith(`${command} `)) {
    return command.startsWith(text) ? [{ insert: `${command} `, label: command, hint: 'sitebot' }] : [];
  }
  const rest = text.slice(command.length + 1);
  const words = rest.split(/\s+/);
  const partial = words.pop() ?? '';
  const done = words.filter(Boolean);
  const head = text.slice(0, text.length - partial.length);
  const offer = (items: { word: string; hint: string }[]) =>
    items
      .filter((i) => i.word.startsWith(partial))
      .map((i) => ({ insert: `${head}${i.word} `, label: i.word, hint: i.hint }));

  if (done.length === 0) return offer(spec.subcommands.map((s) => ({ word: s.name, hint: s.usage })));
  const sub = spec.subcommands.find((s) => s.name === done[0]);
  if (!sub) return [];

  // Walk the words already typed: positionals filled, flags used, a flag waiting for its value.
  let positional = 0;
  const used = new Set<string>();
  let waiting: FlagSpec | undefined;
  for (const word of done.slice(1)) {
    if (waiting) {
      waiting = undefined;
      continue;
    }
    const flag = sub.flags.find((f) => f.name === word.split('=')[0]);
    if (flag) {
      used.add(flag.name);
      if (flag.value && !word.includes('=')) waiting = flag;
    } else positional += 1;
  }
  if (waiting) {
    const v = waiting.value!;
    if (v.choices) return offer(v.choices.map((c) => ({ word: c, hint: `${waiting.name} ${c}` })));
    return [{ insert: '', label: `<${v.name ?? 'value'}>`, hint: hintFor(v.name, hints) }];
  }

  const out: Suggestion[] = [];
  const arg = sub.args[positional];
  if (arg && !partial.startsWith('-')) {
    if (arg.choices) out.push(...offer(arg.choices.map((c) => ({ word: c, hint: arg.name }))));
    else if (arg.name === 'env' && sub.name !== 'create' && envs.length)
      out.push(...offer(envs.map((e) => ({ word: e, hint: hints.hintExisting() }))));
    else if (partial === '') out.push({ insert: '', label: `<${arg.name}>`, hint: hintFor(arg.name, hints) });
  }
  // Flags come after the required words (the grammar accepts them anywhere; this keeps the list short).
  const required = sub.args.filter((a) => !a.optional).length;
  if (positional >= required || partial.startsWith('-')) {
    const free = sub.flags.filter((f) => !used.has(f.name));
    out.push(
      ...offer(
        free.map((f) => ({
          word: f.name,
          hint: f.value
            ? `${f.name} ${f.value.choices ? f.value.choices.join('|') : `<${f.value.name ?? 'value'}>`}`
            : hints.hintSwitch(),
        })),
      ),
    );
  }
  return out;
}
