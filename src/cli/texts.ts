/**
 * The command line speaks the workspace's language (`SITEBOT_LANG`): it has no Slack reader to
 * ask. Dates in the workspace's time zone (`SITEBOT_TIME_ZONE`, else the language's own).
 */
import type { Config } from '../config/config';
import { DEFAULT_LANGUAGE_SETTINGS, isLang } from '../i18n/locale';
import { textsIn, type Texts } from '../i18n/texts';

export function cliTexts(config: Pick<Config, 'i18n'> | undefined): Texts {
  return textsIn(config?.i18n ?? DEFAULT_LANGUAGE_SETTINGS);
}

/**
 * Before (or without) a valid configuration — a usage error, a configuration that does not
 * load, `sitebot help` — the language is still SITEBOT_LANG when it names one.
 */
export function cliTextsOf(
  config: Pick<Config, 'i18n'> | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Texts {
  if (config) return cliTexts(config);
  const lang = env.SITEBOT_LANG;
  return textsIn(DEFAULT_LANGUAGE_SETTINGS, isLang(lang) ? lang : undefined);
}
