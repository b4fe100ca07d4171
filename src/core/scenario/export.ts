/**
 * Downloads of a scenario run's results, as files a planner opens in a spreadsheet or a GIS:
 *  - CSV (RFC 4180): road links, carbon grid cells, districts, hydrogen stations;
 *  - GeoJSON (RFC 7946, WGS84 lon/lat): road links (LineString), carbon grid cells (Polygon, from the
 *    carbon core's `gridToGeoJson`), hydrogen stations (Point).
 *
 * Units and terms (the unit is part of every column name):
 *  - traffic: one row per directed road link of the modelled peak hour (zone connectors left out);
 *    flows and capacities veh/h; capacity is the effective one after edits (0 = closed); lanes in the
 *    link's direction after lane edits; times in minutes (free-flow, and congested from the BPR
 *    function); vc = flow / capacity (empty when the capacity is 0); speed km/h = length / congested
 *    time (empty when the time is 0); road_class is the row of the road-class defaults table and
 *    road_class_key its OSM `highway` key;
 *  - carbon: t CO2e per year, sinks negative, net = buildings + transport + sinks; cells are squares of
 *    the grid's cell size in the city's local frame, cell = iy·nx + ix, lon/lat of the cell centre;
 *  - hydrogen: kg H2/day, KRW per kg and kg CO2e per kg of what reached the station; utilisation =
 *    delivered / capacity (a fraction, 0–1); booleans are written 1/0.
 *
 * CSV conventions: comma separator, CRLF after every record (the header too), fields quoted when they
 * hold a comma, a quote, CR or LF, quotes doubled. Numbers have at most `CSV_DECIMALS` decimals
 * (`COORD_DECIMALS` for degrees), trailing zeros dropped, never exponent notation, -0 written 0, so
 * the same run gives the same bytes. Text from files (names, ids) that starts with =, +, -, @, TAB or CR
 * gets a leading apostrophe so a spreadsheet does not run it as a formula (OWASP "CSV injection");
 * numbers are never altered. The strings carry no byte-order mark: prepend `UTF8_BOM` for a file meant
 * for Excel, which otherwise reads UTF-8 (Korean names) in the system code page.
 *
 * Pure and deterministic: rows in index order; no DOM, clocks or randomness.
 */
import { type CarbonGrid, type DistrictTotals, gridToGeoJson } from '../carbon/model/index.ts';
import type { TrafficNetworkView, TrafficRunResult } from '../traffic/session/index.ts';
import { type LocalFrame, toLonLat } from '../geo/index.ts';
import type { HydrogenResult, StationResult } from '../hydrogen/index.ts';
import { ROAD_CLASS_DEFAULTS } from '../traffic/osm/index.ts';

/** Decimals of every number written (6: grams of a tonne, millionths of a vehicle). */
export const CSV_DECIMALS = 6;
/** Decimals of longitudes and latitudes, degrees (7: about 1 cm). */
export const COORD_DECIMALS = 7;
/** UTF-8 byte-order mark, for files opened in Excel. */
export const UTF8_BOM = '\uFEFF';
/** Name of the district row that holds everything outside every district. */
export const OUTSIDE_DISTRICTS = '(outside every district)';

/** A CSV value: number (rounded), text (guarded against formulas), boolean (1/0), null (empty). */
export type CsvValue = number | string | boolean | null;

export interface CsvColumn {
  readonly name: string;
  /** Decimals of numbers in this column (default CSV_DECIMALS). */
  readonly decimals?: number;
}

/**
 * `v` with at most `decimals` decimals, trailing zeros dropped, no exponent, -0 as 0; '' when not finite.
 */
export function formatNumber(v: number, decimals: number = CSV_DECIMALS): string {
  if (!Number.isFinite(v)) return '';
  // toFixed switches to exponent notation from 1e21; such values are integers at double precision.
  let s = Math.abs(v) >= 1e21 ? BigInt(v).toString() : v.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Rounds like formatNumber, as a JSON number (null when not finite). */
function roundJson(v: number, decimals: number = CSV_DECIMALS): number | null {
  if (!Number.isFinite(v)) return null;
  return Number(formatNumber(v, decimals));
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field from text: formula guard, then RFC 4180 quoting. */
function textField(s: string): string {
  const t = FORMULA_START.test(s) ? `'${s}` : s;
  return NEEDS_QUOTES.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

function field(v: CsvValue, decimals: number): string {
  if (v === null) return '';
  if (typeof v === 'number') return formatNumber(v, decimals);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return textField(v);
}

/** A whole CSV text: header row, then one record per row, each ended by CRLF. */
export function csvText(columns: readonly CsvColumn[], rows: Iterable<readonly CsvValue[]>): string {
  const lines: string[] = [columns.map((c) => textField(c.name)).join(',')];
  for (const row of rows) {
    if (row.length !== columns.length) throw new RangeError(`CSV row has ${row.length} values for ${columns.length} columns`);
    lines.push(row.map((v, i) => field(v, columns[i]!.decimals ?? CSV_DECIMALS)).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------------
// Traffic

const LINK_COLUMNS: readonly CsvColumn[] = [
  { name: 'link' },
  { name: 'name' },
  { name: 'road_class' },
  { name: 'road_class_key' },
  { name: 'lanes' },
  { name: 'length_m' },
  { name: 'capacity_veh_h' },
  { name: 'flow_veh_h' },
  { name: 'vc' },
  { name: 'free_flow_min' },
  { name: 'congested_min' },
  { name: 'speed_kmh' },
  { name: 'closed' },
];

/** The figures of one road link, in LINK_COLUMNS order. */
function linkValues(view: TrafficNetworkView, run: TrafficRunResult, lanes: ReadonlyMap<number, number>, closedSet: ReadonlySet<number>, l: number, name: string): CsvValue[] {
  const cls = view.roadClass[l]!;
  const capacity = run.capacity[l]!;
  const flow = run.flows[l]!;
  const length = view.lengthM[l]!;
  const time = run.timesMin[l]!;
  return [
    l,
    name,
    cls,
    ROAD_CLASS_DEFAULTS[cls]?.key ?? '',
    lanes.get(l) ?? view.lanes[l]!,
    length,
    capacity,
    flow,
    capacity > 0 ? flow / capacity : null,
    view.fftMin[l]!,
    time,
    time > 0 && Number.isFinite(time) ? length / 1000 / (time / 60) : null,
    closedSet.has(l) || !(capacity > 0),
  ];
}

/** Road links (connectors left out) with their figures, in link order. */
function* linkRows(view: TrafficNetworkView, run: TrafficRunResult, names: ((link: number) => string) | undefined): Generator<CsvValue[]> {
  const lanes = new Map<number, number>();
  for (const e of run.params.edits.lanes) lanes.set(e.link, e.lanes); // the last edit of a link wins
  const closedSet = new Set(run.params.edits.closed);
  for (let l = 0; l < view.linkCount; l++) {
    if (view.isConnector[l] === 1) continue;
    yield linkValues(view, run, lanes, closedSet, l, names ? names(l) : '');
  }
}

/** One row per directed road link of the run (zone connectors left out); see the header for columns. */
export function linksCsv(view: TrafficNetworkView, run: TrafficRunResult, names?: (link: number) => string): string {
  return csvText(LINK_COLUMNS, linkRows(view, run, names));
}

// ---------------------------------------------------------------------------------------------------
// GeoJSON shapes (RFC 7946)

export type Position = [number, number];
export type GeoJsonGeometry = { type: 'LineString'; coordinates: Position[] } | { type: 'Point'; coordinates: Position };

export interface GeoJsonFeature<P> {
  type: 'Feature';
  id: number | string;
  /** null when the feature has no location (a station of a model without lon/lat, a link without points). */
  geometry: GeoJsonGeometry | null;
  properties: P;
}

export interface GeoJsonCollection<P> {
  type: 'FeatureCollection';
  features: GeoJsonFeature<P>[];
}

/** Properties of a link feature: the CSV columns, numbers rounded alike; vc and speed null where the CSV is empty. */
export type LinkProperties = Record<string, string | number | null>;

function jsonProperties(columns: readonly CsvColumn[], values: readonly CsvValue[]): Record<string, string | number | null> {
  const p: Record<string, string | number | null> = {};
  columns.forEach((c, i) => {
    const v = values[i] ?? null;
    p[c.name] = typeof v === 'number' ? roundJson(v, c.decimals ?? CSV_DECIMALS) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
  });
  return p;
}

function lonLat(frame: LocalFrame, x: number, y: number): Position {
  const [lon, lat] = toLonLat(frame, x, y);
  return [roundJson(lon, COORD_DECIMALS) ?? 0, roundJson(lat, COORD_DECIMALS) ?? 0];
}

/** Road links as LineStrings in lon/lat with the CSV's figures as properties (id = link index). */
export function linksGeoJson(view: TrafficNetworkView, run: TrafficRunResult, frame: LocalFrame, names?: (link: number) => string): GeoJsonCollection<LinkProperties> {
  const { coords, offsets } = view.polylines;
  const features: GeoJsonFeature<LinkProperties>[] = [];
  for (const values of linkRows(view, run, names)) {
    const l = values[0] as number;
    const line: Position[] = [];
    for (let i = offsets[l]!; i < offsets[l + 1]!; i++) line.push(lonLat(frame, coords[2 * i]!, coords[2 * i + 1]!));
    features.push({
      type: 'Feature',
      id: l,
      geometry: line.length >= 2 ? { type: 'LineString', coordinates: line } : null,
      properties: jsonProperties(LINK_COLUMNS, values),
    });
  }
  return { type: 'FeatureCollection', features };
}

// ---------------------------------------------------------------------------------------------------
// Carbon

type Sector = keyof CarbonGrid['attributes'];
/** Every sector the grid holds, in column order (a Record, so a new sector fails to compile until named here). */
const SECTOR_COLUMNS: { readonly [S in Sector]: string } = {
  buildings: 'buildings_t_co2e_yr',
  transport: 'transport_t_co2e_yr',
  sinks: 'sinks_t_co2e_yr',
  net: 'net_t_co2e_yr',
};
const SECTORS = Object.keys(SECTOR_COLUMNS) as Sector[];
/** Sectors that are not sums of the others: a cell is empty when all of these are 0. */
const PARTS: readonly Sector[] = SECTORS.filter((s) => s !== 'net');

/** Non-empty grid cells: index, column, row, centre lon/lat and t CO2e/yr per sector. */
export function cellsCsv(grid: CarbonGrid, frame: LocalFrame): string {
  const { originX, originY, cellSize, nx, ny } = grid.spec;
  const columns: CsvColumn[] = [
    { name: 'cell' },
    { name: 'ix' },
    { name: 'iy' },
    { name: 'lon', decimals: COORD_DECIMALS },
    { name: 'lat', decimals: COORD_DECIMALS },
    ...SECTORS.map((s) => ({ name: SECTOR_COLUMNS[s] })),
  ];
  const values = SECTORS.map((s) => grid.attributes[s].value);
  const parts = PARTS.map((s) => grid.attributes[s].value);
  function* rows(): Generator<CsvValue[]> {
    for (let iy = 0; iy < ny; iy++) {
      for (let ix = 0; ix < nx; ix++) {
        const i = iy * nx + ix;
        if (parts.every((a) => a[i] === 0)) continue;
        const [lon, lat] = toLonLat(frame, originX + (ix + 0.5) * cellSize, originY + (iy + 0.5) * cellSize);
        yield [i, ix, iy, lon, lat, ...values.map((a) => a[i]!)];
      }
    }
  }
  return csvText(columns, rows());
}

/**
 * The non-empty grid cells as Polygons in lon/lat: the carbon core's `gridToGeoJson` (properties ix, iy
 * and t CO2e/yr per sector, 6 decimals; id = cell index; corners to 9 decimals of a degree).
 */
export function cellsGeoJson(grid: CarbonGrid, frame: LocalFrame): ReturnType<typeof gridToGeoJson> {
  return gridToGeoJson(grid, frame);
}

/**
 * One row per district (index, name, t CO2e/yr per sector), then the row of everything outside every
 * district when the totals hold one. `names[k]` names district k (`#k` when missing).
 */
export function districtsCsv(d: DistrictTotals, names: readonly string[]): string {
  const columns: CsvColumn[] = [{ name: 'district' }, { name: 'name' }, ...SECTORS.map((s) => ({ name: SECTOR_COLUMNS[s] }))];
  const rows: CsvValue[][] = [];
  const hasOutside = SECTORS.every((s) => d[s].length > d.count);
  for (let k = 0; k < d.count + (hasOutside ? 1 : 0); k++) {
    const inside = k < d.count;
    rows.push([inside ? k : null, inside ? (names[k] ?? `#${k}`) : OUTSIDE_DISTRICTS, ...SECTORS.map((s) => d[s][k]!)]);
  }
  return csvText(columns, rows);
}

// ---------------------------------------------------------------------------------------------------
// Hydrogen

const STATION_COLUMNS: readonly CsvColumn[] = [
  { name: 'id' },
  { name: 'name' },
  { name: 'lon', decimals: COORD_DECIMALS },
  { name: 'lat', decimals: COORD_DECIMALS },
  { name: 'candidate' },
  { name: 'open' },
  { name: 'capacity_kg_day' },
  { name: 'demand_kg_day' },
  { name: 'delivered_kg_day' },
  { name: 'unmet_kg_day' },
  { name: 'utilisation' },
  { name: 'krw_per_kg' },
  { name: 'kg_co2e_per_kg' },
];

function stationValues(s: StationResult): CsvValue[] {
  return [
    s.id,
    s.name,
    s.lonLat ? s.lonLat[0] : null,
    s.lonLat ? s.lonLat[1] : null,
    s.candidate,
    s.open,
    s.capacityKgPerDay,
    s.demandKgPerDay,
    s.deliveredKgPerDay,
    s.unmetKgPerDay,
    s.utilisation,
    s.krwPerKg,
    s.kgCo2ePerKg,
  ];
}

/** One row per station of the solution, in the model's order; only the header when there is no solution. */
export function stationsCsv(result: HydrogenResult): string {
  return csvText(STATION_COLUMNS, (result.solution?.stations ?? []).map(stationValues));
}

export type StationProperties = Record<string, string | number | null>;

/** Stations as Points at their lon/lat (geometry null when the model has none) with the CSV's figures. */
export function stationsGeoJson(result: HydrogenResult): GeoJsonCollection<StationProperties> {
  const features: GeoJsonFeature<StationProperties>[] = (result.solution?.stations ?? []).map((s) => ({
    type: 'Feature',
    id: s.id,
    geometry: s.lonLat ? { type: 'Point', coordinates: [roundJson(s.lonLat[0], COORD_DECIMALS) ?? 0, roundJson(s.lonLat[1], COORD_DECIMALS) ?? 0] } : null,
    properties: jsonProperties(STATION_COLUMNS, stationValues(s)),
  }));
  return { type: 'FeatureCollection', features };
}
