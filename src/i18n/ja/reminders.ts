/** リマインダーと日次のまとめ (英語版: ../en/reminders.ts)。ワークスペースの言語で書く。 */
import { bold, code, mention, mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';
import type { ReminderTexts } from '../en/reminders';

export const reminders = (f: Formatter): ReminderTexts => ({
  extendButton: (a) => `${f.duration(a.ms)}延長`,
  snoozeButton: (a) => `${f.duration(a.ms)}スヌーズ`,
  destroyNowButton: () => '今すぐ削除',
  expiryFact: (a) =>
    `${a.expiry} (${f.instant(a.at)})。${a.autoDestroy ? '期限が来ると削除されます' : '自動削除はオフです'}`,
  overdueFact: (a) => `${f.duration(a.agoMs)}前に期限切れ。自動削除がオフのため動き続けています`,
  spent: (a) => ` これまでの費用は ${f.usd(a.soFar)} です (${f.perDay(a.perDay)})。`,
  factText: (a) => mrkdwn`${a.env}: ${a.fact}。`,
  warning: (a) => mrkdwn`:alarm_clock: ${mention(a.owner)} ${bold(a.env)}: ${a.fact}。${a.spent}`,
  overdue: (a) => mrkdwn`:warning: ${mention(a.owner)} ${bold(a.env)}: ${a.fact}。${a.spent}`,
  autoDestroyStarted: (a) =>
    mrkdwn`:wastebasket: ${bold(a.env)} が期限を迎えたため、削除しています (進み具合は上のメッセージ)。${mention(a.owner)}`,
  autoDestroyFailed: (a) =>
    mrkdwn`:warning: ${bold(a.env)} は期限を迎えましたが、削除を始められませんでした${a.reason ? `: ${a.reason}` : ''}。${mention(a.owner)}`,
  extended: (a) =>
    mrkdwn`:calendar: ${mention(a.by)} が ${bold(a.env)} を ${f.duration(a.byMs)}延長しました。${a.expiry}です (${f.instant(a.at)})。${
      a.addedCost === undefined
        ? ''
        : `延長した ${f.duration(a.addedMs)}の費用は、今の構成で約 ${f.usd(a.addedCost)} です。`
    }`,
  snoozed: (a) =>
    mrkdwn`:zzz: ${mention(a.by)} がリマインダーを ${f.duration(a.forMs)}スヌーズしました。${bold(a.env)} は変わらず${a.expiry}です (${f.instant(a.at)})。${
      a.autoDestroy ? '期限が来ると削除されます' : '自動削除はオフです'
    }。${a.until !== undefined ? `${f.instant(a.until)} にもう一度お知らせします。` : '期限までにもうお知らせはしません。'}もっと残すには ${code(`/site extend ${a.env} <dur>`)} を使ってください。`,
  digestTitle: (a) => `稼働中の環境 (${a.n})`,
  digestLine: (a) =>
    mrkdwn`${bold(a.env)} (${a.status}) — ${mention(a.owner)} — 経過 ${f.duration(a.ageMs)} — ${a.cost} — ${a.expiry}`,
  digestRest: (a) =>
    mrkdwn`…ほかに ${a.n} 個の環境があり、合計 ${f.perDay(a.perDay)} かかっています。${code('/site list')} を参照してください。`,
  digestTotal: (a) => mrkdwn`チャンネルの合計: これまで ${f.usd(a.soFar)} · ${f.perDay(a.perDay)}`,
  digestBudget: (a) =>
    mrkdwn`予算: ${a.month} は ${f.usd(a.budget)} のうち ${f.usd(a.spent)} を使用 (${a.percent}%)。いまの料金のままなら月末までに約 ${f.usd(a.byMonthEnd)}`,
  digestBudgetUnknown: (a) => mrkdwn`予算: 計算できませんでした (${a.error})`,
  digestHint: () =>
    mrkdwn`延長は ${code('/site extend <env> <dur>')}、削除は ${code('/site destroy <env>')} で行えます。`,
  digestCount: (a) => mrkdwn`稼働中の環境 ${a.n} 個`,
});
