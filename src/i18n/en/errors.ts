/** Refusals and errors, always private (src/bot/views/error.ts): the problem, then what to do. */
import { code, mrkdwn, type Mrkdwn } from '../../bot/views/mrkdwn';

export const errors = () => ({
  usage: (a: { usage: string }): Mrkdwn => mrkdwn`Usage: ${code(a.usage)} — see ${code('/site help')}`,
  seeHelp: (): Mrkdwn => mrkdwn`See ${code('/site help')}.`,
  failure: (a: { what: string; detail: string }): Mrkdwn =>
    mrkdwn`:x: Something went wrong with ${a.what} (${a.detail}). Nothing was changed by this command.`,
  /** What failed, named in `failure`. */
  theButton: () => 'that button',
  notAvailableText: (a: { what: string }): Mrkdwn => mrkdwn`${a.what} is not available yet.`,
  notAvailable: (a: { what: string }): Mrkdwn => mrkdwn`${code(a.what)} is not available yet.`,
  notAvailableWhy: (): Mrkdwn =>
    mrkdwn`It parsed and you are allowed to run it; the feature has not landed in this bot version.`,
  working: (): Mrkdwn => mrkdwn`:hourglass_flowing_sand: Working on it…`,
  notQueued: (): Mrkdwn =>
    mrkdwn`:x: I could not take that command just now; nothing was done. Please try again.`,
  nothingChanged: (a: { problem: Mrkdwn }): Mrkdwn => mrkdwn`${a.problem}. Nothing was changed.`,
});

export type ErrorTexts = ReturnType<typeof errors>;
