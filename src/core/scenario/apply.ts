/**
 * A scenario in each model's own terms: the traffic run's parameters, the carbon map's parameters (drawn
 * green areas from lon/lat into the city's local metres) and the hydrogen model as solved (edits, candidate
 * stations from a layer, demand from the assigned traffic) with its overrides.
 */
import type { CarbonParams } from '../carbon/session/index.ts';
import type { TrafficRunParams } from '../traffic/session/index.ts';
import { type LocalFrame, toLocal } from '../geo/index.ts';
import type { LayerStation, ModelOverrides, TrafficLinks } from '../hydrogen/index.ts';
import { applyEdits, withLayerStations, withTrafficDemand } from '../hydrogen/index.ts';
import { PROFILES, type ProfileId } from '../profile/index.ts';
import type { CityTrafficOptions } from '../traffic/session/build.ts';
import type { Scenario } from './schema.ts';

/** The city profile a scenario runs under (KR when its city names none). */
export function profileOf(s: Scenario): ProfileId {
  return s.city.profile ?? 'KR';
}

/** How the city's traffic model is built under a profile: the speed limits of untagged roads and the trip method. */
export function trafficModelOptions(profile: ProfileId): CityTrafficOptions {
  const p = PROFILES[profile];
  return {
    speedLimits: p.speedLimitsKmh.value,
    speedLimitsSource: p.speedLimitsKmh.source,
    tripMethod: p.tripMethod.value,
    external: {
      commuterShare: p.commuterShare.value,
      commuterShareSource: p.commuterShare.source,
      commuterCarShare: p.commuterCarShare.value,
      commuterCarShareSource: p.commuterCarShare.source,
    },
  };
}

/**
 * The traffic run of a scenario. Always a cold start: a warm start from whatever ran before would make the
 * result depend on history, and results are cached by the scenario's hash (same inputs, same bytes).
 */
export function trafficParams(s: Scenario): TrafficRunParams {
  return {
    demandScale: s.traffic.demandScale,
    zoneFactors: s.traffic.zoneFactors,
    edits: { closed: s.traffic.closedLinks, lanes: s.traffic.lanes },
    targetGap: s.traffic.targetGap,
    maxIterations: s.traffic.maxIterations,
    warmStart: false,
  };
}

/** The carbon map's parameters; `hydrogenKgCo2ePerKg` (from the supply stage) sets the fuel-cell vehicles' factor. */
export function carbonParams(s: Scenario, frame: LocalFrame, hydrogenKgCo2ePerKg: number | null): CarbonParams {
  const c = s.carbon;
  const factors = { ...(c.factors as CarbonParams['factors']), ...(hydrogenKgCo2ePerKg !== null ? { hydrogenKgPerKg: hydrogenKgCo2ePerKg } : {}) };
  return {
    profile: profileOf(s),
    cellSize: c.cellSize,
    basis: c.basis,
    fleetShift: s.fleet,
    ...(c.gridTPerMWh !== null ? { gridTPerMWh: c.gridTPerMWh } : {}),
    ...(c.retrofit ? { retrofit: c.retrofit } : {}),
    ...(Object.keys(factors).length > 0 ? { factors } : {}),
    ...(c.greenAreas.length > 0
      ? { extraGreen: c.greenAreas.map((g) => ({ ring: g.ring.flatMap(([lon, lat]) => toLocal(frame, lon, lat)), cover: g.cover })) }
      : {}),
  };
}

/** The hydrogen model as the solver reads it for a scenario's hydrogen part, and the overrides. */
export function hydrogenInput(
  h: Scenario['hydrogen'],
  baseModel: unknown,
  context: { readonly layerStations?: readonly LayerStation[]; readonly traffic?: TrafficLinks | null; /** Needed with traffic: the frame its links are in. */ readonly frame?: LocalFrame },
): { json: unknown; overrides: ModelOverrides; demand: 'traffic' | 'model'; stations: 'layer' | 'model' } {
  let json = baseModel;
  const fromLayer = context.layerStations ?? [];
  if (fromLayer.length > 0) json = withLayerStations(json, fromLayer);
  json = applyEdits(json, {
    added: h.stationsAdded,
    removed: h.stationsRemoved,
    capacity: h.stationCapacity,
    sources: h.sources,
    ...(h.unmetAllowed !== null ? { unmetAllowed: h.unmetAllowed } : {}),
  });
  let demand: 'traffic' | 'model' = 'model';
  if (h.demandFromTraffic && context.traffic && context.frame) {
    json = withTrafficDemand(json, context.traffic, context.frame);
    demand = 'traffic';
  }
  const overrides: ModelOverrides = {
    ...(h.objective !== null ? { objective: h.objective } : {}),
    ...(h.stationChoice !== null ? { stationChoice: h.stationChoice } : {}),
    ...(Object.keys(h.fcevShare).length > 0 ? { fcevShare: h.fcevShare } : {}),
    ...(h.catchment && (h.catchment.mode !== null || h.catchment.maxDetourKm !== null)
      ? {
          catchment: {
            ...(h.catchment.mode !== null ? { mode: h.catchment.mode } : {}),
            ...(h.catchment.maxDetourKm !== null ? { maxDetourKm: h.catchment.maxDetourKm } : {}),
          },
        }
      : {}),
  };
  return { json, overrides, demand, stations: fromLayer.length > 0 ? 'layer' : 'model' };
}
