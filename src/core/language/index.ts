/**
 * The languages CityTwin speaks: Korean and English, as BCP 47 primary language tags. Pure data, so the
 * store (the remembered choice) and the UI (message catalogs, the language switch) share one list.
 */

export type Language = 'ko' | 'en';

/** Every language, in the order the language switch shows them. */
export const LANGUAGES: readonly Language[] = ['ko', 'en'];

export function isLanguage(v: unknown): v is Language {
  return v === 'ko' || v === 'en';
}
