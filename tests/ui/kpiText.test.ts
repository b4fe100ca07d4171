import { describe, expect, it } from 'vitest';
import { KPI_ROWS, type Kpis, compareKpis } from '../../src/core/scenario/index.ts';
import { hydrogenRowsUncompared, kpiRounded, kpiUnitKey, kpiVerdict } from '../../src/ui/kpiText.ts';
import { LANGUAGES, translate } from '../../src/ui/i18n/index.ts';

describe('kpiText', () => {
  it('every KPI unit has a message in both languages, and the Korean one is not the English one', () => {
    for (const row of KPI_ROWS) {
      const key = kpiUnitKey(row.unit);
      for (const language of LANGUAGES) expect(translate(language, key).length, `${row.unit} ${language}`).toBeGreaterThan(0);
      if (/[a-z]{3}/i.test(translate('en', key)) && !['km/h', 'kg/day'].includes(row.unit)) {
        expect(translate('ko', key), row.unit).not.toBe(translate('en', key));
      }
    }
    expect(() => kpiUnitKey('furlongs')).toThrow("no message for the KPI unit 'furlongs'");
  });

  it('rounds as the table shows, never to negative zero', () => {
    expect(kpiRounded(-0.001, 'veh/h')).toEqual({ value: 0, whole: false });
    expect(Object.is(kpiRounded(-0.4, 'links').value, 0)).toBe(true);
    expect(kpiRounded(-123.6, 'veh/h')).toEqual({ value: -124, whole: true });
    expect(kpiRounded(12.345, 'km/h')).toEqual({ value: 12.35, whole: false });
  });

  it('reads a change as better or worse by its direction, and neither where A and B route different trips', () => {
    const a: Kpis = { vkt: 1000, vht: 40, meanSpeedKmh: 25, congestedLinks: 2, unroutedVehPerHour: 0, co2e: null, hydrogen: null };
    const rows = (b: Kpis) => Object.fromEntries(compareKpis(a, b).map((r) => [r.key, kpiVerdict(r)]));
    expect(rows({ ...a, vht: 30, meanSpeedKmh: 20 })).toMatchObject({ vht: 'better', meanSpeedKmh: 'worse', vkt: null, unroutedVehPerHour: null });
    expect(rows({ ...a, vht: 30, meanSpeedKmh: 30, unroutedVehPerHour: 50 })).toMatchObject({ vht: null, meanSpeedKmh: null, unroutedVehPerHour: 'worse' });
  });

  it('says when the hydrogen kilograms are left uncompared too', () => {
    const h = { demandKgPerDay: 500, deliveredKgPerDay: 450, unmetKgPerDay: 50, krwPerKg: 9000, kgCo2ePerKg: 4 };
    const a: Kpis = { vkt: 1000, vht: 40, meanSpeedKmh: 25, congestedLinks: 2, unroutedVehPerHour: 0, co2e: null, hydrogen: { ...h, fromTraffic: true } };
    const closed: Kpis = { ...a, unroutedVehPerHour: 50, hydrogen: { ...h, demandKgPerDay: 400, fromTraffic: true } };
    expect(hydrogenRowsUncompared(compareKpis(a, closed))).toBe(true);
    // Demand from the model's zones, or the same routed trips: the hydrogen rows are compared.
    expect(hydrogenRowsUncompared(compareKpis({ ...a, hydrogen: h }, { ...closed, hydrogen: h }))).toBe(false);
    expect(hydrogenRowsUncompared(compareKpis(a, { ...a, hydrogen: { ...h, demandKgPerDay: 400, fromTraffic: true } }))).toBe(false);
  });
});
