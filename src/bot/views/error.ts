/** Refusals and errors: always private (ephemeral), one line naming the problem and the rule. */
import { USAGE, type Subcommand } from '../grammar';
import { code, md, plain, type Mrkdwn } from './mrkdwn';
import { context, ephemeral, section, type Reply } from './reply';

/** A malformed command: the problem on one line, then that command's usage and a pointer to help. */
export function renderCommandError(problem: string, sub?: Subcommand): Reply {
  const line = md`:warning: ${problem}`;
  const usage =
    sub && sub !== 'help'
      ? md`Usage: ${code(USAGE[sub])} — see ${code('/site help')}`
      : md`See ${code('/site help')}.`;
  return ephemeral(line, [section(line), context(usage)]);
}

/** A well-formed command refused (not allowed, not found, busy): `problem` is plain text. */
export function renderRefusal(problem: string): Reply {
  return renderRefusalMd(md`:no_entry: ${plain(problem)}`);
}

/** A refusal whose text is already mrkdwn (it mentions someone, links a channel). */
export function renderRefusalMd(problem: Mrkdwn): Reply {
  return ephemeral(problem, [section(problem)]);
}

/** Something failed inside the bot; nothing was changed by the command. */
export function renderFailure(what: string, detail: string): Reply {
  return renderRefusalMd(
    md`:x: Something went wrong with ${what} (${detail}). Nothing was changed by this command.`,
  );
}

export function renderNotAvailable(what: string): Reply {
  return ephemeral(md`${what} is not available yet.`, [
    section(md`${code(what)} is not available yet.`),
    context(md`
It parsed and you are allowed to run it; the feature has not landed in this bot version.
    `),
  ]);
}

/** "Working on it…": the ack when the real answer is not ready within Slack's 3 seconds. */
export function renderWorking(): Reply {
  return renderRefusalMd(md`
:hourglass_flowing_sand: Working on it…
  `);
}
