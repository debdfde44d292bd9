// `npm run test:mutation [-- <module>… [stryker options]]`: one Stryker run per module of
// quality/mutation-modules.cjs (all of them by default), each against its own unit tests, then
// a table of scores. Exits non-zero when a run fails or a module scores under 80 %.
//
// With MUTATION_BASELINE_REF=<git ref>, the table also gives each module's score counting only
// the test files that exist at that ref ("before"): Stryker runs every covering test of each
// mutant (disableBail), so `killedBy` names every test that catches it.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const modules = createRequire(import.meta.url)('./mutation-modules.cjs');
const TARGET = 80;

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('-'));
const strykerArgs = args.filter((a) => a.startsWith('-'));
for (const name of names)
  if (!modules[name]) throw new Error(`unknown module ${name}: ${Object.keys(modules).join(', ')}`);

const baselineRef = process.env.MUTATION_BASELINE_REF;
const baselineFiles = baselineRef
  ? new Set(
      execFileSync('git', ['ls-tree', '-r', '--name-only', baselineRef, 'test'], { encoding: 'utf8' }).split(
        '\n',
      ),
    )
  : undefined;

/**
 * Stryker's score: detected (killed or timed out) over every valid mutant (compile errors are
 * not valid). `before`: the same, counting kills by the baseline ref's test files only (a
 * timeout counts as detected in both).
 */
function score(reportFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const testFile = new Map();
  for (const [file, { tests }] of Object.entries(report.testFiles ?? {}))
    for (const t of tests) testFile.set(t.id, file);
  const tally = { detected: 0, detectedBefore: 0, survived: 0, noCoverage: 0, invalid: 0 };
  for (const file of Object.values(report.files))
    for (const m of file.mutants) {
      if (m.status === 'Killed' || m.status === 'Timeout') {
        tally.detected += 1;
        const byBaseline =
          m.status === 'Timeout' || (m.killedBy ?? []).some((id) => baselineFiles?.has(testFile.get(id)));
        if (byBaseline) tally.detectedBefore += 1;
      } else if (m.status === 'Survived') tally.survived += 1;
      else if (m.status === 'NoCoverage') tally.noCoverage += 1;
      else tally.invalid += 1;
    }
  const valid = tally.detected + tally.survived + tally.noCoverage;
  const pct = (n) => (valid === 0 ? 100 : (100 * n) / valid);
  return { ...tally, valid, percent: pct(tally.detected), before: pct(tally.detectedBefore) };
}

const rows = [];
let failed = false;
for (const name of names.length > 0 ? names : Object.keys(modules)) {
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...strykerArgs], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_MODULE: name, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const minutes = (Date.now() - started) / 60_000;
  if (run.status !== 0) failed = true;
  try {
    rows.push({ name, minutes, ...score(`reports/mutation/${name}.json`) });
  } catch {
    rows.push({ name, minutes, error: `no report (exit ${run.status})` });
  }
}

const beforeHead = baselineRef ? `  ${`(${baselineRef})`.padStart(8)}` : '';
console.log(`\nmodule         score${beforeHead}  mutants detected survived no-cov invalid  minutes`);
for (const r of rows) {
  const before = baselineRef && !r.error ? `  ${r.before.toFixed(1).padStart(7)}%` : '';
  const cells = r.error
    ? [r.error]
    : [
        `${r.percent.toFixed(1).padStart(5)}%${before}`,
        String(r.valid).padStart(8),
        String(r.detected).padStart(8),
        String(r.survived).padStart(8),
        String(r.noCoverage).padStart(6),
        String(r.invalid).padStart(7),
        r.minutes.toFixed(1).padStart(8),
      ];
  const line = `${r.name.padEnd(14)} ${cells.join(' ')}`;
  console.log(line);
  if (r.error || r.percent < TARGET) failed = true;
}
process.exit(failed ? 1 : 0);
