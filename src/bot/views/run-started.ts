/** The private answer once a run has started: where its progress is (and its explanations). */
import type { Saying } from '../../i18n/said';
import type { Texts } from '../../i18n/texts';
import type { Run } from '../../state/types';
import { plain, type Mrkdwn } from './mrkdwn';
import { ephemeral, section, type Reply } from './reply';

function withExplain(t: Texts, text: Mrkdwn, explain: boolean): Mrkdwn {
  return explain ? t.common.sentences([text, t.run.explainFollows()]) : text;
}

export interface RunStartedOptions {
  /** A failed create picked up where it stopped. */
  resumed?: boolean;
  /** `--explain`: explanations follow in the run's thread. */
  explain?: boolean;
  /** The office hours it keeps, in words, when it has them. */
  hours?: string;
}

export function renderRunStarted(t: Texts, run: Run, options: RunStartedOptions = {}): Reply {
  const text = withExplain(
    t,
    options.resumed
      ? t.run.resumed({ env: run.env, runId: run.runId })
      : t.run.started({
          kind: run.kind,
          env: run.env,
          runId: run.runId,
          ...(options.hours ? { hours: options.hours } : {}),
        }),
    options.explain === true,
  );
  return ephemeral(text, [section(text)]);
}

/** A drill started: what it will do (the workflow's words). */
export function renderDrillStarted(t: Texts, description: Saying, explain = false): Reply {
  const text = withExplain(t, plain(t.said(description)), explain);
  return ephemeral(text, [section(text)]);
}
