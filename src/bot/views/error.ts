/** Refusals and errors: always private (ephemeral), one line naming the problem and the rule. */
import type { Saying } from '../../i18n/said';
import type { Texts } from '../../i18n/texts';
import { USAGE, type Subcommand } from '../grammar';
import { mrkdwn, plain, type Mrkdwn } from './mrkdwn';
import { context, ephemeral, section, type Reply } from './reply';

/** A malformed command: the problem on one line, then that command's usage and a pointer to help. */
export function renderCommandError(t: Texts, problem: Saying, sub?: Subcommand): Reply {
  const line = mrkdwn`:warning: ${t.said(problem)}`;
  const usage = sub && sub !== 'help' ? t.errors.usage({ usage: USAGE[sub] }) : t.errors.seeHelp();
  return ephemeral(line, [section(line), context(usage)]);
}

/** A well-formed command refused (not allowed, not found, busy): something said, or plain text. */
export function renderRefusal(t: Texts, problem: Saying): Reply {
  return renderRefusalMd(mrkdwn`:no_entry: ${plain(t.said(problem))}`);
}

/** A refusal whose text is already mrkdwn (it mentions someone, links a channel). */
export function renderRefusalMd(problem: Mrkdwn): Reply {
  return ephemeral(problem, [section(problem)]);
}

/** Something failed inside the bot; nothing was changed by the command. */
export function renderFailure(t: Texts, what: string, detail: string): Reply {
  return renderRefusalMd(t.errors.failure({ what, detail }));
}

export function renderNotAvailable(t: Texts, what: string): Reply {
  return ephemeral(t.errors.notAvailableText({ what }), [
    section(t.errors.notAvailable({ what })),
    context(t.errors.notAvailableWhy()),
  ]);
}

/** "Working on it…": the ack when the real answer is not ready within Slack's 3 seconds. */
export function renderWorking(t: Texts): Reply {
  return renderRefusalMd(t.errors.working());
}
