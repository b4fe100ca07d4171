/**
 * A scenario's edits as a list a planner reads: each change from the baseline (same city, no edits) with
 * what it changes, as a message key and parameters the UI translates, and a stable id to remove it alone.
 */
import { BASELINE_CARBON, BASELINE_HYDROGEN, BASELINE_TRAFFIC } from './defaults.ts';
import type { Scenario } from './schema.ts';

export type EditDomain = 'traffic' | 'fleet' | 'carbon' | 'hydrogen';

export interface ScenarioEdit {
  /** Stable within a scenario, e.g. "traffic.closed:12"; `removeEdit(s, id)` takes it back. */
  readonly id: string;
  readonly domain: EditDomain;
  /** Message key suffix (`scenario.edit.<kind>` in the UI catalogs). */
  readonly kind: string;
  readonly params: Readonly<Record<string, string | number>>;
}

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

/** Every change from the baseline, in a fixed order (traffic, fleet, carbon, hydrogen). */
export function listEdits(s: Scenario): ScenarioEdit[] {
  const out: ScenarioEdit[] = [];
  const t = s.traffic;
  if (t.demandScale !== 1) out.push({ id: 'traffic.demandScale', domain: 'traffic', kind: 'demandScale', params: { value: round(t.demandScale, 3) } });
  for (const z of t.zoneFactors) out.push({ id: `traffic.zone:${z.zone}`, domain: 'traffic', kind: 'zoneFactor', params: { zone: z.zone + 1, factor: round(z.factor, 3) } });
  for (const l of t.closedLinks) out.push({ id: `traffic.closed:${l}`, domain: 'traffic', kind: 'closeLink', params: { link: l } });
  for (const l of t.lanes) out.push({ id: `traffic.lanes:${l.link}`, domain: 'traffic', kind: 'lanes', params: { link: l.link, lanes: l.lanes } });
  if (t.targetGap !== BASELINE_TRAFFIC.targetGap) out.push({ id: 'traffic.targetGap', domain: 'traffic', kind: 'targetGap', params: { value: t.targetGap } });
  if (t.maxIterations !== BASELINE_TRAFFIC.maxIterations) out.push({ id: 'traffic.maxIterations', domain: 'traffic', kind: 'maxIterations', params: { value: t.maxIterations } });
  for (const [cls, share] of Object.entries(s.fleet).sort(([a], [b]) => a.localeCompare(b))) {
    out.push({ id: `fleet:${cls}`, domain: 'fleet', kind: 'fleetShare', params: { cls, percent: round((share ?? 0) * 100, 1) } });
  }
  const c = s.carbon;
  if (c.gridTPerMWh !== null) out.push({ id: 'carbon.grid', domain: 'carbon', kind: 'gridFactor', params: { value: round(c.gridTPerMWh) } });
  if (c.retrofit) out.push({ id: 'carbon.retrofit', domain: 'carbon', kind: 'retrofit', params: { district: c.retrofit.district + 1, percent: round(c.retrofit.reduction * 100, 1) } });
  c.greenAreas.forEach((g, i) => out.push({ id: `carbon.green:${i}`, domain: 'carbon', kind: 'greenArea', params: { n: i + 1, cover: g.cover, points: g.ring.length } }));
  for (const name of Object.keys(c.factors).sort()) out.push({ id: `carbon.factor:${name}`, domain: 'carbon', kind: 'factor', params: { name } });
  if (c.cellSize !== BASELINE_CARBON.cellSize) out.push({ id: 'carbon.cellSize', domain: 'carbon', kind: 'cellSize', params: { value: c.cellSize } });
  if (c.basis !== BASELINE_CARBON.basis) out.push({ id: 'carbon.basis', domain: 'carbon', kind: 'basis', params: { value: c.basis } });
  if (!c.hydrogenFromSupply) out.push({ id: 'carbon.hydrogenFromSupply', domain: 'carbon', kind: 'hydrogenFixed', params: {} });
  const h = s.hydrogen;
  if (h.objective !== null) out.push({ id: 'hydrogen.objective', domain: 'hydrogen', kind: 'objective', params: { value: h.objective } });
  if (h.stationChoice !== null) out.push({ id: 'hydrogen.stationChoice', domain: 'hydrogen', kind: h.stationChoice ? 'stationChoiceOn' : 'stationChoiceOff', params: {} });
  for (const [cls, share] of Object.entries(h.fcevShare).sort(([a], [b]) => a.localeCompare(b))) {
    out.push({ id: `hydrogen.fcev:${cls}`, domain: 'hydrogen', kind: 'fcevShare', params: { cls, percent: round((share ?? 0) * 100, 1) } });
  }
  if (!h.demandFromTraffic) out.push({ id: 'hydrogen.demandFromTraffic', domain: 'hydrogen', kind: 'demandFromModel', params: {} });
  for (const a of h.stationsAdded) out.push({ id: `hydrogen.added:${a.id}`, domain: 'hydrogen', kind: 'stationAdded', params: { name: a.name, kg: round(a.capacityKgPerDay, 1) } });
  for (const r of h.stationsRemoved) out.push({ id: `hydrogen.removed:${r}`, domain: 'hydrogen', kind: 'stationRemoved', params: { station: r } });
  for (const [id, kg] of Object.entries(h.stationCapacity).sort(([a], [b]) => a.localeCompare(b))) {
    out.push({ id: `hydrogen.capacity:${id}`, domain: 'hydrogen', kind: 'stationCapacity', params: { station: id, kg: round(kg, 1) } });
  }
  for (const [id, e] of Object.entries(h.sources).sort(([a], [b]) => a.localeCompare(b))) {
    if (e.enabled === false) out.push({ id: `hydrogen.source:${id}`, domain: 'hydrogen', kind: 'sourceOff', params: { source: id } });
    else out.push({ id: `hydrogen.source:${id}`, domain: 'hydrogen', kind: 'sourceChanged', params: { source: id, kg: e.capacityKgPerDay ?? '—', co2: e.kgCo2ePerKg ?? '—' } });
  }
  if (h.unmetAllowed !== null) out.push({ id: 'hydrogen.unmet', domain: 'hydrogen', kind: h.unmetAllowed ? 'unmetAllowed' : 'unmetForbidden', params: {} });
  if (h.catchment && h.catchment.mode === 'nearest') out.push({ id: 'hydrogen.catchment', domain: 'hydrogen', kind: 'catchmentNearest', params: {} });
  else if (h.catchment && (h.catchment.mode !== null || h.catchment.maxDetourKm !== null)) {
    out.push({ id: 'hydrogen.catchment', domain: 'hydrogen', kind: 'catchmentDetour', params: { km: h.catchment.maxDetourKm ?? '—' } });
  }
  return out;
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _drop, ...rest } = record;
  return rest;
}

/** The scenario with one edit (by id from `listEdits`) taken back to the baseline; unchanged for an unknown id. */
export function removeEdit(s: Scenario, id: string): Scenario {
  const [head, arg = ''] = id.split(/:(.*)/s, 2) as [string, string?];
  const num = Number(arg);
  const t = s.traffic;
  const c = s.carbon;
  const h = s.hydrogen;
  switch (head) {
    case 'traffic.demandScale': return { ...s, traffic: { ...t, demandScale: 1 } };
    case 'traffic.zone': return { ...s, traffic: { ...t, zoneFactors: t.zoneFactors.filter((z) => z.zone !== num) } };
    case 'traffic.closed': return { ...s, traffic: { ...t, closedLinks: t.closedLinks.filter((l) => l !== num) } };
    case 'traffic.lanes': return { ...s, traffic: { ...t, lanes: t.lanes.filter((l) => l.link !== num) } };
    case 'traffic.targetGap': return { ...s, traffic: { ...t, targetGap: BASELINE_TRAFFIC.targetGap } };
    case 'traffic.maxIterations': return { ...s, traffic: { ...t, maxIterations: BASELINE_TRAFFIC.maxIterations } };
    case 'fleet': return { ...s, fleet: without(s.fleet, arg) };
    case 'carbon.grid': return { ...s, carbon: { ...c, gridTPerMWh: null } };
    case 'carbon.retrofit': return { ...s, carbon: { ...c, retrofit: null } };
    case 'carbon.green': return { ...s, carbon: { ...c, greenAreas: c.greenAreas.filter((_, i) => i !== num) } };
    case 'carbon.factor': return { ...s, carbon: { ...c, factors: without(c.factors, arg) } };
    case 'carbon.cellSize': return { ...s, carbon: { ...c, cellSize: BASELINE_CARBON.cellSize } };
    case 'carbon.basis': return { ...s, carbon: { ...c, basis: BASELINE_CARBON.basis } };
    case 'carbon.hydrogenFromSupply': return { ...s, carbon: { ...c, hydrogenFromSupply: true } };
    case 'hydrogen.objective': return { ...s, hydrogen: { ...h, objective: null } };
    case 'hydrogen.stationChoice': return { ...s, hydrogen: { ...h, stationChoice: null } };
    case 'hydrogen.fcev': return { ...s, hydrogen: { ...h, fcevShare: without(h.fcevShare, arg) } };
    case 'hydrogen.demandFromTraffic': return { ...s, hydrogen: { ...h, demandFromTraffic: BASELINE_HYDROGEN.demandFromTraffic } };
    case 'hydrogen.added': return { ...s, hydrogen: { ...h, stationsAdded: h.stationsAdded.filter((a) => a.id !== arg), stationCapacity: without(h.stationCapacity, arg) } };
    case 'hydrogen.removed': return { ...s, hydrogen: { ...h, stationsRemoved: h.stationsRemoved.filter((r) => r !== arg) } };
    case 'hydrogen.capacity': return { ...s, hydrogen: { ...h, stationCapacity: without(h.stationCapacity, arg) } };
    case 'hydrogen.source': return { ...s, hydrogen: { ...h, sources: without(h.sources, arg) } };
    case 'hydrogen.unmet': return { ...s, hydrogen: { ...h, unmetAllowed: null } };
    case 'hydrogen.catchment': return { ...s, hydrogen: { ...h, catchment: null } };
    default: return s;
  }
}
