/**
 * The command line speaks the workspace's language (`SITEBOT_LANG`): it has no Slack reader to
 * ask. Dates in the workspace's time zone (`SITEBOT_TIME_ZONE`, else the language's own).
 */
import type { Config } from '../config/config';
import { DEFAULT_LANGUAGE_SETTINGS } from '../i18n/locale';
import { textsIn, type Texts } from '../i18n/texts';

export function cliTexts(config: Pick<Config, 'i18n'> | undefined): Texts {
  return textsIn(config?.i18n ?? DEFAULT_LANGUAGE_SETTINGS);
}
