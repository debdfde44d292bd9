// The modules under mutation testing, each with the unit tests that must catch a change in it.
// Read by stryker.config.mjs (what to mutate), jest.mutation.config.js (which tests run) and
// quality/run-mutation.mjs (one Stryker run per module). Each module is held to its own unit
// tests: every mutant reruns all the tests that cover it, and the suites that drive whole
// workflows or Bolt apps cost seconds per mutant on a shared two-core machine.
/** @type {Record<string, { mutate: string[]; tests: string[] }>} */
module.exports = {
  // The workflow engine, in three runs (the runner's and the service's mutants take longest).
  // manual-scheduler.ts is a test double kept in src (tests and benches drive time with it).
  engine: {
    mutate: [
      'src/workflows/engine/dag.ts',
      'src/workflows/engine/transitions.ts',
      'src/workflows/engine/backoff.ts',
      'src/workflows/engine/errors.ts',
      'src/workflows/engine/outline.ts',
      'src/workflows/engine/timer-scheduler.ts',
    ],
    tests: [
      'test/unit/workflows/engine/dag*.test.ts',
      'test/unit/workflows/engine/errors.test.ts',
      'test/unit/workflows/engine/outline.test.ts',
      'test/unit/workflows/engine/schedulers.test.ts',
      'test/unit/workflows/engine/step-details.test.ts',
      'test/unit/workflows/engine/engine-rules.test.ts',
    ],
  },
  runner: {
    mutate: ['src/workflows/engine/runner.ts', 'src/workflows/engine/run-session.ts'],
    tests: ['test/unit/workflows/engine/**/*.test.ts'],
  },
  service: {
    mutate: ['src/workflows/engine/service.ts', 'src/workflows/engine/lock-message.ts'],
    tests: ['test/unit/workflows/engine/**/*.test.ts'],
  },
  // power-commands.test.ts holds the grammar of sleep, wake, hours and create --hours (its
  // dispatch half runs on a memory store: cheap).
  grammar: {
    mutate: ['src/bot/grammar.ts'],
    tests: ['test/unit/bot/grammar*.test.ts', 'test/unit/bot/power-commands.test.ts'],
  },
  authorization: {
    mutate: ['src/bot/authorization.ts'],
    tests: ['test/unit/bot/authorization*.test.ts'],
  },
  // Request verification before Bolt: the freshness check and its peers.
  request: {
    mutate: ['src/bot/request-*.ts'],
    tests: ['test/unit/bot/request-*.test.ts'],
  },
  // The ownership guard, what is found as owned, the teardown receipt.
  destroy: {
    mutate: [
      'src/workflows/destroy/resources.ts',
      'src/workflows/destroy/find-owned.ts',
      'src/workflows/destroy/receipt.ts',
    ],
    tests: ['test/unit/workflows/destroy/receipt*.test.ts', 'test/unit/workflows/destroy/ownership.test.ts'],
  },
  reminders: {
    mutate: ['src/workflows/remind/policy.ts'],
    tests: ['test/unit/workflows/remind/policy*.test.ts'],
  },
  estimator: {
    mutate: ['src/cost/estimator.ts'],
    tests: ['test/unit/cost/**/*.test.ts'],
  },
};
