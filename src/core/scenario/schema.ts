/**
 * The scenario file: one versioned, serialisable object holding every choice a planner makes — the city it
 * applies to (a name and a content hash per input layer, never the layers), the edits and parameters of the
 * traffic, carbon and hydrogen models, a name and notes. Validated with valibot; every bad field is reported
 * with its JSON path ($.traffic.closedLinks[2]). Older versions migrate forward (migrate.ts).
 *
 * Units: demand and zone factors are multipliers; capacities kg H2/day; grid factor t CO2e/MWh; cell size m;
 * positions WGS84 [lon, lat] (so a scenario does not depend on the viewer's local frame).
 */
import * as v from 'valibot';
import { LAND_COVER_KEYS, VEHICLE_CLASS_KEYS } from '../carbon/model/index.ts';
import { H2_VEHICLE_CLASSES } from '../hydrogen/index.ts';
import { PROFILE_IDS } from '../profile/index.ts';
import { type ScenarioIssue, type UniqueWhat, fromValibot } from './issues.ts';

export { type ScenarioIssue, issuePath } from './issues.ts';

export const SCENARIO_FORMAT = 'citytwin.scenario';
export const SCENARIO_VERSION = 2;

/** Input roles a scenario names the content of. */
export const CITY_LAYER_ROLES = ['buildings', 'roads', 'green', 'districts', 'stations', 'hydrogenModel'] as const;
export type CityLayerRole = (typeof CITY_LAYER_ROLES)[number];

/** Cell sizes the carbon map offers, metres. */
export const CELL_SIZES = [25, 50, 100, 250, 500] as const;

const finite = v.pipe(v.number(), v.finite());
const share = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const nonNegative = v.pipe(v.number(), v.finite(), v.minValue(0));
const index = v.pipe(v.number(), v.integer(), v.minValue(0));
const lonLat = v.pipe(
  v.tuple([v.pipe(finite, v.minValue(-180), v.maxValue(180)), v.pipe(finite, v.minValue(-90), v.maxValue(90))]),
  v.readonly(),
);
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/**
 * Each key at most once in a list (a link closed twice, two lane counts for one link…); the repeat is
 * reported. The check's message is what the list holds, which issues.ts words in the user's language.
 */
const unique = <T>(key: (x: T) => unknown, what: UniqueWhat) =>
  v.checkItems<T[], string>((item, i, list) => list.findIndex((x) => key(x) === key(item)) === i, what);

const LayerRefSchema = v.strictObject({
  /** File or built-in name, for people. */
  name: text(300),
  /** SHA-256 of the layer file's bytes, first 32 hex digits. */
  hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/, 'a 32-digit lower-case hex content hash')),
});

const ZoneFactorSchema = v.strictObject({ zone: index, factor: v.pipe(finite, v.minValue(0), v.maxValue(5)) });
const LaneEditSchema = v.strictObject({ link: index, lanes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)) });
const PlacedStationSchema = v.strictObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)), name: text(200), lonLat, capacityKgPerDay: nonNegative });

const TrafficSchema = v.strictObject({
  /** Multiplies every trip of the peak-hour table (0.1–3). */
  demandScale: v.pipe(finite, v.minValue(0.1), v.maxValue(3)),
  /** Multiplies the trips produced and attracted by a zone (0–5); zones not listed keep 1. */
  zoneFactors: v.pipe(v.array(ZoneFactorSchema), unique<v.InferOutput<typeof ZoneFactorSchema>>((z) => z.zone, 'zone'), v.readonly()),
  /** Directed links closed to traffic (indices of the network built from the city's roads). */
  closedLinks: v.pipe(v.array(index), unique((l: number) => l, 'link'), v.readonly()),
  /** Lanes set on a link (capacity scales with lanes). */
  lanes: v.pipe(v.array(LaneEditSchema), unique<v.InferOutput<typeof LaneEditSchema>>((l) => l.link, 'link'), v.readonly()),
  /** Relative gap the assignment stops at. */
  targetGap: v.pipe(finite, v.gtValue(0), v.maxValue(0.01)),
  maxIterations: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10000)),
});

const FleetSchema = v.record(v.picklist(VEHICLE_CLASS_KEYS), share);

const CarbonSchema = v.strictObject({
  cellSize: v.picklist(CELL_SIZES),
  basis: v.picklist(['ttw', 'wtw']),
  /** Grid electricity, t CO2e/MWh; null: the city's default. */
  gridTPerMWh: v.nullable(v.pipe(finite, v.minValue(0), v.maxValue(2))),
  /** An energy-use cut in one district (index into the city's districts). */
  retrofit: v.nullable(v.strictObject({ district: index, reduction: share })),
  /** Any other factor the user changed (validated by the carbon model when it runs, with its name). */
  factors: v.record(v.string(), v.unknown()),
  /** Green areas drawn on the map: an outer ring in lon/lat (at least 3 points) and a land cover. */
  greenAreas: v.pipe(v.array(v.strictObject({ ring: v.pipe(v.array(lonLat), v.minLength(3), v.readonly()), cover: v.picklist(LAND_COVER_KEYS) })), v.readonly()),
  /** Take the hydrogen supply's CO2e per kg into the map's fuel-cell vehicles (the pipeline's last stage). */
  hydrogenFromSupply: v.boolean(),
});

const SourceEditSchema = v.strictObject({
  enabled: v.exactOptional(v.boolean()),
  capacityKgPerDay: v.exactOptional(nonNegative),
  kgCo2ePerKg: v.exactOptional(nonNegative),
});

const HydrogenSchema = v.strictObject({
  objective: v.nullable(v.picklist(['cost', 'co2', 'weighted'])),
  stationChoice: v.nullable(v.boolean()),
  /** Fuel-cell shares of vehicle-km per class; classes not listed keep the model's. */
  fcevShare: v.record(v.picklist(H2_VEHICLE_CLASSES), share),
  /** Demand from the assigned traffic's vehicle-km (else the model's own zones). */
  demandFromTraffic: v.boolean(),
  stationsAdded: v.pipe(
    v.array(PlacedStationSchema),
    unique<v.InferOutput<typeof PlacedStationSchema>>((a) => a.id, 'stationId'),
    v.readonly(),
  ),
  stationsRemoved: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), unique((r: string) => r, 'station'), v.readonly()),
  /** Station id → capacity, kg/day. */
  stationCapacity: v.record(v.pipe(v.string(), v.maxLength(100)), nonNegative),
  /** Source id → what changed. */
  sources: v.record(v.pipe(v.string(), v.maxLength(100)), SourceEditSchema),
  /** Overrides whether unmet demand is allowed; null: the model's own. */
  unmetAllowed: v.nullable(v.boolean()),
  /**
   * Which stations a zone's drivers may use: the model's own setting (null), or capacitated (any open
   * station within the maximum detour, km per visit) or nearest only. Absent in older files: null.
   */
  catchment: v.optional(
    v.nullable(
      v.strictObject({
        mode: v.nullable(v.picklist(['capacitated', 'nearest'])),
        maxDetourKm: v.nullable(v.pipe(finite, v.minValue(0), v.maxValue(100))),
      }),
    ),
    null,
  ),
});

export const ScenarioSchema = v.strictObject({
  format: v.literal(SCENARIO_FORMAT),
  version: v.literal(SCENARIO_VERSION),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  notes: text(20000),
  city: v.strictObject({
    name: text(300),
    layers: v.strictObject(Object.fromEntries(CITY_LAYER_ROLES.map((r) => [r, v.exactOptional(LayerRefSchema)])) as Record<CityLayerRole, v.ExactOptionalSchema<typeof LayerRefSchema, undefined>>),
    /** The city profile (country defaults: grid and gas factors, climate region, speed limits, trip method); absent: KR. */
    profile: v.exactOptional(v.picklist(PROFILE_IDS)),
  }),
  traffic: TrafficSchema,
  fleet: FleetSchema,
  carbon: CarbonSchema,
  hydrogen: HydrogenSchema,
});

export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type LayerRef = v.InferOutput<typeof LayerRefSchema>;
export type ScenarioTraffic = Scenario['traffic'];
export type ScenarioCarbon = Scenario['carbon'];
export type ScenarioHydrogen = Scenario['hydrogen'];
export type GreenArea = ScenarioCarbon['greenAreas'][number];
export type PlacedStation = ScenarioHydrogen['stationsAdded'][number];

/** Validates a current-version scenario (no migration): the scenario, or every issue with its path. */
export function checkScenario(json: unknown): { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] } {
  const r = v.safeParse(ScenarioSchema, json, { abortEarly: false });
  if (r.success) return { ok: true, scenario: r.output };
  return { ok: false, issues: r.issues.map(fromValibot) };
}
