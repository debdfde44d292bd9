/**
 * The console's completion data, read from the bot's own grammar module: its subcommands and
 * their usage lines (what `/site help` prints), which name every positional word, flag and
 * choice. A test holds the parser to the same lines (test/unit/sandbox/web/grammar-spec.test.ts).
 */
import { SUBCOMMANDS, USAGE } from '../../../bot/grammar';
import type { ArgSpec, FlagSpec, GrammarSpec, SubcommandSpec } from './client/grammar';

/** `<env>` → env, `web|db|all` → choices, `[…]` → optional. */
function word(token: string): { name?: string; choices?: string[] } {
  const placeholder = /^<([^>]+)>$/.exec(token);
  if (placeholder) return { name: placeholder[1] };
  if (token.includes('|')) return { choices: token.split('|') };
  return { name: token };
}

/** One usage line (`/site create <env> [--ttl <dur>] …`) → its words and flags. */
export function readUsage(name: string, usage: string): SubcommandSpec {
  const tokens: string[] = usage.match(/\[[^\]]*\]|\S+/g) ?? [];
  // Skip the command and the subcommand.
  const rest = tokens.slice(tokens.indexOf(name) + 1);
  const args: ArgSpec[] = [];
  const flags: FlagSpec[] = [];
  for (const token of rest) {
    const optional = token.startsWith('[');
    const [first, second] = (optional ? token.slice(1, -1) : token).split(/\s+/);
    if (first.startsWith('--')) {
      const value = second ? word(second) : undefined;
      flags.push({ name: first, ...(value ? { value } : {}) });
      continue;
    }
    const w = word(first);
    args.push({ name: w.name ?? first, optional, ...(w.choices ? { choices: w.choices } : {}) });
  }
  return { name, usage, args, flags };
}

export function grammarSpec(): GrammarSpec {
  return {
    command: '/site',
    subcommands: SUBCOMMANDS.map((name) => readUsage(name, USAGE[name])),
  };
}
