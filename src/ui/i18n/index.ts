/**
 * Message catalogs (Korean and English) and the `translate` function. All UI text goes through
 * here; parameters are substituted as plain text ({name} -> value).
 */
import { type Language, LANGUAGES, isLanguage } from '../../core/language/index.ts';
import { type MessageKey, en } from './en.ts';
import { ko } from './ko.ts';

// The language list itself lives in core (the store remembers the choice and may not import the UI).
export { type Language, LANGUAGES, isLanguage };
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { ko: '한국어', en: 'English' };
export type { MessageKey };

const catalogs: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, ko };

export type MessageParams = Readonly<Record<string, string | number>>;

export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[lang][key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
