// The unit tests Stryker runs (stryker.config.mjs): with MUTATION_MODULE set, only that module's
// own tests (quality/mutation-modules.cjs); otherwise every module's. The e2e, integration and
// reliability suites never run per mutant. The transform and environment are the main config's.
const base = require('./jest.config.js');
const modules = require('./quality/mutation-modules.cjs');

const chosen = process.env.MUTATION_MODULE ? [modules[process.env.MUTATION_MODULE]] : Object.values(modules);
if (chosen.includes(undefined)) throw new Error(`unknown MUTATION_MODULE ${process.env.MUTATION_MODULE}`);

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/unit'],
  testMatch: chosen.flatMap((m) => m.tests.map((glob) => `<rootDir>/${glob}`)),
};
