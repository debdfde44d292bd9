/**
 * One step's explanation as a thread reply (`--explain`, `/site explain <env>`): what it makes,
 * why it exists or waits, the hands-on section, what sitebot does differently, one AWS page;
 * with this run's numbers (the facts come from the run record) and how long the step took.
 */
import type { Explanation } from '../../i18n/explain';
import type { Texts } from '../../i18n/texts';
import type { StepState } from '../../state/types';
import { bold, joinMd, mrkdwn, Mrkdwn, plain } from './mrkdwn';
import { packLines } from './limits';
import { context, message, section, type Message } from './reply';

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
