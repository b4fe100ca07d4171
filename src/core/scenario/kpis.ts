/**
 * The figures a planner compares scenarios by, from a pipeline's results, and their differences (B − A).
 * Units: vkt vehicle-km and vht vehicle-hours in the modelled PM peak hour (road links, connectors left out);
 * mean speed km/h; congested links: road links at or over capacity (V/C ≥ 1); trips with no route veh/h
 * (demand the assignment could not route, e.g. after closing roads: the travel figures leave it out);
 * CO2e t/yr (sinks negative);
 * hydrogen kg/day, KRW per kg delivered, kg CO2e per kg delivered (demand from the model's zones, or from
 * the assigned traffic: `fromTraffic`, and then it too counts routed trips only).
 */

export interface Kpis {
  readonly vkt: number | null;
  readonly vht: number | null;
  readonly meanSpeedKmh: number | null;
  readonly congestedLinks: number | null;
  /** Demand with no route between its zones (veh/h): left out of vkt, vht, speed and transport CO2e. */
  readonly unroutedVehPerHour: number | null;
  readonly co2e: { readonly buildings: number; readonly transport: number; readonly sinks: number; readonly net: number } | null;
  readonly hydrogen: {
    readonly demandKgPerDay: number;
    readonly deliveredKgPerDay: number;
    readonly unmetKgPerDay: number;
    readonly krwPerKg: number;
    readonly kgCo2ePerKg: number;
    /**
     * Whether the demand came from the assigned traffic (the vehicle-km of the links near each station)
     * rather than the model's zones. Absent in figures saved before it was recorded: read as false.
     */
    readonly fromTraffic?: boolean;
  } | null;
}

/** What the KPIs read of each stage's result (structural: the viewer's and the CLI's results both fit). */
export interface KpiInputs {
  readonly traffic: {
    readonly summary: { readonly vehKm: number; readonly vehHours: number; readonly meanSpeedKmh: number; readonly unassignedDemand: number };
    readonly flows: ArrayLike<number>;
    readonly capacity: ArrayLike<number>;
  } | null;
  /** 1 for zone connectors (left out of congestion counts). */
  readonly isConnector: ArrayLike<number> | null;
  readonly carbon: { readonly totals: { readonly buildings: number; readonly transport: number; readonly sinks: number; readonly net: number } } | null;
  readonly hydrogen: {
    /** Where the solved model's demand came from (see Kpis.hydrogen.fromTraffic); model when absent. */
    readonly demand?: 'traffic' | 'model';
    readonly solution: {
      readonly summary: { readonly demandKgPerDay: number; readonly deliveredKgPerDay: number; readonly unmetKgPerDay: number; readonly krwPerKgDelivered: number; readonly kgCo2ePerKgDelivered: number };
    } | null;
  } | null;
}

/** V/C at or above which a road link counts as congested (at or over capacity). */
export const CONGESTED_VC = 1;

export function congestedLinks(flows: ArrayLike<number>, capacity: ArrayLike<number>, isConnector: ArrayLike<number> | null): number {
  let n = 0;
  for (let l = 0; l < flows.length; l++) {
    if (isConnector?.[l]) continue;
    const cap = capacity[l] ?? 0;
    if (cap > 0 && flows[l]! / cap >= CONGESTED_VC) n++;
  }
  return n;
}

export function computeKpis(r: KpiInputs): Kpis {
  const t = r.traffic;
  const h = r.hydrogen?.solution?.summary;
  const c = r.carbon?.totals;
  return {
    vkt: t ? t.summary.vehKm : null,
    vht: t ? t.summary.vehHours : null,
    meanSpeedKmh: t ? t.summary.meanSpeedKmh : null,
    congestedLinks: t ? congestedLinks(t.flows, t.capacity, r.isConnector) : null,
    unroutedVehPerHour: t ? t.summary.unassignedDemand : null,
    co2e: c ? { buildings: c.buildings, transport: c.transport, sinks: c.sinks, net: c.net } : null,
    hydrogen: h
      ? {
          demandKgPerDay: h.demandKgPerDay,
          deliveredKgPerDay: h.deliveredKgPerDay,
          unmetKgPerDay: h.unmetKgPerDay,
          krwPerKg: h.krwPerKgDelivered,
          kgCo2ePerKg: h.kgCo2ePerKgDelivered,
          fromTraffic: r.hydrogen?.demand === 'traffic',
        }
      : null,
  };
}

/** B − A, member by member (null where either side has no figure). */
export function diffKpis(a: Kpis, b: Kpis): Kpis {
  const d = (x: number | null, y: number | null): number | null => (x === null || y === null ? null : y - x);
  return {
    vkt: d(a.vkt, b.vkt),
    vht: d(a.vht, b.vht),
    meanSpeedKmh: d(a.meanSpeedKmh, b.meanSpeedKmh),
    congestedLinks: d(a.congestedLinks, b.congestedLinks),
    unroutedVehPerHour: d(a.unroutedVehPerHour, b.unroutedVehPerHour),
    co2e: a.co2e && b.co2e
      ? { buildings: b.co2e.buildings - a.co2e.buildings, transport: b.co2e.transport - a.co2e.transport, sinks: b.co2e.sinks - a.co2e.sinks, net: b.co2e.net - a.co2e.net }
      : null,
    hydrogen: a.hydrogen && b.hydrogen
      ? {
          demandKgPerDay: b.hydrogen.demandKgPerDay - a.hydrogen.demandKgPerDay,
          deliveredKgPerDay: b.hydrogen.deliveredKgPerDay - a.hydrogen.deliveredKgPerDay,
          unmetKgPerDay: b.hydrogen.unmetKgPerDay - a.hydrogen.unmetKgPerDay,
          krwPerKg: b.hydrogen.krwPerKg - a.hydrogen.krwPerKg,
          kgCo2ePerKg: b.hydrogen.kgCo2ePerKg - a.hydrogen.kgCo2ePerKg,
        }
      : null,
  };
}

/** KPI rows in display order: key (message key suffix), unit, and whether a rise is better, worse or neither. */
export const KPI_ROWS = [
  { key: 'vkt', unit: 'veh·km/h', better: 'neither' },
  { key: 'vht', unit: 'veh·h/h', better: 'lower' },
  { key: 'meanSpeedKmh', unit: 'km/h', better: 'higher' },
  { key: 'congestedLinks', unit: 'links', better: 'lower' },
  { key: 'unroutedVehPerHour', unit: 'veh/h', better: 'lower' },
  { key: 'co2e.buildings', unit: 't CO2e/yr', better: 'lower' },
  { key: 'co2e.transport', unit: 't CO2e/yr', better: 'lower' },
  { key: 'co2e.sinks', unit: 't CO2e/yr', better: 'lower' },
  { key: 'co2e.net', unit: 't CO2e/yr', better: 'lower' },
  { key: 'hydrogen.demandKgPerDay', unit: 'kg/day', better: 'neither' },
  { key: 'hydrogen.deliveredKgPerDay', unit: 'kg/day', better: 'higher' },
  { key: 'hydrogen.unmetKgPerDay', unit: 'kg/day', better: 'lower' },
  { key: 'hydrogen.krwPerKg', unit: 'KRW/kg', better: 'lower' },
  { key: 'hydrogen.kgCo2ePerKg', unit: 'kg CO2e/kg', better: 'lower' },
] as const;

export type KpiKey = (typeof KPI_ROWS)[number]['key'];

/** One KPI by its dotted key (null when the scenario has no figure for it). */
export function kpiValue(k: Kpis, key: KpiKey): number | null {
  const [group, member] = key.split('.') as [string, string?];
  if (member === undefined) return (k as unknown as Record<string, number | null>)[group] ?? null;
  const g = (k as unknown as Record<string, Record<string, number> | null>)[group];
  return g ? (g[member] ?? null) : null;
}

/**
 * Rows whose figures come from the routed trips only: when A and B leave different demand without a
 * route, their changes partly measure trips that are no longer counted (closing the only road to a
 * zone "saves" all its vehicle-hours), so they are not read as better or worse.
 */
export const ROUTED_ONLY_KPIS: readonly KpiKey[] = ['vkt', 'vht', 'meanSpeedKmh', 'congestedLinks', 'co2e.transport', 'co2e.net'];

/**
 * Hydrogen rows that also count routed trips only when either side's demand came from the traffic
 * (Kpis.hydrogen.fromTraffic): the kilograms follow the vehicle-km. The per-kilogram cost and CO2e are
 * ratios of what was delivered and stay comparable.
 */
export const ROUTED_ONLY_HYDROGEN_KPIS: readonly KpiKey[] = ['hydrogen.demandKgPerDay', 'hydrogen.deliveredKgPerDay', 'hydrogen.unmetKgPerDay'];

/** The rows whose changes between A and B are not like for like (empty when both route the same demand). */
export function incomparableKpis(a: Kpis, b: Kpis): readonly KpiKey[] {
  if (!routedDemandDiffers(a, b)) return [];
  const hydrogen = a.hydrogen?.fromTraffic === true || b.hydrogen?.fromTraffic === true;
  return hydrogen ? [...ROUTED_ONLY_KPIS, ...ROUTED_ONLY_HYDROGEN_KPIS] : ROUTED_ONLY_KPIS;
}

export interface KpiComparison {
  readonly key: KpiKey;
  readonly unit: string;
  readonly better: 'higher' | 'lower' | 'neither';
  readonly a: number | null;
  readonly b: number | null;
  readonly change: number | null;
  /** Change as a percentage of A (null when A is 0 or missing). */
  readonly percent: number | null;
  /** False for a row of incomparableKpis(A, B): A and B leave different demand without a route. */
  readonly comparable: boolean;
}

/** Whether A and B route different demand (veh/h with no route differs by more than rounding). */
export function routedDemandDiffers(a: Kpis, b: Kpis): boolean {
  const x = a.unroutedVehPerHour;
  const y = b.unroutedVehPerHour;
  return x !== null && y !== null && Math.abs(y - x) > 1e-6 * Math.max(1, Math.abs(x), Math.abs(y));
}

export function compareKpis(a: Kpis, b: Kpis): KpiComparison[] {
  const incomparable = incomparableKpis(a, b);
  return KPI_ROWS.map((row) => {
    const x = kpiValue(a, row.key);
    const y = kpiValue(b, row.key);
    const change = x === null || y === null ? null : y - x;
    return {
      ...row,
      a: x,
      b: y,
      change,
      percent: change === null || !x ? null : (100 * change) / Math.abs(x),
      comparable: !incomparable.includes(row.key),
    };
  });
}
