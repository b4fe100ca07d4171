// The translation hook: components call t(key, params) and re-render when the language changes.
import { useCallback } from 'react';
import { useStore } from '../store/index.ts';
import { type MessageKey, type MessageParams, numberFormat, translate } from './i18n/index.ts';

export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const lang = useStore((s) => s.language);
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}

export function useNumberFormat(maximumFractionDigits = 1): (n: number) => string {
  const lang = useStore((s) => s.language);
  return useCallback((n: number) => numberFormat(lang, { maximumFractionDigits }).format(n), [lang, maximumFractionDigits]);
}
