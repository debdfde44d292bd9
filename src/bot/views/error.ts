/** Refusals and errors: always private (ephemeral), one line naming the problem and the rule. */
import { USAGE, type Subcommand } from '../grammar';
import { code, mrkdwn, plain, type Mrkdwn } from './mrkdwn';
import { context, ephemeral, section, type Reply } from './reply';

/** A malformed command: the problem on one line, then that command's usage and a pointer to help. */
export function renderCommandError(problem: string, sub?: Subcommand): Reply {
  const line = mrkdwn`:warning: ${problem}`;
  const usage =
    sub && sub !== 'help'
      ? mrkdwn`Usage: ${code(USAGE[sub])} — see ${code('/site help')}`
      : mrkdwn`See ${code('/site help')}.`;
  return ephemeral(line, [section(line), context(usage)]);
}

/** A well-formed command refused (not allowed, not found, busy): `problem` is plain text. */
export function renderRefusal(problem: string): Reply {
  return renderRefusalMd(mrkdwn`:no_entry: ${plain(problem)}`);
}

/** A refusal whose text is already mrkdwn (it mentions someone, links a channel). */
export function renderRefusalMd(problem: Mrkdwn): Reply {
  return ephemeral(problem, [section(problem)]);
}

/** Something failed inside the bot; nothing was changed by the command. */
export function renderFailure(what: string, detail: string): Reply {
  return renderRefusalMd(
    mrkdwn`:x: Something went wrong with ${what} (${detail}). Nothing was changed by this command.`,
  );
}

export function renderNotAvailable(what: string): Reply {
  return ephemeral(mrkdwn`${what} is not available yet.`, [
    section(mrkdwn`${code(what)} is not available yet.`),
    context(mrkdwn`It parsed and you are allowed to run it; the feature has not landed in this bot version.`),
  ]);
}

/** "Working on it…": the ack when the real answer is not ready within Slack's 3 seconds. */
export function renderWorking(): Reply {
  return renderRefusalMd(mrkdwn`:hourglass_flowing_sand: Working on it…`);
}
