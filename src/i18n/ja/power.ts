/** スリープ・起動・稼働時間 (英語版: ../en/power.ts)。 */
import { bold, code, mention, mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';
import { clockTime, daysText, type PowerTexts } from '../en/power';

const DAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

export const power = (f: Formatter): PowerTexts => {
  const held = (ms: number | undefined) => (ms ? ` (${f.duration(ms)}起動したままにします)` : '');
  return {
    hours: (h) =>
      `${daysText(h.days, DAYS, '毎日', '〜', '・')} ${clockTime(h.start)}〜${clockTime(h.end)} (${h.timeZone})`,
    asleepSince: (a) => `、${f.instant(a.since)} からスリープ中 (${f.duration(a.ms)})`,
    slept: (a) => `${a.env} をスリープしました`,
    woke: (a) => `${a.env} を起動しました`,
    wakeWith: (a) => mrkdwn`${code(`/site wake ${a.env}`)} で起動できます。`,
    sleepWith: (a) => mrkdwn`${code(`/site sleep ${a.env}`)} でスリープできます。`,
    ended: (a) =>
      `${a.env} の${a.kind === 'sleep' ? 'スリープ' : '起動'}: ${a.status === 'failed' ? '失敗' : a.status === 'cancelled' ? '取り消し' : a.status}`,
    again: (a) =>
      mrkdwn`${code(`/site ${a.kind} ${a.env}`)} をもう一度実行してください。残りの作業から続けます。`,
    wakeNow: () => '今すぐ起動',
    keepAwake: () => '2 時間起動したままにする',
    dbAutoStart: (a) =>
      mrkdwn`:zzz: 停止から 7 日たったため、RDS が ${bold(a.env)} の DB インスタンスを自動で起動しました。もう一度停止しています…`,
    officeSleep: (a) =>
      mrkdwn`:crescent_moon: 稼働時間${a.hours ? ` (${a.hours})` : ''}の終わり: ${bold(a.env)} をスリープしています…`,
    officeWake: (a) =>
      mrkdwn`:sunrise: 稼働時間${a.hours ? ` (${a.hours})` : ''}の始まり: ${bold(a.env)} を起動しています…`,
    sleeping: (a) => mrkdwn`:zzz: ${bold(a.env)} をスリープしています…`,
    waking: (a) => mrkdwn`:sunrise: ${bold(a.env)} を起動しています…`,
    notStarted: (a) =>
      mrkdwn`:no_entry: ${bold(a.env)} の${a.kind === 'sleep' ? 'スリープ' : '起動'}を開始できませんでした: ${a.why}`,
    hoursOff: (a) =>
      mrkdwn`${mention(a.by)} が ${bold(a.env)} の稼働時間を解除しました。${code('/site sleep')} か ${code('/site wake')} が実行されるまで、いまの状態 (起動中またはスリープ中) のままです。`,
    hoursSet: (a) =>
      mrkdwn`${mention(a.by)} が ${bold(a.env)} の稼働時間を設定しました: ${a.hours}${
        a.next
          ? `。次は${f.duration(a.next.inMs)}後に${a.next.kind === 'sleep' ? 'スリープ' : '起動'}します`
          : ''
      }${a.savingPerDay !== undefined ? `。平均で約 ${f.perDay(a.savingPerDay)} の節約になります` : ''}。`,
    wakeAfterSleep: (a) =>
      mrkdwn`${mention(a.by)} が ${bold(a.env)} の起動を依頼しました${held(a.heldMs)}。スリープが終わりしだい起動します。`,
    wakingAlready: (a) => mrkdwn`${bold(a.env)} はすでに起動中です${held(a.heldMs)}。`,
    isAwake: (a) => mrkdwn`${mention(a.by)}: ${bold(a.env)} は起動しています${held(a.heldMs)}。`,
  };
};
