/** ドライランの計画 (英語版: ../en/plan.ts)。 */
import { code, mrkdwn } from '../../bot/views/mrkdwn';
import type { PlanTexts } from '../en/plan';

export const plan = (): PlanTexts => ({
  title: (a) => `${a.env} の計画 (ドライラン)`,
  intro: (a) =>
    mrkdwn`リージョン ${a.region}、AZ ${a.azs}、マルチ AZ: ${a.multiAz}。同じグループのステップは並行して実行します。`,
  cost: (a) => mrkdwn`費用の見積もり: ${a.rates}`,
  costUnknown: () => mrkdwn`費用の見積もり: 不明 (このリージョンの料金がありません)`,
  nothingCreated: (a) =>
    mrkdwn`${a.total}: ${a.what}。何も作成していません。作成するには --dry-run を付けずに ${code(`/site create ${a.env}`)} を実行してください。`,
  summary: (a) =>
    mrkdwn`${a.env} の計画: ${a.groups} グループで${a.total}。${a.cost}。何も作成していません。`,
  cliTitle: (a) => `${a.env} の計画: ${a.region} (${a.azs})、マルチ AZ: ${a.multiAz}`,
  cliTotal: (a) => `${a.total}: ${a.what}。ドライランでは何も作成しません。`,
  cliCost: (a) => `費用の見積もり: ${a.rates}`,
  preflightLater: () => mrkdwn`クォータと提供状況は、作成の開始時、何かを作る前に確認します。`,
  preflightOk: () => mrkdwn`*事前確認:* アカウントに余裕があり、両方の AZ で必要なものが提供されています。`,
  preflightRefused: () => mrkdwn`*事前確認: この作成は拒否されます* (何も作られません)。`,
  wouldBeRefused: (a) => mrkdwn`作成は拒否されます: ${a.refusal}`,
  notCreated: (a) => mrkdwn`${a.env} は作成していません: ${a.refusal}`,
});
