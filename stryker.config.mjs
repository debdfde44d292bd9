// Mutation testing (issue 16). `npm run test:mutation` runs quality/run-mutation.mjs: one Stryker
// run per module of quality/mutation-modules.cjs (MUTATION_MODULE picks it), each against that
// module's own unit tests. Scores and how to read them: quality/README.md.
// Not part of `npm test` or CI: it takes tens of minutes on two cores.
import { createRequire } from 'node:module';

const modules = createRequire(import.meta.url)('./quality/mutation-modules.cjs');
const name = process.env.MUTATION_MODULE;
if (name && !modules[name]) throw new Error(`unknown MUTATION_MODULE ${name}`);
const chosen = name ? [modules[name]] : Object.values(modules);
const report = name ?? 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  mutate: chosen.flatMap((m) => m.mutate),
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  // Every covering test runs, so a report names every test that kills a mutant (the "before"
  // score of quality/run-mutation.mjs counts the kills of the baseline's test files).
  disableBail: true,
  // Two cores, shared.
  concurrency: 2,
  // A mutant that makes a test hang is caught by this timeout (and counts as detected).
  timeoutMS: 5000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false },
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  tempDirName: '.stryker-tmp',
  // The target is 80 % per module; below it the run fails.
  thresholds: { high: 90, low: 80, break: 80 },
};
