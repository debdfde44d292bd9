/**
 * The console's words in the page's language (`<html lang>`, set by the server from `?lang=` or
 * SITEBOT_LANG). Both catalogues are bundled: they are small, and the page never fetches text.
 */
import { CONSOLE_LANGUAGE_NAMES, webConsole as en, type ConsoleTexts } from '../../../../i18n/en/console';
import { webConsole as ja } from '../../../../i18n/ja/console';

export type ConsoleLang = keyof typeof CONSOLE_LANGUAGE_NAMES;
export type { ConsoleTexts };

const CATALOGUES: Record<ConsoleLang, ConsoleTexts> = { en: en(), ja: ja() };

export const LANGUAGE_NAMES = CONSOLE_LANGUAGE_NAMES;

export function isConsoleLang(value: string): value is ConsoleLang {
  return value in CATALOGUES;
}

/** The page's language and its texts. */
export function pageTexts(): { lang: ConsoleLang; t: ConsoleTexts } {
  const lang = document.documentElement.lang;
  return isConsoleLang(lang) ? { lang, t: CATALOGUES[lang] } : { lang: 'en', t: CATALOGUES.en };
}
