/** One language's catalogue with its formatter, for one locale: what every view is given. */
import { createFormatter, type Formatter } from '../domain/format';
import { en, EN_WORDS, type Catalogue } from './en';
import { ja, JA_WORDS } from './ja';
import { DEFAULT_LANGUAGE_SETTINGS, localeOf, type Lang, type LanguageSettings, type Locale } from './locale';
import { renderSaid } from './render-said';
import type { Saying } from './said';

export interface Texts extends Catalogue {
  readonly locale: Locale;
  readonly lang: Lang;
  /** Durations, money, counts and instants in this language and time zone. */
  readonly fmt: Formatter;
  /** Something said (a step note, a refusal) in this language; plain text as it is. */
  said(s: Saying | undefined): string;
}

const BUILD = { en: { catalogue: en, words: EN_WORDS }, ja: { catalogue: ja, words: JA_WORDS } } as const;

const made = new Map<string, Texts>();

export function textsFor(locale: Locale): Texts {
  const key = `${locale.lang}|${locale.timeZone}`;
  let texts = made.get(key);
  if (!texts) {
    const fmt = createFormatter(locale, BUILD[locale.lang].words);
    const catalogue = BUILD[locale.lang].catalogue(fmt);
    texts = {
      ...catalogue,
      locale,
      lang: locale.lang,
      fmt,
      said: (s) => renderSaid(catalogue, s),
    };
    made.set(key, texts);
  }
  return texts;
}

/** Texts in `lang` (else the workspace's language) for `channel`'s time zone. */
export function textsIn(settings: LanguageSettings, lang?: Lang, channel?: string): Texts {
  return textsFor(localeOf(settings, lang, channel));
}

/** English in UTC: tests and places with no reader. */
export const ENGLISH: Texts = textsIn(DEFAULT_LANGUAGE_SETTINGS);
