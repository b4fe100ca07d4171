/**
 * `carbon`: the carbon spatial map of a city from GeoJSON buildings, roads and green areas.
 * Prints one JSON object on stdout (totals per sector in t CO2e per year, grid size, counts, the
 * assumptions used); `--grid-out` writes the grid cells as GeoJSON in WGS84.
 */
import { writeFileSync } from 'node:fs';
import { GeoJsonError, parseGeoJson, propertiesOf } from '../core/geo/index.ts';
import type { LocalFrame, SkippedFeature } from '../core/geo/index.ts';
import {
  CarbonInputError,
  VEHICLE_CLASS_KEYS,
  aggregateToDistricts,
  aggregateToGrid,
  ROAD_CLASS_AADT,
  computeCarbon,
  frameForFeatures,
  gridToGeoJson,
  readBuildings,
  readGreen,
  readPolygonSet,
  readRoads,
} from '../core/carbon/model/index.ts';
import type { Assumption, CarbonInputs, ClimateRegion, TransportBasis, VehicleClassKey } from '../core/carbon/model/index.ts';
import { roadsFromTraffic, trafficForCarbon } from '../core/carbon/session/index.ts';
import { buildCityTraffic } from '../core/traffic/session/build.ts';
import { TrafficSession } from '../core/traffic/session/index.ts';
import { PROFILES, PROFILE_IDS, type ProfileId, isProfileId, profileAt } from '../core/profile/index.ts';
import { trafficModelOptions } from '../core/scenario/apply.ts';
import { BASELINE_TRAFFIC } from '../core/scenario/defaults.ts';
import { EXIT_OK, InputError, UsageError, defineCommand, numberOption, readTextFile } from './command.ts';
import type { CliIo, Command, OptionSpecs, OptionValues } from './command.ts';

const USAGE = `Usage: cli carbon --buildings <geojson> [options]

Annual CO2e of buildings and road transport and absorption by green areas, mapped on a grid.

Options:
  --buildings <file>       building footprints, GeoJSON (WGS84) Polygon/MultiPolygon    (required)
  --roads <file>           road centre lines, GeoJSON LineString/MultiLineString
  --green <file>           green areas, GeoJSON Polygon/MultiPolygon (OSM leisure/landuse/natural tags)
  --districts <file>       polygons to total by (e.g. admin.geojson); adds "districts" to the output
  --cell <m>               grid cell size in metres (25, 50, 100, 250, 500 or any > 0; default 100)
  --grid-out <file>        write the non-empty grid cells as GeoJSON (WGS84)
  --profile ${PROFILE_IDS.join('|')}        city profile: grid and gas factors, climate region, speed limits of untagged
                           roads (default: the profile of the country the data lies in, else KR)
  --transport assignment|table|none
                           where road traffic comes from: the city's own peak-hour assignment of its trip
                           table (default with --roads), a typical daily volume by road class, or none
  --region central|south   climate region of the building energy intensities (default: the profile's)
  --basis ttw|wtw          transport total: tank-to-wheel (default) or well-to-wheel
  --grid-factor <t/MWh>    grid electricity factor (default: the profile's; KR 0.4173)
  --fleet-shift <k=s,..>   set fleet shares, e.g. car_bev=0.3,car_fcev=0.1 (the rest rescaled)
  -h, --help               show this help

Output (stdout, one JSON object): unit, totals {buildings, transport, transportTtw, transportWtw, sinks,
net} in t CO2e/yr (sinks negative), grid {cellSize, nx, ny, cells, nonEmptyCells}, counts, skipped
features per file, profile {id, matched}, transportSource (assignment | road-class-table | none), transport
note, assignment {iterations, relativeGap, zones} (with --transport assignment), districts (with
--districts), seconds (model + grid), assumptions.
Exit status: 0 done, 1 bad or unreadable file, 2 bad arguments.`;

interface CarbonArgs {
  readonly buildings: string;
  readonly roads: string | undefined;
  readonly green: string | undefined;
  readonly districts: string | undefined;
  readonly cell: number;
  readonly gridOut: string | undefined;
  readonly region: ClimateRegion | undefined;
  readonly basis: TransportBasis | undefined;
  readonly profile: ProfileId | undefined;
  readonly transport: 'assignment' | 'table' | 'none' | undefined;
  readonly gridFactor: number | undefined;
  readonly fleetShift: Partial<Record<VehicleClassKey, number>> | undefined;
}

const OPTIONS = {
  buildings: { type: 'string' },
  roads: { type: 'string' },
  green: { type: 'string' },
  districts: { type: 'string' },
  cell: { type: 'string' },
  'grid-out': { type: 'string' },
  region: { type: 'string' },
  basis: { type: 'string' },
  profile: { type: 'string' },
  transport: { type: 'string' },
  'grid-factor': { type: 'string' },
  'fleet-shift': { type: 'string' },
} as const satisfies OptionSpecs;

function parse(values: OptionValues<typeof OPTIONS>): CarbonArgs {
  if (values.buildings === undefined) throw new UsageError('missing --buildings <geojson>');
  const region = values.region;
  if (region !== undefined && region !== 'central' && region !== 'south') throw new UsageError(`--region must be central or south, got '${region}'`);
  const profile = values.profile;
  if (profile !== undefined && !isProfileId(profile)) throw new UsageError(`--profile must be one of ${PROFILE_IDS.join(', ')}, got '${profile}'`);
  const transport = values.transport;
  if (transport !== undefined && transport !== 'assignment' && transport !== 'table' && transport !== 'none') {
    throw new UsageError(`--transport must be assignment, table or none, got '${transport}'`);
  }
  if (transport !== undefined && transport !== 'none' && values.roads === undefined) throw new UsageError(`--transport ${transport} needs --roads`);
  const basis = values.basis;
  if (basis !== undefined && basis !== 'ttw' && basis !== 'wtw') throw new UsageError(`--basis must be ttw or wtw, got '${basis}'`);
  let fleetShift: Partial<Record<VehicleClassKey, number>> | undefined;
  if (values['fleet-shift'] !== undefined) {
    fleetShift = {};
    for (const part of values['fleet-shift'].split(',')) {
      const m = /^\s*([a-z_]+)\s*=\s*([0-9.eE+-]+)\s*$/.exec(part);
      if (!m || !(VEHICLE_CLASS_KEYS as readonly string[]).includes(m[1]!) || !Number.isFinite(Number(m[2]))) {
        throw new UsageError(`--fleet-shift takes class=share pairs (classes: ${VEHICLE_CLASS_KEYS.join(', ')}), got '${part}'`);
      }
      fleetShift[m[1] as VehicleClassKey] = Number(m[2]);
    }
  }
  return {
    buildings: values.buildings,
    roads: values.roads,
    green: values.green,
    districts: values.districts,
    cell: numberOption('cell', values.cell, 100, 0, true),
    gridOut: values['grid-out'],
    region,
    basis,
    profile,
    transport,
    gridFactor: values['grid-factor'] === undefined ? undefined : numberOption('grid-factor', values['grid-factor'], 0, 0),
    fleetShift,
  };
}

/** Reads and parses a GeoJSON file named by option `--name`; errors name the file. */
function readFeatures(option: string, path: string): readonly unknown[] {
  const text = readTextFile(option, path);
  try {
    return parseGeoJson(text).features;
  } catch (error) {
    if (error instanceof GeoJsonError) throw new InputError(`--${option} file '${path}': ${error.message}`);
    throw error;
  }
}

/** Throws an InputError naming the file when no feature of it could be read. */
function requireSome(option: string, path: string, total: number, used: number, skipped: readonly SkippedFeature[], what: string): void {
  if (used > 0) return;
  const first = skipped[0];
  const why = first ? `; feature ${first.index}: ${first.message}` : '';
  throw new InputError(`--${option} file '${path}' has no readable ${what} (${total} features${why})`);
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000 + 0;

/** The city's own assignment of its own trip table (the scenario baseline's traffic parameters). */
async function assignCity(roads: readonly unknown[], buildings: readonly unknown[], frame: LocalFrame, profile: ProfileId, path: string) {
  let city;
  try {
    city = buildCityTraffic(roads, buildings, frame, trafficModelOptions(profile));
  } catch (error) {
    throw new InputError(`--roads file '${path}': no traffic assignment (${error instanceof Error ? error.message : String(error)}); use --transport table or none`);
  }
  const session = new TrafficSession(city.network, city.view, city.demandFor);
  const run = await session.run(
    { demandScale: 1, zoneFactors: [], edits: { closed: [], lanes: [] }, targetGap: BASELINE_TRAFFIC.targetGap, maxIterations: BASELINE_TRAFFIC.maxIterations, warmStart: false },
    () => true,
  );
  return { table: roadsFromTraffic(trafficForCarbon(city.view, run)), run, zones: city.view.stats['zones'] ?? 0 };
}

async function run(parsed: CarbonArgs, io: CliIo): Promise<number> {
  const buildingFeatures = readFeatures('buildings', parsed.buildings);
  const roadFeatures = parsed.roads === undefined ? [] : readFeatures('roads', parsed.roads);
  const greenFeatures = parsed.green === undefined ? [] : readFeatures('green', parsed.green);
  const districtFeatures = parsed.districts === undefined ? [] : readFeatures('districts', parsed.districts);

  let frame: LocalFrame;
  try {
    frame = frameForFeatures(buildingFeatures, roadFeatures, greenFeatures);
  } catch (error) {
    if (error instanceof CarbonInputError) throw new InputError(`--buildings file '${parsed.buildings}': ${error.message}`);
    throw error;
  }
  const buildings = readBuildings(buildingFeatures, frame);
  requireSome('buildings', parsed.buildings, buildingFeatures.length, buildingFeatures.length - buildings.skipped.length, buildings.skipped, 'Polygon/MultiPolygon features');
  const matched = profileAt(frame.lon0, frame.lat0);
  const profileId = parsed.profile ?? matched.id;
  const transport = parsed.transport ?? (parsed.roads === undefined ? 'none' : 'assignment');
  const speedLimits = PROFILES[profileId].speedLimitsKmh.value;
  const roads = parsed.roads === undefined ? undefined : readRoads(roadFeatures, frame, { fallback: transport === 'table' ? 'table' : 'none', speedLimits });
  if (roads && parsed.roads !== undefined) {
    requireSome('roads', parsed.roads, roadFeatures.length, roadFeatures.length - roads.skipped.length, roads.skipped, 'LineString/MultiLineString features');
  }
  const assigned = transport === 'assignment' && parsed.roads !== undefined ? await assignCity(roadFeatures, buildingFeatures, frame, profileId, parsed.roads) : undefined;
  const roadTable = assigned?.table ?? (transport === 'table' ? roads?.table : undefined);
  const green = parsed.green === undefined ? undefined : readGreen(greenFeatures, frame);
  if (green && parsed.green !== undefined) {
    requireSome('green', parsed.green, greenFeatures.length, green.table.polygons.count, green.skipped, 'Polygon/MultiPolygon features');
  }
  const districts = parsed.districts === undefined ? undefined : readPolygonSet(districtFeatures, frame);
  if (districts && parsed.districts !== undefined) {
    requireSome('districts', parsed.districts, districtFeatures.length, districts.table.count, districts.skipped, 'Polygon/MultiPolygon features');
  }

  const inputs: CarbonInputs = {
    buildings: buildings.table,
    ...(roadTable ? { roads: roadTable } : {}),
    ...(green ? { green: green.table } : {}),
    factors: {
      profile: profileId,
      ...(parsed.region === undefined ? {} : { region: parsed.region }),
      ...(parsed.basis === undefined ? {} : { transportBasis: parsed.basis }),
      ...(parsed.gridFactor === undefined ? {} : { gridTPerMWh: parsed.gridFactor }),
    },
    ...(parsed.fleetShift ? { scenario: { fleetShift: parsed.fleetShift } } : {}),
  };
  const started = performance.now();
  let result;
  let grid;
  try {
    result = computeCarbon(inputs);
    grid = aggregateToGrid(result, parsed.cell);
  } catch (error) {
    if (error instanceof CarbonInputError) throw new UsageError(error.message);
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;

  if (parsed.gridOut !== undefined) {
    const text = JSON.stringify(gridToGeoJson(grid, frame));
    try {
      writeFileSync(parsed.gridOut, text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InputError(`cannot write --grid-out file '${parsed.gridOut}': ${reason}`);
    }
  }

  const transportSource = assigned ? 'assignment' : transport === 'table' ? 'road-class-table' : 'none';
  const transportNote =
    transportSource === 'assignment'
      ? `the city's own peak-hour assignment of its trip table (${assigned!.zones} zones, relative gap ${assigned!.run.relativeGap.toExponential(2)} after ${assigned!.run.iterations} iterations), expanded to a year by days / K`
      : transportSource === 'road-class-table'
        ? `no assignment: every car road (${roads?.carRoads ?? 0} of ${roadFeatures.length} ways) carries the typical daily volume of its class (half on each one-way carriageway) at its free-flow speed; footways, steps and other non-car ways carry none`
        : parsed.roads === undefined
          ? 'no --roads given: transport is 0'
          : '--transport none: transport is 0';
  const assumptions: Assumption[] = [
    ...result.assumptions,
    ...(transportSource === 'road-class-table'
      ? Object.entries(ROAD_CLASS_AADT).map(([key, row]) => ({ key: `transport.aadt.${key}`, value: row.aadt, unit: 'veh/day, both directions', source: row.source }))
      : []),
  ];
  let districtOut: object[] | undefined;
  if (districts) {
    const d = aggregateToDistricts(result, districts.table);
    districtOut = [];
    for (let k = 0; k <= d.count; k++) {
      const props = k < d.count ? propertiesOf(districtFeatures[districts.feature[k]!]) : {};
      const name = k < d.count ? (typeof props['name'] === 'string' ? props['name'] : `#${districts.feature[k]}`) : '(outside every district)';
      districtOut.push({ name, buildings: round3(d.buildings[k]!), transport: round3(d.transport[k]!), sinks: round3(d.sinks[k]!), net: round3(d.net[k]!) });
    }
  }
  const t = result.totals;
  const summary = {
    unit: 't CO2e/yr',
    totals: {
      buildings: round3(t.buildings),
      transport: round3(t.transport),
      transportTtw: round3(t.transportTtw),
      transportWtw: round3(t.transportWtw),
      sinks: round3(t.sinks),
      net: round3(t.net),
    },
    grid: { cellSize: grid.spec.cellSize, nx: grid.spec.nx, ny: grid.spec.ny, cells: grid.length, nonEmptyCells: grid.nonEmptyCells },
    counts: {
      buildings: result.counts.buildings,
      floorAreaM2: round3(result.counts.floorAreaM2),
      links: result.counts.links,
      vehKmPerYear: round3(result.counts.vehKmPerYear),
      greenAreas: result.counts.greenAreas,
      greenAreaHa: round3(result.counts.greenAreaHa),
      buildingsByUse: result.counts.buildingsByUse,
      greenByCover: result.counts.greenByCover,
    },
    skipped: {
      buildings: buildings.skipped.length,
      buildingParts: buildings.table.count - buildings.skipped.length - result.counts.buildings,
      roads: roads?.skipped.length ?? 0,
      green: green?.skipped.length ?? 0,
    },
    profile: { id: profileId, matched: parsed.profile === undefined ? matched.matched : true },
    transportSource,
    transportNote,
    ...(assigned ? { assignment: { iterations: assigned.run.iterations, relativeGap: assigned.run.relativeGap, zones: assigned.zones } } : {}),
    ...(districtOut ? { districts: districtOut } : {}),
    seconds: Math.round(seconds * 1e6) / 1e6,
    assumptions,
  };
  io.out(`${JSON.stringify(summary)}\n`);
  return EXIT_OK;
}

export const carbonCommand: Command = defineCommand({
  name: 'carbon',
  summary: 'carbon spatial map: building, transport and sink CO2e per grid cell (GeoJSON)',
  usage: USAGE,
  options: OPTIONS,
  parse,
  run,
});
