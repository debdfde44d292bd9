/**
 * Explain mode around each step's own text (src/workflows/<kind>/outline.<lang>.ts): how an
 * explanation is laid out in a thread, the list of steps, and the answers of `/site explain`.
 */
import { bold, channelLink, code, mrkdwn, type Mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';

export const explain = (f: Formatter) => ({
  heading: (a: { title: string }): Mrkdwn => mrkdwn`:bulb: ${bold(a.title)}`,
  differs: () => 'sitebot differs:',
  took: (a: { ms: number }): Mrkdwn => mrkdwn`_This took ${f.duration(a.ms)} in this run._`,
  skipped: (): Mrkdwn => mrkdwn`_Skipped in this run._`,
  failed: (): Mrkdwn => mrkdwn`_This step failed in this run._`,
  doc: () => 'AWS documentation',
  fallback: (a: { title: string; what: string }): Mrkdwn => mrkdwn`${a.title}: ${a.what}`,
  /** `/site explain` without a subject. */
  listTitle: () => 'What each step does, and why',
  listIntro: (): Mrkdwn =>
    mrkdwn`Ask for one with ${code('/site explain <step>')}; ${code('/site create <env> --explain')} explains each step in the run's thread as it starts, and ${code('/site explain <env>')} does it afterwards for an environment's create.`,
  createSteps: (): Mrkdwn => mrkdwn`*Create* (${code('/site create')})`,
  failoverSteps: (): Mrkdwn => mrkdwn`*Failover drill* (${code('/site failover')})`,
  stepLine: (a: { id: string; title: string }): Mrkdwn => mrkdwn`${code(a.id)} ${a.title}`,
  /** `/site explain <env>`: where the explanations went. */
  posted: (a: { env: string; n: number }): Mrkdwn =>
    mrkdwn`Explained ${a.n} steps of the create of ${bold(a.env)} in the thread of its message in the channel.`,
  alreadyPosted: (a: { env: string }): Mrkdwn =>
    mrkdwn`The create of ${bold(a.env)} is already explained in the thread of its message in the channel.`,
  elsewhere: (a: { env: string; channel: string }): Mrkdwn =>
    mrkdwn`${bold(a.env)} reports to ${channelLink(a.channel)}: run ${code(`/site explain ${a.env}`)} there.`,
  noCreate: (a: { env: string }): Mrkdwn =>
    mrkdwn`${bold(a.env)} has no create run to explain (it was made before runs were kept, or never got one).`,
  noThread: (a: { env: string }): Mrkdwn =>
    mrkdwn`The create of ${bold(a.env)} has no message in a channel to explain it under (it was started from the command line). Ask for single steps with ${code('/site explain <step>')}.`,
  /** The explanation of one step without a run: the default settings stand in for this run's facts. */
  general: (): Mrkdwn =>
    mrkdwn`_With the default settings; a run's own explanations use its real names and numbers._`,
});

export type ExplainTexts = ReturnType<typeof explain>;
