/**
 * External (cordon) zones: where the main roads leave the data's area, and the trips that cross it.
 *
 * Gates. A gate candidate is an end of a car road of a gate class (default: motorway, trunk, primary,
 * secondary and their links) that no other car road shares (degree 1: the data stops there). It is a
 * gate when it lies at the edge of the data's area: within `edgeMarginM` of an empty grid cell that
 * is connected to the outside of the data's bounding box (cells of `edgeCellM` metres; a cell is
 * occupied when a road of any kind crosses it or a building's label point lies in it; the empty cells
 * reachable from the box's border by 4-neighbour steps are "outside"). This follows the concave edge
 * of a clipped extract (Monaco's border with Beausoleil) where a convex hull or a bounding box would
 * miss roads 300 m inside the hull, and it ignores dead ends inside the city, which have data all round.
 * Candidates closer than `mergeDistanceM` merge into one gate (the two carriageways of one road, a
 * one-way couplet). A gate's capacity is the sum over its roads of lanes × lane capacity (both
 * directions; class defaults of src/core/traffic/osm where `lanes` is not tagged); it splits the external
 * trips among gates.
 *
 * Trips. Each internal zone's trip ends of "commuter" land uses (default office and other, and the
 * office part of untyped buildings) have their other end outside the area with probability `s`
 * (commuterShare): s·W_out,i veh/h leave zone i for the gates, s·W_in,j arrive at zone j from them.
 * Through trips (gate to gate) are a share φ of all trips with an external end:
 * T_EE = φ / (1 − φ) · (Σ outbound + Σ inbound), split T_gh = T_EE · p_g·p_h / (1 − Σ p_k²) for g ≠ h,
 * with p_g the gate's capacity share.
 * Units: local metres, veh/h (PM peak hour). Pure and deterministic.
 */
import { type LocalFrame, buildPolygonLayer, projectInto, propertiesOf, readLines } from '../../geo/index.ts';
import type { LandUseKey } from './rates.ts';
import { type Assumption, Direction, ROAD_CLASS_DEFAULTS, carRoadClass, carsAllowed, directionOf, parseLanes } from '../osm/index.ts';

/** Road classes whose dead ends at the edge become gates (OSM `highway` values). */
export const DEFAULT_GATE_CLASSES: readonly string[] = [
  'motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link',
];
/** Grid cell of the data's-area raster, metres. */
export const DEFAULT_EDGE_CELL_M = 50;
/** A gate lies within this distance (metres, in whole cells) of the outside. */
export const DEFAULT_EDGE_MARGIN_M = 100;
/** Gates closer than this (metres) merge. */
export const DEFAULT_MERGE_DISTANCE_M = 150;

/**
 * Share of trip ends of commuter land uses whose other end is outside the area: 0.89, the share of
 * Monaco's private-sector employees who do not live in Monaco in 2022 (IMSEE, reported by Monaco-Matin,
 * 24 April 2023: 5,987 of them live in Monaco, 89 % are commuters). A city profile should set its own.
 */
export const DEFAULT_COMMUTER_SHARE = 0.89;
export const COMMUTER_SHARE_SOURCE =
  "IMSEE (Monaco statistics institute), private-sector employees 2022: 89 % live outside Monaco (Monaco-Matin, 24 Apr 2023); INSEE Analyses PACA no. 71 (May 2019) finds 26,700 Alpes-Maritimes residents working in Monaco. Applied to vehicle trip ends, i.e. commuters assumed to drive as often as residents (CityTwin assumption; INSEE: 45 % of cross-border workers go by car)";
/**
 * Through trips as a share of all trips with an external end: 0.1. CityTwin assumption (no cordon
 * survey of Monaco at hand); to calibrate with counts at the gates.
 */
export const DEFAULT_THROUGH_SHARE = 0.1;
export const THROUGH_SHARE_SOURCE =
  'CityTwin assumption: no cordon survey; through share varies with the area and the road at each station (Talbot, Burris & Farnsworth, "Estimating Through Trip Travel without External Surveys", TRB 2011) — calibrate with gate counts';
/** Land uses whose trip ends are commuting (LAND_USE_KEYS names); `unknown` counts for its office part. */
export const DEFAULT_COMMUTER_LAND_USES: readonly LandUseKey[] = ['office', 'other'];

export interface GateOptions {
  /** OSM `highway` values whose dead ends can be gates. */
  readonly gateClasses?: readonly string[];
  readonly edgeCellM?: number;
  readonly edgeMarginM?: number;
  readonly mergeDistanceM?: number;
  /** Building label points (local metres, x y interleaved) that count as data; default: none. */
  readonly dataPoints?: ArrayLike<number>;
}

/** One road end of a gate. */
export interface GateMember {
  /** Feature index in the roads layer. */
  readonly feature: number;
  /** Which end of the line: 'start' (the road enters the area there) or 'end'. */
  readonly end: 'start' | 'end';
  /** Line index within the feature (MultiLineString). */
  readonly line: number;
  readonly x: number;
  readonly y: number;
  /** OSM `highway` value. */
  readonly highway: string;
  /** Lanes × lane capacity, both directions, veh/h. */
  readonly capacity: number;
}

export interface Gate {
  /** Mean position of its members, local metres. */
  readonly x: number;
  readonly y: number;
  readonly capacity: number;
  readonly members: readonly GateMember[];
  /** The `name` (or `ref`) of its first named road, or ''. */
  readonly name: string;
}

export interface GateSearch {
  readonly gates: readonly Gate[];
  /** Dead ends of gate classes found anywhere, and those at the edge (before merging). */
  readonly deadEnds: number;
  readonly atEdge: number;
  readonly assumptions: readonly Assumption[];
}

/** Capacity of a way, both directions, veh/h: lanes (tag or class default) × lane capacity. */
function wayCapacity(props: Readonly<Record<string, unknown>>, cls: number): number {
  const def = ROAD_CLASS_DEFAULTS[cls]!;
  const dir = directionOf(props, def.oneway);
  const lanes = parseLanes(props['lanes']);
  const total = dir === Direction.Both ? (lanes ?? 2 * def.lanesPerDirection) : (lanes ?? def.lanesPerDirection);
  return total * def.laneCapacity;
}

/** Gates of a road layer (see the module header). */
export function findGates(roads: readonly unknown[], frame: LocalFrame, options: GateOptions = {}): GateSearch {
  const classes = new Set(options.gateClasses ?? DEFAULT_GATE_CLASSES);
  const cell = options.edgeCellM ?? DEFAULT_EDGE_CELL_M;
  const margin = options.edgeMarginM ?? DEFAULT_EDGE_MARGIN_M;
  const mergeDistance = options.mergeDistanceM ?? DEFAULT_MERGE_DISTANCE_M;
  if (!(cell > 0) || !(margin >= 0) || !(mergeDistance >= 0)) throw new RangeError('edgeCellM must be > 0; edgeMarginM and mergeDistanceM >= 0');

  // Every line of every feature (any highway) is data; car roads also count vertex uses.
  const uses = new Map<string, number>();
  const data: number[] = [];
  const p: [number, number] = [0, 0];
  const candidates: Array<Omit<GateMember, 'x' | 'y' | 'capacity'> & { key: string; lon: number; lat: number; cls: number; props: Record<string, unknown> }> = [];
  for (let i = 0; i < roads.length; i++) {
    let lines: number[][];
    try {
      lines = readLines(roads[i]);
    } catch {
      continue;
    }
    for (const line of lines) {
      for (let k = 0; k < line.length; k += 2) {
        projectInto(frame, line[k]!, line[k + 1]!, p, 0);
        data.push(p[0], p[1]);
        if (k > 0) {
          // Points along the segment, half a cell apart, so that no road leaves a gap in the raster.
          const x0 = data[data.length - 4]!;
          const y0 = data[data.length - 3]!;
          const steps = Math.floor(Math.hypot(p[0] - x0, p[1] - y0) / (cell / 2));
          for (let s = 1; s < steps; s++) data.push(x0 + ((p[0] - x0) * s) / steps, y0 + ((p[1] - y0) * s) / steps);
          if (steps > 1) data.push(p[0], p[1]);
        }
      }
    }
    const props = propertiesOf(roads[i]);
    const highway = props['highway'];
    const cls = carRoadClass(highway);
    if (cls < 0 || !carsAllowed(props)) continue;
    lines.forEach((line, li) => {
      const n = line.length / 2;
      for (let k = 0; k < n; k++) {
        const key = `${line[2 * k]} ${line[2 * k + 1]}`;
        uses.set(key, (uses.get(key) ?? 0) + 1);
      }
      if (typeof highway !== 'string' || !classes.has(highway)) return;
      for (const end of ['start', 'end'] as const) {
        const k = end === 'start' ? 0 : n - 1;
        const lon = line[2 * k]!;
        const lat = line[2 * k + 1]!;
        candidates.push({ feature: i, end, line: li, highway, key: `${lon} ${lat}`, lon, lat, cls, props });
      }
    });
  }
  const pts = options.dataPoints ?? [];
  for (let k = 0; k + 1 < pts.length; k += 2) data.push(pts[k]!, pts[k + 1]!);

  const deadEnds = candidates.filter((c) => uses.get(c.key) === 1);
  if (deadEnds.length === 0 || data.length === 0) return { gates: [], deadEnds: 0, atEdge: 0, assumptions: gateAssumptions(classes, cell, margin, mergeDistance) };

  // Raster of the data, padded by one empty cell all round; flood the outside from the border.
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < data.length; k += 2) {
    minX = Math.min(minX, data[k]!); maxX = Math.max(maxX, data[k]!);
    minY = Math.min(minY, data[k + 1]!); maxY = Math.max(maxY, data[k + 1]!);
  }
  const cols = Math.floor((maxX - minX) / cell) + 3;
  const rows = Math.floor((maxY - minY) / cell) + 3;
  const colOf = (x: number): number => Math.floor((x - minX) / cell) + 1;
  const rowOf = (y: number): number => Math.floor((y - minY) / cell) + 1;
  const occupied = new Uint8Array(cols * rows);
  for (let k = 0; k < data.length; k += 2) occupied[rowOf(data[k + 1]!) * cols + colOf(data[k]!)] = 1;
  const outside = new Uint8Array(cols * rows);
  const queue = new Int32Array(cols * rows);
  let head = 0, tail = 0;
  for (let c = 0; c < cols * rows; c++) {
    const r = Math.floor(c / cols);
    const q = c % cols;
    if ((r === 0 || r === rows - 1 || q === 0 || q === cols - 1) && occupied[c] === 0) {
      outside[c] = 1;
      queue[tail++] = c;
    }
  }
  while (head < tail) {
    const c = queue[head++]!;
    const r = Math.floor(c / cols);
    const q = c % cols;
    const next = [q > 0 ? c - 1 : -1, q < cols - 1 ? c + 1 : -1, r > 0 ? c - cols : -1, r < rows - 1 ? c + cols : -1];
    for (const n of next) {
      if (n >= 0 && outside[n] === 0 && occupied[n] === 0) {
        outside[n] = 1;
        queue[tail++] = n;
      }
    }
  }
  const reach = Math.ceil(margin / cell);
  const members: GateMember[] = [];
  for (const c of deadEnds) {
    projectInto(frame, c.lon, c.lat, p, 0);
    const q0 = colOf(p[0]);
    const r0 = rowOf(p[1]);
    let edge = false;
    for (let r = Math.max(0, r0 - reach); r <= Math.min(rows - 1, r0 + reach) && !edge; r++) {
      for (let q = Math.max(0, q0 - reach); q <= Math.min(cols - 1, q0 + reach); q++) {
        if (outside[r * cols + q] === 1) {
          edge = true;
          break;
        }
      }
    }
    if (edge) members.push({ feature: c.feature, end: c.end, line: c.line, x: p[0], y: p[1], highway: c.highway, capacity: wayCapacity(c.props, c.cls) });
  }

  // Single-linkage merging in member order (feature, then start before end): deterministic.
  const parent = members.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      if (Math.hypot(members[i]!.x - members[j]!.x, members[i]!.y - members[j]!.y) < mergeDistance) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const groups = new Map<number, GateMember[]>();
  members.forEach((m, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(m);
    else groups.set(r, [m]);
  });
  const gates: Gate[] = [...groups.keys()].sort((a, b) => a - b).map((r) => {
    const ms = groups.get(r)!;
    let x = 0, y = 0, capacity = 0;
    let name = '';
    for (const m of ms) {
      x += m.x;
      y += m.y;
      capacity += m.capacity;
      const props = propertiesOf(roads[m.feature]);
      const label = typeof props['name'] === 'string' ? props['name'] : typeof props['ref'] === 'string' ? props['ref'] : '';
      if (name === '' && label !== '') name = label;
    }
    return { x: x / ms.length, y: y / ms.length, capacity, members: ms, name };
  });
  return { gates, deadEnds: deadEnds.length, atEdge: members.length, assumptions: gateAssumptions(classes, cell, margin, mergeDistance) };
}

/** Building label points of a building layer, for `GateOptions.dataPoints`. */
export function buildingPoints(buildings: readonly unknown[], frame: LocalFrame): Float64Array {
  const layer = buildPolygonLayer(buildings, { frame });
  const t = layer.features;
  const out: number[] = [];
  for (let i = 0; i < t.count; i++) if (t.drawn[i] === 1) out.push(t.center[2 * i]!, t.center[2 * i + 1]!);
  return Float64Array.from(out);
}

function gateAssumptions(classes: ReadonlySet<string>, cell: number, margin: number, merge: number): Assumption[] {
  return [
    { key: 'external.gateClasses', value: [...classes].join(', '), source: 'CityTwin assumption: roads of these classes carry the trips that cross the cordon' },
    {
      key: 'external.gateRule',
      value: 'dead end (degree 1) of a gate-class car road within the margin of the outside of the data (empty raster cells connected to the bounding box)',
      source: 'CityTwin method: a clipped extract ends its roads at the clip line, with no data beyond',
    },
    { key: 'external.edgeCell', value: cell, unit: 'm', source: 'CityTwin assumption (raster of roads and building points)' },
    { key: 'external.edgeMargin', value: margin, unit: 'm', source: 'CityTwin assumption' },
    { key: 'external.mergeDistance', value: merge, unit: 'm', source: 'CityTwin assumption: carriageways of one road and one-way couplets at a border lie within 150 m' },
    {
      key: 'external.gateSplit',
      value: 'in proportion to the capacity of the gate roads (lanes × lane capacity, both directions)',
      unit: 'veh/h',
      source: 'CityTwin assumption; lane capacities and default lanes from the road-class table (MATSim defaults)',
    },
  ];
}

/** External trip ends of the internal zones and the gates' shares (the input of the distribution). */
export interface ExternalTotals {
  readonly numGates: number;
  /** Capacity share of each gate (sums to 1). */
  readonly gateShare: Float64Array;
  /** Gate positions, local metres, x y interleaved. */
  readonly centroid: Float64Array;
  /** veh/h from each internal zone to the gates (part of that zone's productions). */
  readonly outbound: Float64Array;
  /** veh/h from the gates to each internal zone (part of its attractions). */
  readonly inbound: Float64Array;
  /**
   * Trip ends of each internal zone whose other end is outside, by any mode (s·W): they leave the
   * internal trips; only the car part of them (`outbound`, `inbound`) goes to the gates.
   */
  readonly outboundEnds?: Float64Array;
  readonly inboundEnds?: Float64Array;
  /** φ: through trips / all trips with an external end. */
  readonly throughShare: number;
}

export interface ExternalTripOptions {
  /** s: share of commuter-land-use trip ends with an external other end (default 0.89, IMSEE Monaco). */
  readonly commuterShare?: number;
  /** φ (default 0.1, CityTwin assumption). */
  readonly throughShare?: number;
  /**
   * c: of the commuters' trip ends counted by vehicle-trip rates, the share that crosses the cordon by
   * car (default 1). Below 1 where commuters come by train, bus, two-wheeler or on foot more than the
   * rates assume: c·s·W go to the gates, and all of s·W leave the internal trips.
   */
  readonly commuterCarShare?: number;
}

/**
 * External totals from the zones' commuter trip ends (veh/h per zone, `work*`) and the gates.
 * With no gates there are no external trips.
 */
export function externalTotals(
  workProductions: Float64Array,
  workAttractions: Float64Array,
  gates: readonly Pick<Gate, 'x' | 'y' | 'capacity'>[],
  options: ExternalTripOptions = {},
): ExternalTotals {
  const s = options.commuterShare ?? DEFAULT_COMMUTER_SHARE;
  const phi = options.throughShare ?? DEFAULT_THROUGH_SHARE;
  const car = options.commuterCarShare ?? 1;
  if (!(s >= 0 && s <= 1)) throw new RangeError('commuterShare must be in [0, 1]');
  if (!(car >= 0 && car <= 1)) throw new RangeError('commuterCarShare must be in [0, 1]');
  if (!(phi >= 0 && phi < 1)) throw new RangeError('throughShare must be in [0, 1)');
  const E = gates.length;
  const Z = workProductions.length;
  let cap = 0;
  for (const g of gates) cap += g.capacity;
  const gateShare = new Float64Array(E);
  const centroid = new Float64Array(2 * E);
  gates.forEach((g, e) => {
    gateShare[e] = cap > 0 ? g.capacity / cap : 1 / E;
    centroid[2 * e] = g.x;
    centroid[2 * e + 1] = g.y;
  });
  const outbound = new Float64Array(Z);
  const inbound = new Float64Array(Z);
  const outboundEnds = new Float64Array(Z);
  const inboundEnds = new Float64Array(Z);
  if (E > 0) {
    for (let z = 0; z < Z; z++) {
      outboundEnds[z] = s * workProductions[z]!;
      inboundEnds[z] = s * workAttractions[z]!;
      outbound[z] = car * outboundEnds[z]!;
      inbound[z] = car * inboundEnds[z]!;
    }
  }
  return { numGates: E, gateShare, centroid, outbound, inbound, outboundEnds, inboundEnds, throughShare: E >= 2 ? phi : 0 };
}

export function externalAssumptions(
  commuterShare: number,
  throughShare: number,
  commuterLandUses: readonly string[],
  sources: { readonly commuterShare?: string; readonly commuterCarShare?: string; readonly carShare?: number } = {},
): Assumption[] {
  return [
    { key: 'external.commuterShare', value: commuterShare, unit: 'share of commuter-land-use trip ends with an external end', source: sources.commuterShare ?? COMMUTER_SHARE_SOURCE },
    {
      key: 'external.commuterCarShare',
      value: sources.carShare ?? 1,
      unit: 'share of those trip ends crossing the cordon by car',
      source: sources.commuterCarShare ?? 'CityTwin default: commuters drive as the trip rates assume',
    },
    { key: 'external.commuterLandUses', value: `${commuterLandUses.join(', ')} (and the office part of untyped buildings)`, source: 'CityTwin assumption: trips at work places are commutes; shops, schools and homes are served locally' },
    { key: 'external.throughShare', value: throughShare, unit: 'through trips / all trips with an external end', source: THROUGH_SHARE_SOURCE },
    {
      key: 'external.throughSplit',
      value: 'T_gh = T_EE · p_g·p_h / (1 − Σp²), g ≠ h (p = gate capacity share)',
      source: 'CityTwin assumption (through trips in proportion to the capacity at both gates)',
    },
    {
      key: 'external.distribution',
      value: 'zone ↔ gate trips by a doubly constrained gravity model (zone totals × gate capacity shares, same deterrence)',
      source: 'Ortúzar & Willumsen, Modelling Transport, 4th ed., ch. 5',
    },
  ];
}
