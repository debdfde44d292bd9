/**
 * Which language and time zone a text is written for. Imports nothing from the project, so the
 * formatter (src/domain/format.ts) and the catalogues can both use it.
 *
 * A reader's language is their own choice (`/site lang`), else the workspace's `SITEBOT_LANG`,
 * else English; a channel message takes the language of whoever started the run (scheduled ones
 * the workspace's). Dates are shown in the channel's time zone: `SITEBOT_CHANNEL_TIME_ZONES`,
 * else `SITEBOT_TIME_ZONE`, else the language's own (Asia/Tokyo for Japanese, UTC for English).
 */

export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'en';

/** The BCP 47 tag Intl formats a language with. */
export const INTL_TAG: Readonly<Record<Lang, string>> = { en: 'en-US', ja: 'ja-JP' };

/** Where a language's readers are when nothing else says: the hands-on's readers are in Japan. */
const LANG_TIME_ZONE: Readonly<Record<Lang, string>> = { en: 'UTC', ja: 'Asia/Tokyo' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** A language and the time zone its dates are shown in. */
export interface Locale {
  readonly lang: Lang;
  readonly timeZone: string;
}

/** The workspace's settings: its default language and the channels' time zones. */
export interface LanguageSettings {
  /** `SITEBOT_LANG`: scheduled messages and readers who chose nothing. */
  readonly lang: Lang;
  /** `SITEBOT_TIME_ZONE`: every channel's, unless the channel has its own. */
  readonly timeZone?: string;
  /** `SITEBOT_CHANNEL_TIME_ZONES`: channel id → time zone. */
  readonly channelTimeZones?: Readonly<Record<string, string>>;
}

export const DEFAULT_LANGUAGE_SETTINGS: LanguageSettings = { lang: DEFAULT_LANG };

/** True when Intl knows the zone (`Asia/Tokyo`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The locale of a text in `lang` read in `channel`: the channel's zone, else the workspace's,
 * else the language's own.
 */
export function localeOf(settings: LanguageSettings, lang: Lang | undefined, channel?: string): Locale {
  const chosen = lang ?? settings.lang;
  const timeZone =
    (channel !== undefined ? settings.channelTimeZones?.[channel] : undefined) ??
    settings.timeZone ??
    LANG_TIME_ZONE[chosen];
  return { lang: chosen, timeZone };
}
