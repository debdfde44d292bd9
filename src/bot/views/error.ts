import { usageText } from './help';
import { context, ephemeral, section, type Reply } from './reply';

/** A malformed command: the one-line problem, then the usage. */
export function renderCommandError(problem: string): Reply {
  return ephemeral(`⚠️ ${problem}\nUsage:\n${usageText()}`, [
    section(`:warning: ${problem}`),
    section(`*Usage*\n\`\`\`${usageText()}\`\`\``),
  ]);
}

/** A well-formed command refused (not allowed, not found, not available yet). */
export function renderRefusal(problem: string): Reply {
  return ephemeral(problem, [section(problem)]);
}

export function renderNotAvailable(what: string): Reply {
  return ephemeral(`${what} is not available yet.`, [
    section(`\`${what}\` is not available yet.`),
    context('It parsed and you are allowed to run it; the feature has not landed in this bot version.'),
  ]);
}
