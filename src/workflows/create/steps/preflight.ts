/**
 * The first step: nothing is created until the account is known to have room for the
 * environment and its two AZs offer what it needs (../preflight.ts). When the caller already
 * ran the preflight a moment before starting the run (the CLI, a bot with AWS clients), the
 * run's params say so and the step only records it; otherwise (the Slack Lambda's creates)
 * it checks here, in the worker, and a refusal fails the run before any other step starts.
 */
import { runPreflight, summarizePreflight } from '../preflight';
import { PREFLIGHT_PASSED_PARAM } from '../run-params';
import { defineStep, done, failFinal, MINUTE, multiAzMode } from '../step-kit';

export const preflightStep = defineStep('preflight', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const checkedAt = ctx.params[PREFLIGHT_PASSED_PARAM];
    if (typeof checkedAt === 'number') {
      return done({ checkedBeforeStart: checkedAt }, 'checked before the run started');
    }
    const report = await runPreflight(ctx.deps.limits, ctx.deps.config, multiAzMode(ctx));
    if (!report.ok)
      return failFinal('PreflightRefused', `refused before anything was made: ${report.refusal}`);
    const unknown = report.checks.filter((c) => c.status === 'unknown').map((c) => c.id);
    return done(
      { passed: report.checks.length - unknown.length, notChecked: unknown },
      summarizePreflight(report),
    );
  },
});
