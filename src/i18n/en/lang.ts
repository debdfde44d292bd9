/** `/site lang ja|en`: the reader's own language. */
import { code, mrkdwn, type Mrkdwn } from '../../bot/views/mrkdwn';

export const lang = () => ({
  name: (a: { lang: string }) => ({ en: 'English', ja: 'Japanese (日本語)' })[a.lang] ?? a.lang,
  set: (a: { name: string }): Mrkdwn =>
    mrkdwn`:speech_balloon: I will answer you in ${a.name}. Runs you start report in it too.`,
  /** `/site lang`: which language is in effect, and where it comes from. */
  current: (a: { name: string; chosen: boolean; workspace: string }): Mrkdwn =>
    a.chosen
      ? mrkdwn`You read the bot in ${a.name}: your own choice (the workspace's default is ${a.workspace}). Change it with ${code('/site lang ja')} or ${code('/site lang en')}.`
      : mrkdwn`You read the bot in ${a.name}: the workspace's default (${code('SITEBOT_LANG')}), since you chose none. Choose your own with ${code('/site lang ja')} or ${code('/site lang en')}.`,
  unavailable: (): Mrkdwn => mrkdwn`This bot cannot keep your language: it has no place to store it.`,
});

export type LangTexts = ReturnType<typeof lang>;
