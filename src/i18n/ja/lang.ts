/** `/site lang ja|en` (英語版: ../en/lang.ts)。 */
import { code, mrkdwn } from '../../bot/views/mrkdwn';
import type { LangTexts } from '../en/lang';

export const lang = (): LangTexts => ({
  name: (a) => ({ en: '英語 (English)', ja: '日本語' })[a.lang] ?? a.lang,
  set: (a) =>
    mrkdwn`:speech_balloon: これから${a.name}でお答えします。あなたが始めた実行の報告も${a.name}になります。`,
  current: (a) =>
    a.chosen
      ? mrkdwn`いまの表示言語は${a.name}です (あなた自身が選んだ言語。ワークスペースの既定は${a.workspace})。${code('/site lang ja')} または ${code('/site lang en')} で変更できます。`
      : mrkdwn`いまの表示言語は${a.name}です。言語を選んでいないため、ワークスペースの既定 (${code('SITEBOT_LANG')}) を使っています。${code('/site lang ja')} または ${code('/site lang en')} で自分の言語を選べます。`,
  unavailable: () => mrkdwn`このボットには言語の設定を保存する場所がないため、設定できません。`,
});
