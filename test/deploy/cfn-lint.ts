/**
 * Runs cfn-lint (AWS's CloudFormation linter) on the packaged template: no error may remain, and
 * every warning must be explained in docs/deploy.md ("cfn-lint", by rule id and resource).
 * Without cfn-lint on PATH it says so and passes: it is a Python tool, not an npm dependency.
 *
 *   npx tsx test/deploy/cfn-lint.ts        # after test/deploy/package-offline.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, TEMPLATE_PATH } from './package-offline';

export interface LintMatch {
  Level: 'Error' | 'Warning' | 'Informational' | string;
  Message: string;
  Rule: { Id: string };
  Location: { Path?: (string | number)[]; Start?: { LineNumber: number } };
}

export interface Verdict {
  errors: string[];
  /** Warnings docs/deploy.md explains (rule id and resource both named there). */
  explained: string[];
  unexplained: string[];
}

const summarize = (m: LintMatch) => {
  const path = m.Location.Path ?? [];
  const where = path[0] === 'Resources' ? String(path[1]) : path.join('/');
  return { rule: m.Rule.Id, where, text: `${m.Rule.Id} ${where}: ${m.Message}` };
};

/** Sorts cfn-lint's findings: errors, warnings the docs explain, warnings they do not. */
export function judge(matches: readonly LintMatch[], docs: string): Verdict {
  const verdict: Verdict = { errors: [], explained: [], unexplained: [] };
  for (const m of matches) {
    const d = summarize(m);
    if (m.Level === 'Error') verdict.errors.push(d.text);
    else if (m.Level === 'Warning') {
      const isExplained = docs.includes(d.rule) && docs.includes(d.where);
      (isExplained ? verdict.explained : verdict.unexplained).push(d.text);
    }
  }
  return verdict;
}

function main(): number {
  const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    console.log('cfn-lint is not installed: skipped (pip install cfn-lint to lint the template)');
    return 0;
  }
  const out = spawnSync('cfn-lint', ['--format', 'json', relative(ROOT, TEMPLATE_PATH)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // Exit status is a bit mask (2 errors, 4 warnings, 8 informational); the JSON says it all.
  let matches: LintMatch[];
  try {
    matches = JSON.parse(out.stdout || '[]') as LintMatch[];
  } catch {
    console.error(`cfn-lint gave no JSON (exit ${out.status}):\n${out.stdout}\n${out.stderr}`);
    return 1;
  }
  const verdict = judge(matches, readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8'));
  console.log(
    `${version.stdout.trim()}: ${verdict.errors.length} errors, ` +
      `${verdict.explained.length + verdict.unexplained.length} warnings ` +
      `(${verdict.explained.length} explained in docs/deploy.md)`,
  );
  for (const line of verdict.explained) console.log(`  explained: ${line}`);
  for (const line of verdict.errors) console.error(`  error: ${line}`);
  for (const line of verdict.unexplained) console.error(`  warning not explained in docs/deploy.md: ${line}`);
  return verdict.errors.length + verdict.unexplained.length === 0 ? 0 : 1;
}

if (require.main === module) process.exit(main());
