// How a KPI comparison row reads, the same in the scenario panel, the printed report and the kiosk:
// its unit in the UI language, whether its change is better or worse, and a rounded figure that never
// reads "-0".
import { type KpiComparison, ROUTED_ONLY_HYDROGEN_KPIS } from '../core/scenario/index.ts';
import type { MessageKey } from './i18n/index.ts';

/** Message key of each KPI_ROWS unit. */
const UNIT_KEYS: Readonly<Record<string, MessageKey>> = {
  'veh·km/h': 'scenario.unit.vkt',
  'veh·h/h': 'scenario.unit.vht',
  'km/h': 'unit.kmh',
  'veh/h': 'unit.vehPerHour',
  links: 'scenario.unit.links',
  't CO2e/yr': 'scenario.unit.tYr',
  'kg/day': 'scenario.unit.kgDay',
  'KRW/kg': 'scenario.unit.krwKg',
  'kg CO2e/kg': 'scenario.unit.kgKg',
};

/** The message key of a KPI_ROWS unit (every unit there has one; tests/ui checks). */
export function kpiUnitKey(unit: string): MessageKey {
  const key = UNIT_KEYS[unit];
  if (key === undefined) throw new RangeError(`no message for the KPI unit '${unit}'`);
  return key;
}

/**
 * Better or worse, or null: for a row whose direction is 'neither', a change too small to show (under
 * 0.005 %), and a figure A and B count over different routed trips (KpiComparison.comparable).
 */
export function kpiVerdict(row: KpiComparison): 'better' | 'worse' | null {
  if (!row.comparable || row.change === null || row.change === 0 || row.better === 'neither' || (row.percent !== null && Math.abs(row.percent) < 0.005)) return null;
  return (row.change > 0) === (row.better === 'higher') ? 'better' : 'worse';
}

/**
 * Whether the hydrogen kilograms are among the rows left uncompared (their demand came from traffic that
 * routes different trips in A and B): the unrouted-demand warning then says so too.
 */
export function hydrogenRowsUncompared(rows: readonly KpiComparison[]): boolean {
  return rows.some((row) => !row.comparable && ROUTED_ONLY_HYDROGEN_KPIS.includes(row.key));
}

/**
 * `value` rounded as a KPI table shows it, whole from 100 up (and for counts), else to 2 decimals, with
 * negative zero made 0: what `format` then writes never reads "-0".
 */
export function kpiRounded(value: number, unit: string): { readonly value: number; readonly whole: boolean } {
  const whole = Math.abs(value) >= 100 || unit === 'links';
  const r = whole ? Math.round(value) : Math.round(value * 100) / 100;
  return { value: r === 0 ? 0 : r, whole };
}
