/**
 * Which language the bot speaks, and where: a private answer in the reader's (their `/site lang`,
 * else the workspace's `SITEBOT_LANG`), a run's channel messages in the language of whoever
 * started it (kept in `run.params.lang`; the workspace's for a scheduled run), scheduled messages
 * (reminders, digests) in the workspace's. Dates in the channel's time zone.
 */
import type { Lang, LanguageSettings } from '../i18n/locale';
import { voiceOf } from '../i18n/voice';
import { textsIn, type Texts } from '../i18n/texts';
import type { PreferencesRepository, Run } from '../state/types';

/** The language a run was started in, when it was recorded. */
export function langOfRun(run: Pick<Run, 'params'>): Lang | undefined {
  return voiceOf(run.params).lang;
}

/** The texts a run's messages are written in: its starter's language, the channel's time zone. */
export function runTexts(settings: LanguageSettings, run: Pick<Run, 'params' | 'notify'>): Texts {
  return textsIn(settings, langOfRun(run), run.notify?.channel);
}

/** A reader's own choice, or undefined (the workspace's then applies). A failed read is no choice. */
export async function readerLang(
  preferences: PreferencesRepository | undefined,
  user: string,
): Promise<Lang | undefined> {
  if (!preferences) return undefined;
  return preferences.getLang(user).catch(() => undefined);
}

/** A reader's language (absent: the workspace's) and their texts in `channel`'s time zone. */
export async function readerVoice(
  settings: LanguageSettings,
  preferences: PreferencesRepository | undefined,
  user: string,
  channel: string,
): Promise<{ t: Texts; lang?: Lang }> {
  const lang = await readerLang(preferences, user);
  return { t: textsIn(settings, lang, channel), ...(lang ? { lang } : {}) };
}
