/** `/site create <env> --dry-run` (src/bot/views/create-plan.ts) and `sitebot create --dry-run`. */
import { code, mrkdwn, type Mrkdwn } from '../../bot/views/mrkdwn';

export const plan = () => ({
  title: (a: { env: string }) => `Plan for ${a.env} (dry run)`,
  intro: (a: { region: string; azs: string; multiAz: string }): Mrkdwn =>
    mrkdwn`Region ${a.region}, AZs ${a.azs}, Multi-AZ: ${a.multiAz}. Steps in one group run in parallel.`,
  cost: (a: { rates: string }): Mrkdwn => mrkdwn`Estimated cost: ${a.rates}`,
  costUnknown: (): Mrkdwn => mrkdwn`Estimated cost: unknown (no prices for this region)`,
  nothingCreated: (a: { total: string; what: string; env: string }): Mrkdwn =>
    mrkdwn`${a.total}: ${a.what}. Nothing was created. Run ${code(`/site create ${a.env}`)} without --dry-run to build it.`,
  summary: (a: { env: string; total: string; groups: number; cost: Mrkdwn }): Mrkdwn =>
    mrkdwn`Plan for ${a.env}: ${a.total} in ${a.groups} groups; ${a.cost}. Nothing was created.`,
  preflightLater: (): Mrkdwn =>
    mrkdwn`Quotas and offerings are checked when the create starts, before anything is made.`,
  preflightOk: (): Mrkdwn => mrkdwn`*Preflight:* the account has room and both AZs offer what this needs.`,
  preflightRefused: (): Mrkdwn => mrkdwn`*Preflight: this create would be refused* (nothing would be made).`,
  wouldBeRefused: (a: { refusal: string }): Mrkdwn => mrkdwn`The create would be refused: ${a.refusal}`,
  notCreated: (a: { env: string; refusal: string }): Mrkdwn => mrkdwn`${a.env} not created: ${a.refusal}`,
  /** The command line's plain text. */
  cliTitle: (a: { env: string; region: string; azs: string; multiAz: string }) =>
    `Plan for ${a.env} in ${a.region} (${a.azs}), Multi-AZ: ${a.multiAz}`,
  cliTotal: (a: { total: string; what: string }) => `${a.total}: ${a.what}; nothing is created by a dry run.`,
  cliCost: (a: { rates: string }) => `Estimated cost: ${a.rates}`,
});

export type PlanTexts = ReturnType<typeof plan>;
