/**
 * The UI's door to language: all UI text goes through `translate` with a message key; parameters are
 * substituted as plain text ({name} -> value). The catalogs are plain data in src/core/language/messages.
 */
import { type Language, type MessageKey, type MessageParams, LANGUAGES, isLanguage, isMessageKey, translate } from '../../core/language/index.ts';

// Languages, catalogs and `translate` live in core (the store names notices by key and may not import the UI).
export { type Language, type MessageKey, type MessageParams, LANGUAGES, isLanguage, isMessageKey, translate };
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { ko: '한국어', en: 'English' };

/** The locale numbers and dates are written in for each language. */
export const LOCALES: Readonly<Record<Language, string>> = { ko: 'ko-KR', en: 'en-GB' };

const numberFormats = new Map<string, Intl.NumberFormat>();
/**
 * One Intl.NumberFormat per language and options, made once: making one costs far more than formatting
 * with it (the page's first took 30–40 ms, loading the locale's data; a panel row made one per number).
 */
export function numberFormat(language: Language, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${language} ${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[language], options);
    numberFormats.set(key, f);
  }
  return f;
}
