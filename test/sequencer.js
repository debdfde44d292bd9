/**
 * Jest's order, longest suites first, on a fresh clone too. Jest sorts by the durations of the
 * last run on this machine (its cache); a clone has none and falls back to file size, which
 * starts small files with long runs (the crash-resume suites, the real WordPress boot) last, where
 * one of them becomes the run's tail while the other workers idle. Without a cached duration, a
 * suite's duration comes from test/suite-durations.json (seconds, from a whole run on an idle
 * 2-core machine); a suite in neither still runs first, as jest does with any unknown suite.
 *
 * Refresh the durations after a whole run: `npx jest --json --outputFile=/tmp/run.json`, then
 * `node test/sequencer.js /tmp/run.json`.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = join(__dirname, '..');
const DURATIONS = join(__dirname, 'suite-durations.json');

class LongestFirst extends Sequencer {
  constructor(...args) {
    super(...args);
    /** @type {Record<string, number>} */
    this.recorded = JSON.parse(readFileSync(DURATIONS, 'utf8'));
  }

  time(test) {
    const seconds = this.recorded[relative(ROOT, test.path)];
    return super.time(test) ?? (seconds === undefined ? undefined : seconds * 1000);
  }
}

if (require.main === module) {
  const [file] = process.argv.slice(2);
  if (!file) throw new Error('usage: node test/sequencer.js <jest --json output>');
  const { testResults } = JSON.parse(readFileSync(file, 'utf8'));
  const durations = Object.fromEntries(
    testResults
      .map((r) => [relative(ROOT, r.name), Math.round((r.endTime - r.startTime) / 100) / 10])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  writeFileSync(DURATIONS, `${JSON.stringify(durations, null, 2)}\n`);
  process.stdout.write(
    `${Object.keys(durations).length} suite durations written to ${relative(ROOT, DURATIONS)}\n`,
  );
}

module.exports = LongestFirst;
