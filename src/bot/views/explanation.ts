/**
 * Explanations: one step's as a thread reply (`--explain`, `/site explain <env>`): what it makes,
 * why it exists or waits, the hands-on section, what sitebot does differently, one AWS page;
 * with this run's numbers (the facts come from the run record) and how long the step took. And
 * the private answers of `/site explain`: the list of steps, one step, what went to a thread.
 */
import type { Explanation } from '../../i18n/explain';
import type { Texts } from '../../i18n/texts';
import type { StepState } from '../../state/types';
import { explainedSteps, type StepExplanation } from '../explanations';
import { renderRefusalMd } from './error';
import { bold, joinMd, mrkdwn, Mrkdwn, plain } from './mrkdwn';
import { packLines } from './limits';
import { context, ephemeral, header, message, section, type Message, type Reply } from './reply';

export function renderExplanation(t: Texts, title: string, e: Explanation, step?: StepState): Message {
  const lines: Mrkdwn[] = [
    t.explain.heading({ title }),
    plain(e.what),
    plain(e.why),
    plain(e.handsOn),
    ...(e.differs ? [mrkdwn`${bold(t.explain.differs())} ${e.differs}`] : []),
  ];
  const took =
    step?.status === 'done' && step.startedAt !== undefined && step.finishedAt !== undefined
      ? t.explain.took({ ms: step.finishedAt - step.startedAt })
      : step?.status === 'skipped'
        ? t.explain.skipped()
        : step?.status === 'failed'
          ? t.explain.failed()
          : undefined;
  // A link's label and address are Slack markup: `<url|label>`, never escaped.
  const link = Mrkdwn.trusted(`<${e.doc.url}|${e.doc.title.replace(/[<>|&]/g, '')}>`);
  const blocks = [
    ...packLines(lines).map(section),
    context(joinMd([mrkdwn`${t.explain.doc()}:`, link, ...(took ? [took] : [])], ' ')),
  ];
  return message(t.explain.fallback({ title, what: e.what }), blocks);
}

/** `/site explain`: every explained step by workflow, with its id (what to ask for) and title. */
export function renderExplainedSteps(t: Texts): Reply {
  const heading = { create: t.explain.createSteps(), failover: t.explain.failoverSteps() };
  const groups = explainedSteps(t).flatMap((g) =>
    packLines([heading[g.kind], ...g.steps.map((s) => t.explain.stepLine(s))]).map(section),
  );
  return ephemeral(plain(t.explain.listTitle()), [
    header(t.explain.listTitle()),
    section(t.explain.listIntro()),
    ...groups,
  ]);
}

/** `/site explain <step>`, privately: each step of that id (the default settings stand in for a run). */
export function renderStepExplanations(t: Texts, steps: readonly StepExplanation[]): Reply {
  const messages = steps.map((s) => renderExplanation(t, s.title, s.explanation));
  return ephemeral(
    joinMd(
      messages.map((m) => Mrkdwn.trusted(m.text)),
      '\n',
    ),
    [...messages.flatMap((m) => m.blocks), context(t.explain.general())],
  );
}

const privately = (text: Mrkdwn): Reply => ephemeral(text, [section(text)]);

/** `/site explain <env>`: what was posted in its create's thread, or why nothing could be. */
export type EnvExplainOutcome =
  | { kind: 'posted'; env: string; n: number }
  | { kind: 'already'; env: string }
  | { kind: 'no-create'; env: string }
  | { kind: 'no-thread'; env: string }
  | { kind: 'elsewhere'; env: string; channel: string };

export function renderEnvExplained(t: Texts, outcome: EnvExplainOutcome): Reply {
  switch (outcome.kind) {
    case 'posted':
      return privately(t.explain.posted(outcome));
    case 'already':
      return privately(t.explain.alreadyPosted(outcome));
    case 'no-create':
      return privately(t.explain.noCreate(outcome));
    case 'no-thread':
      return privately(t.explain.noThread(outcome));
    case 'elsewhere':
      return renderRefusalMd(mrkdwn`:no_entry: ${t.explain.elsewhere(outcome)}`);
  }
}
