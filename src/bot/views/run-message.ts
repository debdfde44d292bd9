/**
 * The one progress message of a run (create, destroy, failover), as it reads at each update,
 * and the thread reply that announces its end to the person who asked. Only ids, endpoints,
 * counts and times ever appear: never a secret (the workflows do not record any in a run).
 * Every time is measured to the run's own instant (`runInstant`), so the headline's elapsed
 * time, the steps and the outcome agree.
 */
import { formatDuration } from '../../domain/format';
import type { Run } from '../../state/types';
import { createOutputs, createResources } from '../../workflows/create/finish';
import { receiptOf, renderReceipt } from '../../workflows/destroy/receipt';
import { CANCELLED_FOR_TEARDOWN } from '../../workflows/destroy/start';
import type { DrillReport } from '../../workflows/failover/report';
import { describeInventory, inventoryOf, refsOfRoles, totalText } from '../../workflows/inventory';
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

const took = (run: Run): string => formatDuration(runElapsedMs(run));

/** The step that failed first, by title, with its error in plain words. */
function failureText(run: Run, steps: readonly StepTitle[]): Mrkdwn {
  const failed = steps.find((s) => run.steps[s.id]?.status === 'failed');
  const message = failed
    ? run.steps[failed.id]?.error?.message
    : typeof run.summary?.error === 'string'
      ? run.summary.error
      : undefined;
  const where = failed ? bold(failed.title) : mrkdwn`a step`;
  return message ? mrkdwn`${where} failed: ${message}` : mrkdwn`${where} failed`;
}

/** What a create that stopped left behind, counted like status and the teardown count it. */
function leftText(run: Run): Mrkdwn {
  const left = inventoryOf(refsOfRoles(createResources(outputsOfRun(run))));
  if (left.total === 0) return mrkdwn`Nothing was created yet.`;
  return mrkdwn`Created so far and still there (they cost money until removed): ${totalText(left)} — ${describeInventory(left)}.`;
}

function createOutcome(run: Run, steps: readonly StepTitle[]): Mrkdwn[] | undefined {
  const env = run.env;
  if (run.status === 'succeeded') {
    const out = createOutputs(outputsOfRun(run));
    const lines = [
      mrkdwn`:white_check_mark: *${env} is ready* after ${took(run)}`,
      mrkdwn`Site: ${out.siteUrl ?? '(unknown)'}${out.siteCheck ? ` (${out.siteCheck})` : ''}`,
      mrkdwn`DB endpoint: ${code(out.dbEndpoint ?? '(unknown)')}`,
      mrkdwn`AZs: ${out.azs ?? '(unknown)'}${out.multiAz === 'true' ? ' (DB Multi-AZ)' : ''}`,
    ];
    return [joinMd(lines, '\n')];
  }
  if (run.status === 'failed') {
    const lines = [
      mrkdwn`:x: *create of ${env} failed* after ${took(run)}: ${failureText(run, steps)}.`,
      leftText(run),
      mrkdwn`Clean up with ${code(`/site destroy ${env}`)}, or run ${code(`/site create ${env}`)} again: it resumes where it stopped.`,
    ];
    return [joinMd(lines, '\n')];
  }
  if (run.status === 'cancelled') {
    const by =
      typeof run.summary?.cancelledBy === 'string'
        ? mrkdwn` by ${mention(run.summary.cancelledBy)}`
        : mrkdwn``;
    const headline = mrkdwn`:no_entry_sign: *create of ${env} was cancelled*${by} after ${took(run)}.`;
    // A "Cancel and destroy" stopped it: the teardown is on its way, so no advice to clean up.
    const next =
      run.summary?.cancelledFor === CANCELLED_FOR_TEARDOWN
        ? mrkdwn`Its teardown starts now, in the message that asked for it.`
        : mrkdwn`${leftText(run)}\nClean up with ${code(`/site destroy ${env}`)}.`;
    return [mrkdwn`${headline}\n${next}`];
  }
  return undefined;
}

function destroyOutcome(run: Run): Mrkdwn[] | undefined {
  if (run.status === 'running') return undefined;
  const receipt = renderReceipt(run.summary);
  const recorded = receiptOf(run.summary) !== undefined;
  const ok = run.status === 'succeeded' && recorded && /0 resources tagged for/.test(receipt.headline);
  const icon = ok ? ':white_check_mark:' : ':warning:';
  const error = typeof run.summary?.error === 'string' ? `: ${run.summary.error}` : '';
  const headline = recorded
    ? mrkdwn`${icon} ${receipt.headline}`
    : mrkdwn`${icon} teardown of ${run.env} ${run.status} after ${took(run)}${error}. Run ${code(`/site destroy ${run.env}`)} again to resume.`;
  return receipt.lines.length > 0 ? [headline, codeBlock(receipt.lines)] : [headline];
}

export function drillReportOf(run: Run): DrillReport | undefined {
  const drill = run.summary?.drill;
  return typeof drill === 'object' && drill !== null && Array.isArray((drill as DrillReport).phases)
    ? (drill as DrillReport)
    : undefined;
}

function failoverOutcome(run: Run): Mrkdwn[] | undefined {
  if (run.status === 'running') return undefined;
  const report = drillReportOf(run);
  const text = typeof run.summary?.text === 'string' ? run.summary.text : undefined;
  const icon = report?.verdict === 'pass' ? ':white_check_mark:' : ':warning:';
  const error = typeof run.summary?.error === 'string' ? `: ${run.summary.error}` : '';
  const headline = report
    ? mrkdwn`${icon} ${bold(report.headline)} (${took(run)})`
    : mrkdwn`${icon} failover drill on ${run.env} ${run.status} after ${took(run)}${error}`;
  const body = text?.split('\n').slice(report ? 1 : 0);
  return body && body.length > 0 ? [headline, codeBlock(body)] : [headline];
}

/** The outcome, one text per section, once the run has ended (undefined while it runs). */
export function renderRunOutcome(run: Run, steps: readonly StepTitle[]): Mrkdwn[] | undefined {
  switch (run.kind) {
    case 'create':
      return createOutcome(run, steps);
    case 'destroy':
      return destroyOutcome(run);
    case 'failover':
      return failoverOutcome(run);
    case 'sleep':
    case 'wake':
      return powerOutcome(run, () => failureText(run, steps));
  }
}

const VERB: Record<Run['kind'], string> = {
  create: 'Creating',
  destroy: 'Tearing down',
  failover: 'Failover drill on',
  sleep: 'Putting to sleep:',
  wake: 'Waking',
};

/** The whole message: the outcome when there is one, then the steps with the critical path. */
export function renderRunMessage(run: Run, steps: readonly StepTitle[]): RunMessage {
  const outcome = renderRunOutcome(run, steps);
  const progress = renderRunProgress(run, steps);
  if (outcome) {
    const sections = outcome.map((text): Block => section(text));
    return message(outcome[0], [...sections, ...powerButtonsOf(run), ...progress]);
  }
  return message(mrkdwn`${VERB[run.kind]} ${run.env}… ${took(run)} so far`, progress);
}

/** Failures retried and overcome on the way, for the thread (never beside a ✅). */
function retriedText(run: Run, steps: readonly StepTitle[]): Mrkdwn | undefined {
  const lines: Mrkdwn[] = [];
  for (const [id, state] of Object.entries(run.steps)) {
    if (state.status === 'failed') continue;
    const title = steps.find((s) => s.id === id)?.title ?? id;
    for (const r of state.retried ?? []) {
      lines.push(mrkdwn`• ${title}: ${plain(r.message)}${r.times > 1 ? ` (×${r.times})` : ''}`);
    }
  }
  return lines.length > 0 ? mrkdwn`Retried and overcome on the way:\n${joinMd(lines, '\n')}` : undefined;
}

/** The thread reply at the end: the outcome again, mentioning whoever asked, and what was retried. */
export function renderRunThreadReply(run: Run, steps: readonly StepTitle[]): RunMessage | undefined {
  const outcome = renderRunOutcome(run, steps);
  if (!outcome) return undefined;
  const retried = retriedText(run, steps);
  const text = mrkdwn`${mention(run.requestedBy)} ${joinMd(outcome, '\n')}${retried ? mrkdwn`\n${retried}` : mrkdwn``}`;
  return message(text, [section(text)]);
}
