/**
 * The one progress message of a run (create, destroy, failover), as it reads at each update,
 * and the thread reply that announces its end to the person who asked. Only ids, endpoints,
 * counts and times ever appear: never a secret (the workflows do not record any in a run).
 */
import type { Run } from '../../state/types';
import { createOutputs, createResources } from '../../workflows/create/finish';
import { renderReceipt } from '../../workflows/destroy/receipt';
import type { DrillReport } from '../../workflows/failover/report';
import { formatDuration } from '../format';
import { powerOutcome } from './power';
import { section, type Block } from './reply';
import { renderRunProgress, type StepTitle } from './run-progress';

export interface RunMessage {
  text: string;
  blocks: Block[];
}

type OutputsOf = (stepId: string) => Readonly<Record<string, unknown>>;

const outputsOfRun =
  (run: Run): OutputsOf =>
  (id) =>
    run.steps[id]?.outputs ?? {};

function elapsed(run: Run, now: number): string {
  return formatDuration((run.finishedAt ?? now) - run.createdAt);
}

/** The step that failed first, by title, with its error in plain words. */
function failureText(run: Run, steps: readonly StepTitle[]): string {
  const failed = steps.find((s) => run.steps[s.id]?.status === 'failed');
  const message = failed
    ? run.steps[failed.id]?.error?.message
    : typeof run.summary?.error === 'string'
      ? run.summary.error
      : undefined;
  const where = failed ? `*${failed.title}*` : 'a step';
  return `${where} failed${message ? `: ${message}` : ''}`;
}

/** "3 resources were created and are still there (vpc, igw, …)" for a create that stopped. */
function leftText(run: Run): string {
  const roles = Object.keys(createResources(outputsOfRun(run)));
  if (roles.length === 0) return 'Nothing was created yet.';
  return `${roles.length} resource(s) were created and are still there (they cost money until removed): ${roles.join(', ')}.`;
}

function createOutcome(run: Run, steps: readonly StepTitle[], now: number): RunMessage | undefined {
  const env = run.env;
  if (run.status === 'succeeded') {
    const out = createOutputs(outputsOfRun(run));
    const facts = [
      `:white_check_mark: *${env} is ready* (${elapsed(run, now)})`,
      `Site: ${out.siteUrl ?? '(unknown)'}`,
      `DB endpoint: \`${out.dbEndpoint ?? '(unknown)'}\``,
      `AZs: ${out.azs ?? '(unknown)'}${out.multiAz === 'true' ? ' (DB Multi-AZ)' : ''}`,
    ];
    return { text: `${env} is ready: ${out.siteUrl ?? ''}`, blocks: [section(facts.join('\n'))] };
  }
  if (run.status === 'failed') {
    const lines = [
      `:x: *create of ${env} failed* after ${elapsed(run, now)}: ${failureText(run, steps)}.`,
      leftText(run),
      `Clean up with \`/site destroy ${env}\`, or run \`/site create ${env}\` again: it resumes where it stopped.`,
    ];
    return { text: `create of ${env} failed`, blocks: [section(lines.join('\n'))] };
  }
  if (run.status === 'cancelled') {
    const by = run.summary?.cancelledBy ? ` by <@${String(run.summary.cancelledBy)}>` : '';
    const lines = [
      `:no_entry_sign: *create of ${env} was cancelled*${by} after ${elapsed(run, now)}.`,
      leftText(run),
      `Clean up with \`/site destroy ${env}\`.`,
    ];
    return { text: `create of ${env} cancelled`, blocks: [section(lines.join('\n'))] };
  }
  return undefined;
}

function destroyOutcome(run: Run, now: number): RunMessage | undefined {
  if (run.status === 'running') return undefined;
  const receipt = renderReceipt(run.summary);
  const ok = run.status === 'succeeded' && /0 resources tagged for/.test(receipt.headline);
  const icon = ok ? ':white_check_mark:' : ':warning:';
  const headline =
    receipt.lines.length === 0 && !run.summary?.receipt
      ? `${icon} teardown of ${run.env} ${run.status} after ${elapsed(run, now)}${run.summary?.error ? `: ${String(run.summary.error)}` : ''}. Run \`/site destroy ${run.env}\` again to resume.`
      : `${icon} ${receipt.headline}`;
  const blocks: Block[] = [section(headline)];
  if (receipt.lines.length > 0) blocks.push(section(codeBlock(receipt.lines)));
  return { text: headline.replace(/^:[a-z_]+: /, ''), blocks };
}

export function drillReportOf(run: Run): DrillReport | undefined {
  const drill = run.summary?.drill;
  return typeof drill === 'object' && drill !== null && Array.isArray((drill as DrillReport).phases)
    ? (drill as DrillReport)
    : undefined;
}

function failoverOutcome(run: Run, now: number): RunMessage | undefined {
  if (run.status === 'running') return undefined;
  const report = drillReportOf(run);
  const text = typeof run.summary?.text === 'string' ? run.summary.text : undefined;
  const icon = report?.verdict === 'pass' ? ':white_check_mark:' : ':warning:';
  const headline = report
    ? `${icon} *${report.headline}* (${elapsed(run, now)})`
    : `${icon} failover drill on ${run.env} ${run.status}${run.summary?.error ? `: ${String(run.summary.error)}` : ''}`;
  const blocks: Block[] = [section(headline)];
  const body = text?.split('\n').slice(report ? 1 : 0);
  if (body && body.length > 0) blocks.push(section(codeBlock(body)));
  return { text: headline.replace(/[*]/g, '').replace(/^:[a-z_]+: /, ''), blocks };
}

function codeBlock(lines: readonly string[]): string {
  // A section's text is capped at 3000 characters.
  const joined = lines.join('\n');
  return '```' + (joined.length > 2900 ? `${joined.slice(0, 2899)}…` : joined) + '```';
}

/** The outcome part of the message, once the run has ended (undefined while it runs). */
export function renderRunOutcome(run: Run, steps: readonly StepTitle[], now: number): RunMessage | undefined {
  switch (run.kind) {
    case 'create':
      return createOutcome(run, steps, now);
    case 'destroy':
      return destroyOutcome(run, now);
    case 'failover':
      return failoverOutcome(run, now);
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
export function renderRunMessage(run: Run, steps: readonly StepTitle[], now: number): RunMessage {
  const outcome = renderRunOutcome(run, steps, now);
  const progress = renderRunProgress(run, steps, now);
  if (outcome) return { text: outcome.text, blocks: [...outcome.blocks, ...progress] };
  return { text: `${VERB[run.kind]} ${run.env}…`, blocks: progress };
}

/** The thread reply at the end: the outcome again, mentioning whoever asked. */
export function renderRunThreadReply(run: Run, steps: readonly StepTitle[], now: number): string | undefined {
  const outcome = renderRunOutcome(run, steps, now);
  if (!outcome) return undefined;
  const body = outcome.blocks
    .map((b) => (b.type === 'section' && b.text ? b.text.text : ''))
    .filter(Boolean)
    .join('\n');
  return `<@${run.requestedBy}> ${body}`;
}
