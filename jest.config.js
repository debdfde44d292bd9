// The SDK minors are pinned in the lockfile (Node 20 is supported by them); its notice that
// later releases need Node 22 would otherwise be printed once per test worker.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking is `npm run typecheck`'s job; the transform only transpiles (esbuild; ts-jest
  // where a jest.mock must be hoisted): see test/transform.js.
  transform: { '^.+\\.ts$': '<rootDir>/test/transform.js' },
  testTimeout: 30000,
  // Longest suites first, with recorded durations when jest has none cached (a fresh clone).
  testSequencer: '<rootDir>/test/sequencer.js',
  // Most suites wait on loopback HTTP (emulator, dynalite, the bot) or on processes (the real
  // WordPress run sleeps ~70 s), so more workers than cores pay: on the 2-core machine, idle, the
  // whole suite took 249.8 s with 3 and 220.1 s with 4 (same commit, one after the other).
  maxWorkers: 4,
};
