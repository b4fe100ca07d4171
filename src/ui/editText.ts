// A scenario edit in words, in the interface language: its message with codes (vehicle classes, land
// covers, objectives, transport bases) given their translated names.
import type { ScenarioEdit } from '../core/scenario/index.ts';
import { BASELINE_ID } from '../store/index.ts';
import { type Language, type MessageKey, isMessageKey, translate } from './i18n/index.ts';

/** The parameter keys whose values are codes, and the message-key prefix of each code's name. */
const CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  fleetShare: { cls: 'vehicle.' },
  fcevShare: { cls: 'hydrogen.fcev.' },
  greenArea: { cover: 'cover.' },
  objective: { value: 'hydrogen.objective.' },
  basis: { value: 'carbon.basis.' },
};

/** `nameOf` gives a link's street name ('' for none): a closed or widened link is then named by its street. */
export function editText(lang: Language, e: ScenarioEdit, nameOf?: (link: number) => string): string {
  const codes = CODES[e.kind] ?? {};
  const params: Record<string, string | number> = { ...e.params };
  if ((e.kind === 'closeLink' || e.kind === 'lanes') && nameOf) {
    const name = nameOf(Number(params['link']));
    if (name) params['link'] = `${params['link']} (${name})`;
  }
  for (const [param, prefix] of Object.entries(codes)) {
    const key = `${prefix}${String(params[param])}`;
    if (isMessageKey(key)) params[param] = translate(lang, key);
  }
  return translate(lang, `scenario.edit.${e.kind}` as MessageKey, params);
}

/** A scenario's name as shown: the baseline's default name in the interface language, any other name as given. */
export function entryName(t: (key: MessageKey) => string, id: string, name: string): string {
  return id === BASELINE_ID && name === 'Baseline' ? t('scenario.baseline') : name;
}
