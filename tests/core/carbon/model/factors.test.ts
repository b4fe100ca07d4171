import { describe, expect, it } from 'vitest';
import {
  CarbonInputError,
  DEFAULT_FLEET_MIX,
  FC_CURVES,
  FUELS,
  VEHICLE_CLASS_KEYS,
  co2PerGramFuel,
  evalCurve,
  factorAssumptions,
  resolveFactors,
  shiftFleet,
  validateFleetMix,
  vehicleCo2,
} from '../../../../src/core/carbon/model/index.ts';
import type { SpeedCurve } from '../../../../src/core/carbon/model/index.ts';

const curve = (key: string): SpeedCurve => {
  const row = FC_CURVES.find((r) => r.key === key);
  if (!row) throw new Error(`no curve ${key}`);
  return row.curve;
};
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('COPERT fuel consumption curves', () => {
  it('reproduce the value the guidebook annex tabulates for every HDV and bus row', () => {
    // Published values: the annex's "value at top speed" column (86 km/h), copied into FC_CURVES.published.
    const rows = FC_CURVES.filter((r) => r.published !== undefined);
    expect(rows.map((r) => r.key)).toEqual([
      'bus_urban_std_euroVI_load0',
      'bus_urban_std_euroVI_load50',
      'bus_urban_std_euroVI_load100',
      'truck_rigid_14-20t_euroVI_load0',
      'truck_rigid_14-20t_euroVI_load50',
      'truck_rigid_14-20t_euroVI_load100',
      'truck_rigid_7.5-12t_euroVI_load50',
      'truck_articulated_34-40t_euroVI_load50',
    ]);
    for (const row of rows) {
      const [v, fc] = row.published!;
      expect(rel(evalCurve(row.curve, v), fc), row.key).toBeLessThan(1e-6);
    }
    // And the same values written out here from the annex, so the table itself is checked.
    expect(evalCurve(curve('bus_urban_std_euroVI_load50'), 86)).toBeCloseTo(189.86792, 4);
    expect(evalCurve(curve('truck_rigid_14-20t_euroVI_load50'), 86)).toBeCloseTo(158.15977, 4);
  });

  it('bus and truck curves at lower speeds follow the annex functions (cubic; a·b^V·V^c)', () => {
    // Function 14 with the annex coefficients, evaluated by hand at 20 and 50 km/h.
    const bus = (v: number): number => -0.001272813 * v ** 3 + 0.2352516408 * v ** 2 - 15.0002116319 * v + 549.5453027524;
    for (const v of [11, 20, 30, 50, 86]) expect(rel(evalCurve(curve('bus_urban_std_euroVI_load50'), v), bus(v))).toBeLessThan(1e-12);
    expect(evalCurve(curve('bus_urban_std_euroVI_load50'), 20)).toBeCloseTo(333.459, 2);
    const truck = (v: number): number => 2156.5530357824 * 1.0086369691 ** v * v ** -0.7525795586;
    for (const v of [12, 20, 50, 86]) expect(rel(evalCurve(curve('truck_rigid_14-20t_euroVI_load50'), v), truck(v))).toBeLessThan(1e-12);
    // Slower traffic burns more fuel per km in the urban range.
    expect(evalCurve(curve('bus_urban_std_euroVI_load50'), 15)).toBeGreaterThan(evalCurve(curve('bus_urban_std_euroVI_load50'), 40));
  });

  it('petrol Euro 4 1.4–2.0 l car: guidebook 2013 Table 3-41 form (a + cV + eV²)/(1 + bV + dV²)', () => {
    // a = 136, b = 0.026, c = -1.65, d = 2.28e-4, e = 0.0312, computed by hand at each speed.
    const c = curve('pc_petrol_euro4_1.4-2.0');
    expect(evalCurve(c, 20)).toBeCloseTo((136 - 33 + 12.48) / (1 + 0.52 + 0.0912), 10);
    expect(evalCurve(c, 50)).toBeCloseTo((136 - 82.5 + 78) / (1 + 1.3 + 0.57), 10);
    expect(evalCurve(c, 100)).toBeCloseTo((136 - 165 + 312) / (1 + 2.6 + 2.28), 10);
    // 45.8 g/km at 50 km/h is 6.15 L/100 km at 0.745 kg/L: a believable mid-size petrol car.
    expect(evalCurve(c, 50) / 0.745 / 10).toBeCloseTo(6.15, 2);
    // Outside 10–130 km/h the speed is clamped.
    expect(evalCurve(c, 3)).toBe(evalCurve(c, 10));
    expect(evalCurve(c, 200)).toBe(evalCurve(c, 130));
  });

  it('diesel car: FC = 118.489 − 2.084 V + 0.014 V²', () => {
    const c = curve('pc_diesel_lt2.0');
    expect(evalCurve(c, 20)).toBeCloseTo(82.409, 9);
    expect(evalCurve(c, 50)).toBeCloseTo(49.289, 9);
    expect(evalCurve(c, 100)).toBeCloseTo(50.089, 9);
  });

  it('fuel CO2: IPCC 2006 default factors × NCV; well-to-wheel from the per-litre factors', () => {
    expect(co2PerGramFuel(FUELS.petrol)).toBeCloseTo(69_300 * 44.3e-6, 12);
    expect(co2PerGramFuel(FUELS.diesel)).toBeCloseTo(3.1863, 12);
    expect(co2PerGramFuel(FUELS.lpg)).toBeCloseTo(2.98463, 12);
    const f = resolveFactors();
    const fc = (136 - 82.5 + 78) / (1 + 1.3 + 0.57);
    const petrol = vehicleCo2(f, 'car_petrol', 50);
    expect(petrol.ttw).toBeCloseTo(fc * 3.06999, 9);
    expect(petrol.wtw).toBeCloseTo((fc / 745) * 2790, 9);
    expect(petrol.wtw).toBeGreaterThan(petrol.ttw);
    const diesel = vehicleCo2(f, 'car_diesel', 50);
    expect(diesel.wtw).toBeCloseTo((49.289 / 835) * 3170, 9);
  });

  it('electric and fuel-cell vehicles: zero tank-to-wheel, kWh/km × grid and kg/km × H2 factor well-to-wheel', () => {
    const f = resolveFactors();
    expect(vehicleCo2(f, 'car_bev', 30)).toEqual({ ttw: 0, wtw: 0.18 * 417.3 });
    const h2 = vehicleCo2(f, 'car_fcev', 30);
    expect(h2.ttw).toBe(0);
    expect(h2.wtw).toBeCloseTo(0.0095 * 11.2 * 1000, 9);
    // Hyundai Elec City: 13.5 km/kg = 7.41 kg/100 km.
    expect(vehicleCo2(resolveFactors({ hydrogenKgPerKg: 2.9 }), 'bus_fcev', 30).wtw).toBeCloseTo(0.0741 * 2.9 * 1000, 9);
    expect(vehicleCo2(resolveFactors({ gridTPerMWh: 0 }), 'car_bev', 30).wtw).toBe(0);
  });

  it('light trucks follow the COPERT N1 diesel Euro 6c curve, FC = a V^b + c V^d', () => {
    // 367.204078 V^-0.49652 + 1.22660744e-3 V^2.18849635: 83.8 g/km at 20, 59.1 at 50, 71.6 at 110 km/h.
    const lcv = curve('lcv_diesel_euro6c');
    expect(evalCurve(lcv, 20)).toBeCloseTo(367.204078143516 * 20 ** -0.496520228841925 + 1.22660743820454e-3 * 20 ** 2.18849635128224, 9);
    expect(evalCurve(lcv, 20)).toBeCloseTo(83.8, 1);
    expect(evalCurve(lcv, 50)).toBeCloseTo(59.1, 1);
    expect(evalCurve(lcv, 110)).toBeCloseTo(71.6, 1);
    expect(evalCurve(lcv, 150)).toBe(evalCurve(lcv, 110)); // clamped to the curve's range
    // A light truck at 50 km/h emits less than a medium one, which emits less than a heavy one.
    const f = resolveFactors();
    const [light, medium, heavy] = (['truck_light', 'truck_medium', 'truck_heavy'] as const).map((k) => vehicleCo2(f, k, 50).ttw);
    expect(light).toBeCloseTo(59.1 * co2PerGramFuel(FUELS.diesel), 0);
    expect(light).toBeLessThan(medium!);
    expect(medium).toBeLessThan(heavy!);
  });

  it('hybrid and LPG cars scale the petrol curve', () => {
    const f = resolveFactors();
    const petrolFc = evalCurve(curve('pc_petrol_euro4_1.4-2.0'), 40);
    expect(vehicleCo2(f, 'car_hybrid', 40).ttw).toBeCloseTo(0.7 * petrolFc * co2PerGramFuel(FUELS.petrol), 9);
    expect(vehicleCo2(f, 'car_lpg', 40).ttw).toBeCloseTo(((petrolFc * 44.3) / 47.3) * co2PerGramFuel(FUELS.lpg), 9);
  });
});

describe('fleet mix', () => {
  it('the default mix is valid', () => {
    expect(() => validateFleetMix(DEFAULT_FLEET_MIX)).not.toThrow();
  });

  it('rejects shares that do not sum to 1, negative shares and unknown classes with clear messages', () => {
    expect(() => validateFleetMix({ car_petrol: 0.5, car_diesel: 0.4 })).toThrow(CarbonInputError);
    expect(() => validateFleetMix({ car_petrol: 0.5, car_diesel: 0.4 })).toThrow(/fleet mix shares must sum to 1, got 0\.9/);
    expect(() => validateFleetMix({ car_petrol: 1.2, car_diesel: -0.2 })).toThrow(/fleet mix share of car_diesel must be a finite number >= 0, got -0\.2/);
    expect(() => validateFleetMix({ car_petrol: 1, tram: 0 })).toThrow(/unknown vehicle class 'tram'/);
    expect(() => resolveFactors({ fleetMix: { car_bev: 0.5 } })).toThrow(/sum to 1/);
  });

  it('a fleet shift sets the target shares and rescales the rest', () => {
    const m = shiftFleet(DEFAULT_FLEET_MIX, { car_bev: 0.3, car_fcev: 0.1 });
    expect(m.car_bev).toBe(0.3);
    expect(m.car_fcev).toBe(0.1);
    let sum = 0;
    for (const k of VEHICLE_CLASS_KEYS) sum += m[k];
    expect(sum).toBeCloseTo(1, 12);
    // The others keep their proportions.
    expect(m.car_petrol / m.car_diesel).toBeCloseTo(DEFAULT_FLEET_MIX.car_petrol / DEFAULT_FLEET_MIX.car_diesel, 12);
    expect(() => shiftFleet(DEFAULT_FLEET_MIX, { car_bev: 0.8, car_fcev: 0.4 })).toThrow(/at most 1, got 1\.2/);
  });
});

describe('factor overrides and assumptions', () => {
  it('rejects negative or non-finite factors, naming them', () => {
    expect(() => resolveFactors({ eui: { office: -5 } })).toThrow(/EUI of office must be a finite number >= 0, got -5/);
    expect(() => resolveFactors({ gridTPerMWh: Number.NaN })).toThrow(/grid electricity factor/);
    expect(() => resolveFactors({ sinkTPerHa: { park: -1 } })).toThrow(/sink rate of park/);
    expect(() => resolveFactors({ carrierSplit: { office: { electricity: 0.5, gas: 0.2, districtHeat: 0 } } })).toThrow(/carrier split for office must sum to 1, got 0\.7/);
    expect(() => resolveFactors({ peakHourShare: 0 })).toThrow(/peak-hour share/);
  });

  it('lists every factor with a unit and a source, marking overrides', () => {
    const a = factorAssumptions(resolveFactors({ gridTPerMWh: 0.2 }));
    const keys = a.map((x) => x.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const x of a) {
      expect(x.unit.length).toBeGreaterThan(0);
      expect(x.source.length).toBeGreaterThan(10);
    }
    const grid = a.find((x) => x.key === 'building.factor.electricity')!;
    expect(grid.value).toBe(0.2);
    expect(grid.source).toMatch(/^user override/);
    expect(a.find((x) => x.key === 'building.eui.apartment')!.value).toBe(136);
    expect(a.find((x) => x.key === 'building.eui.office')!.value).toBe(159);
    expect(factorAssumptions(resolveFactors({ region: 'south' })).find((x) => x.key === 'building.eui.apartment')!.value).toBe(111);
    expect(a.find((x) => x.key === 'transport.fuel.diesel.wtw')!.value).toBe(3.17);
    expect(a.find((x) => x.key === 'transport.fuel.petrol.wtw')!.value).toBe(2.79);
  });
});
