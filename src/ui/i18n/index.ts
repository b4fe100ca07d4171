/**
 * The UI's door to language: all UI text goes through `translate` with a message key; parameters are
 * substituted as plain text ({name} -> value). The catalogs are plain data in src/core/language/messages.
 */
import { type Language, type MessageKey, type MessageParams, LANGUAGES, isLanguage, isMessageKey, translate } from '../../core/language/index.ts';

// Languages, catalogs and `translate` live in core (the store names notices by key and may not import the UI).
export { type Language, type MessageKey, type MessageParams, LANGUAGES, isLanguage, isMessageKey, translate };
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { ko: '한국어', en: 'English' };
