/**
 * The one progress message of a run (create, destroy, failover), as it reads at each update,
 * and the thread reply that announces its end to the person who asked. Only ids, endpoints,
 * counts and times ever appear: never a secret (the workflows do not record any in a run).
 * Every time is measured to the run's own instant (`runInstant`), so the headline's elapsed
 * time, the steps and the outcome agree. Words come from `t`, the run's language (its
 * starter's, or the workspace's for a scheduled run).
 */
import { isSaid, say } from '../../i18n/said';
import type { Texts } from '../../i18n/texts';
import type { Run } from '../../state/types';
import { createOutputs, createResources } from '../../workflows/create/finish';
import { receiptOf, renderReceipt } from '../../workflows/destroy/receipt';
import { CANCELLED_FOR_TEARDOWN } from '../../workflows/destroy/start';
import { renderDrillReport, whatWasSeen, type DrillReport } from '../../workflows/failover/report';
import { inventoryOf, refsOfRoles } from '../../workflows/inventory';
import { bold, code, codeBlock, joinMd, mrkdwn, mention, plain, type Mrkdwn } from './mrkdwn';
import { powerButtonsOf, powerOutcome } from './power';
import { message, section, type Block, type Message } from './reply';
import { renderRunProgress, runElapsedMs, type StepTitle } from './run-progress';

export type RunMessage = Message;

type OutputsOf = (stepId: string) => Readonly<Record<string, unknown>>;

const outputsOfRun =
  (run: Run): OutputsOf =>
  (id) =>
    run.steps[id]?.outputs ?? {};

/** The step that failed first, by title, with its error in the reader's words. */
function failureText(t: Texts, run: Run, steps: readonly StepTitle[]): Mrkdwn {
  const failed = steps.find((s) => run.steps[s.id]?.status === 'failed');
  const error = failed ? run.steps[failed.id]?.error : undefined;
  const said = error
    ? t.said(error.said ?? error.message)
    : typeof run.summary?.error === 'string'
      ? run.summary.error
      : '';
  return t.run.stepFailed({ step: failed ? bold(failed.title) : t.run.aStep(), error: said });
}

/** What a create that stopped left behind, counted like status and the teardown count it. */
function leftText(t: Texts, run: Run): Mrkdwn {
  const left = inventoryOf(refsOfRoles(createResources(outputsOfRun(run))));
  if (left.total === 0) return t.run.nothingLeft();
  return t.run.left({ total: t.inventory.total({ n: left.total }), what: t.inventory.describe(left.counts) });
}

const tookMs = (run: Run) => runElapsedMs(run);

function createOutcome(t: Texts, run: Run, steps: readonly StepTitle[]): Mrkdwn[] | undefined {
  const env = run.env;
  if (run.status === 'succeeded') {
    const out = createOutputs(outputsOfRun(run));
    const unknown = t.common.unknown();
    const lines = [
      t.run.ready({ env, ms: tookMs(run) }),
      t.run.output({
        label: t.common.output('siteUrl'),
        value: out.siteCheck
          ? `${out.siteUrl ?? unknown} (${t.common.outputValue('siteCheck', out.siteCheck)})`
          : (out.siteUrl ?? unknown),
      }),
      t.run.output({ label: t.common.output('dbEndpoint'), value: code(out.dbEndpoint ?? unknown) }),
      t.run.azs({ azs: out.azs ?? unknown, multiAz: out.multiAz === 'true' }),
    ];
    return [joinMd(lines, '\n')];
  }
  if (run.status === 'failed') {
    const lines = [
      t.run.createFailed({ env, ms: tookMs(run), why: failureText(t, run, steps) }),
      leftText(t, run),
      t.run.resumeOrClean({ env }),
    ];
    return [joinMd(lines, '\n')];
  }
  if (run.status === 'cancelled') {
    const by = typeof run.summary?.cancelledBy === 'string' ? run.summary.cancelledBy : undefined;
    const headline = t.run.createCancelled({ env, ...(by ? { by } : {}), ms: tookMs(run) });
    // A "Cancel and destroy" stopped it: the teardown is on its way, so no advice to clean up.
    const next =
      run.summary?.cancelledFor === CANCELLED_FOR_TEARDOWN
        ? t.run.teardownFollows()
        : mrkdwn`${leftText(t, run)}\n${t.run.cleanUp({ env })}`;
    return [mrkdwn`${headline}\n${next}`];
  }
  return undefined;
}

const summaryError = (run: Run): string => (typeof run.summary?.error === 'string' ? run.summary.error : '');

function destroyOutcome(t: Texts, run: Run): Mrkdwn[] | undefined {
  if (run.status === 'running') return undefined;
  const receipt = renderReceipt(run.summary);
  const recorded = receiptOf(run.summary) !== undefined;
  const ok = run.status === 'succeeded' && recorded && receipt.clean;
  const icon = ok ? ':white_check_mark:' : ':warning:';
  const headline = recorded
    ? mrkdwn`${icon} ${t.said(receipt.headline)}`
    : mrkdwn`${icon} ${t.run.teardownEnded({ env: run.env, status: run.status, ms: tookMs(run), error: summaryError(run) })}`;
  const lines = receipt.lines.map((l) => t.said(l));
  return lines.length > 0 ? [headline, codeBlock(lines)] : [headline];
}

export function drillReportOf(run: Run): DrillReport | undefined {
  const drill = run.summary?.drill;
  return typeof drill === 'object' && drill !== null && Array.isArray((drill as DrillReport).phases)
    ? (drill as DrillReport)
    : undefined;
}

function failoverOutcome(t: Texts, run: Run): Mrkdwn[] | undefined {
  if (run.status === 'running') return undefined;
  const report = drillReportOf(run);
  const icon = report?.verdict === 'pass' ? ':white_check_mark:' : ':warning:';
  if (!report) {
    return [
      mrkdwn`${icon} ${t.run.drillEnded({ env: run.env, status: run.status, ms: tookMs(run), error: summaryError(run) })}`,
    ];
  }
  const headline = mrkdwn`${icon} ${t.run.drillHeadline({ headline: t.said(report.headline), ms: tookMs(run) })}`;
  const body = renderDrillReport(report)
    .slice(1)
    .map((l) => t.said(l));
  const failed = Object.values(run.steps).find((s) => s.status === 'failed')?.error;
  if (failed) body.push(t.said(say('drill.stopped', { error: failed.said ?? failed.message })));
  const restore = run.summary?.restore;
  if (typeof restore === 'string' || isSaid(restore)) body.push(t.said(restore));
  const seen = whatWasSeen(report);
  const saw =
    seen.length > 0
      ? [joinMd([mrkdwn`*${t.drill.sawHeading()}*`, ...seen.map((s) => plain(t.said(s)))], '\n')]
      : [];
  return [headline, codeBlock(body), ...saw];
}

/** The outcome, one text per section, once the run has ended (undefined while it runs). */
export function renderRunOutcome(t: Texts, run: Run, steps: readonly StepTitle[]): Mrkdwn[] | undefined {
  switch (run.kind) {
    case 'create':
      return createOutcome(t, run, steps);
    case 'destroy':
      return destroyOutcome(t, run);
    case 'failover':
      return failoverOutcome(t, run);
    case 'sleep':
    case 'wake':
      return powerOutcome(t, run, () => failureText(t, run, steps));
  }
}

/** The whole message: the outcome when there is one, then the steps with the critical path. */
export function renderRunMessage(t: Texts, run: Run, steps: readonly StepTitle[]): RunMessage {
  const outcome = renderRunOutcome(t, run, steps);
  const progress = renderRunProgress(t, run, steps);
  if (outcome) {
    const sections = outcome.map((text): Block => section(text));
    return message(outcome[0], [...sections, ...powerButtonsOf(t, run), ...progress]);
  }
  return message(t.run.underWay({ kind: run.kind, env: run.env, ms: tookMs(run) }), progress);
}

/** Failures retried and overcome on the way, for the thread (never beside a ✅). */
function retriedText(t: Texts, run: Run, steps: readonly StepTitle[]): Mrkdwn | undefined {
  const lines: Mrkdwn[] = [];
  for (const [id, state] of Object.entries(run.steps)) {
    if (state.status === 'failed') continue;
    const title = steps.find((s) => s.id === id)?.title ?? id;
    for (const r of state.retried ?? []) {
      lines.push(t.run.retriedLine({ step: title, message: t.said(r.said ?? r.message), times: r.times }));
    }
  }
  return lines.length > 0 ? mrkdwn`${t.run.retried()}\n${joinMd(lines, '\n')}` : undefined;
}

/** The thread reply at the end: the outcome again, mentioning whoever asked, and what was retried. */
export function renderRunThreadReply(
  t: Texts,
  run: Run,
  steps: readonly StepTitle[],
): RunMessage | undefined {
  const outcome = renderRunOutcome(t, run, steps);
  if (!outcome) return undefined;
  const retried = retriedText(t, run, steps);
  const text = mrkdwn`${mention(run.requestedBy)} ${joinMd(outcome, '\n')}${retried ? mrkdwn`\n${retried}` : mrkdwn``}`;
  return message(text, [section(text)]);
}
