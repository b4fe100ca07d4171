/**
 * The languages CityTwin speaks (Korean and English, as BCP 47 primary language tags) and their message
 * catalogs (plain data in `messages/`), with `translate`. Below every layer, so the store can name a
 * notice by its message key, the UI can show it, and the command line could print it.
 */
import { type MessageKey, en } from './messages/en.ts';
import { ko } from './messages/ko.ts';
import { fillSlots } from './slots.ts';

export type Language = 'ko' | 'en';
export type { MessageKey };
/** Values substituted into a message's `{name}` slots, always as plain text. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Every language, in the order the language switch shows them. */
export const LANGUAGES: readonly Language[] = ['ko', 'en'];

export function isLanguage(v: unknown): v is Language {
  return v === 'ko' || v === 'en';
}

const catalogs: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, ko };

/** The message `key` in `lang` (English where the catalog lacks it), with `{name}` slots filled as text. */
export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[lang][key] ?? en[key];
  if (!params) return template;
  return fillSlots(template, (name) => (name in params ? String(params[name]) : undefined));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
