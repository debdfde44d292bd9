/**
 * The console's completion data, read from the bot's own grammar module: its subcommands and
 * their usage lines (what `/site help` prints), which name every positional word, flag and
 * choice. A test holds the parser to the same lines (test/unit/sandbox/web/grammar-spec.test.ts).
 */
import { SUBCOMMANDS, USAGE } from '../../../bot/grammar';
import type { ArgSpec, FlagSpec, GrammarSpec, SubcommandSpec } from './client/grammar';

/**
 * `<env>` and `HH:MM-HH:MM` → a placeholder, `web|db|all` → choices (`…` is not one), `[…]` →
 * optional. `<env>|<step>` names two placeholders: the first one is offered (env names).
 */
function word(token: string): { name?: string; choices?: string[] } {
  const placeholder = /^<([^>|]+)>/.exec(token);
  if (placeholder && (!token.includes('|') || token.split('|').every((c) => /^<[^>]+>$/.test(c))))
    return { name: placeholder[1] };
  if (token.includes('|')) return { choices: token.split('|').filter((c) => c && c !== '…') };
  return { name: token };
}

/** Top-level tokens of a usage line: words, and `[…]` groups (which may nest) kept whole. */
function tokensOf(text: string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (/\s/.test(ch) && depth === 0) {
      if (current) tokens.push(current);
      current = '';
    } else current += ch;
  }
  if (current) tokens.push(current);
  return tokens;
}

/** Reads words into `args`/`flags`; a nested `[…]` group's words are optional too. */
function readWords(tokens: string[], optionalGroup: boolean, args: ArgSpec[], flags: FlagSpec[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.startsWith('[')) {
      readWords(tokensOf(token.slice(1, -1)), true, args, flags);
      continue;
    }
    if (token.startsWith('--')) {
      const next = tokens[i + 1];
      const value = next && !next.startsWith('[') && !next.startsWith('--') ? word(next) : undefined;
      if (value) i++;
      flags.push({ name: token, ...(value ? { value } : {}) });
      continue;
    }
    if (token === '|') {
      // `… | off`: the other form of the words after the env; offered as a choice of the first.
      const alternative = tokens[i + 1];
      const first = args[1];
      if (alternative && first) first.choices = [...(first.choices ?? []), alternative];
      i++;
      continue;
    }
    const w = word(token);
    args.push({
      name: w.name ?? token,
      optional: optionalGroup,
      ...(w.choices ? { choices: w.choices } : {}),
    });
  }
}

/** One usage line (`/site create <env> [--ttl <dur>] …`) → its words and flags. */
export function readUsage(name: string, usage: string): SubcommandSpec {
  const tokens = tokensOf(usage);
  // Skip the command and the subcommand.
  const rest = tokens.slice(tokens.indexOf(name) + 1);
  const args: ArgSpec[] = [];
  const flags: FlagSpec[] = [];
  readWords(rest, false, args, flags);
  return { name, usage, args, flags };
}

export function grammarSpec(): GrammarSpec {
  return {
    command: '/site',
    subcommands: SUBCOMMANDS.map((name) => readUsage(name, USAGE[name])),
  };
}
