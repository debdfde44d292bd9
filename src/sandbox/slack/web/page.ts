/**
 * The console's page in one language: `{{key}}` in ./client/index.html is the console
 * catalogue's text (src/i18n/<lang>/console.ts), HTML-escaped (text, never markup), and
 * `{{lang}}` the language, which the page's script reads back from `<html lang>`.
 */
import { webConsole as enConsole } from '../../../i18n/en/console';
import { webConsole as jaConsole } from '../../../i18n/ja/console';
import { isLang, type Lang } from '../../../i18n/locale';

const CATALOGUES = { en: enConsole(), ja: jaConsole() } as const;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The language a request asks for (`?lang=ja`), else the workspace's. */
export function pageLang(asked: string | null, fallback: Lang): Lang {
  return isLang(asked) ? asked : fallback;
}

export function renderPage(template: string, lang: Lang): string {
  const texts = CATALOGUES[lang] as unknown as Record<string, (() => string) | undefined>;
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (key === 'lang') return lang;
    const text = texts[key];
    // A placeholder the catalogue lacks is a mistake in the page: fail loudly, never show `{{…}}`.
    if (typeof text !== 'function' || text.length > 0) throw new Error(`index.html: no console text ${key}`);
    return escapeHtml(text());
  });
}
