/**
 * The supply network as a linear (or mixed-integer) programme in HiGHS' column-wise sparse form.
 *
 * Variables (all ≥ 0):
 *   x[a]    kg/day on arc a (source → station by mode);
 *   t[a]    trips/day on arc a, integer, only when `integerTrips` and the mode has a payload;
 *   y[z,j]  kg/day of demand unit z served at station j, for j in J(z) (catchment "capacitated" only);
 *   u       unmet demand, kg/day, only when unmet demand is allowed: per station j ("nearest") or
 *           per demand unit z ("capacitated");
 *   o[j]    1 when candidate station j is opened (binary), only when station choice is on.
 * Demand units z are the model's zones and each station's own demand; J(z) is z's nearest station plus,
 * for a zone, every station within the maximum detour (a station's own demand has J = {that station}).
 * Constraints, catchment "nearest" (demand_j = the station's nearest-station catchment):
 *   supply     Σ_{a from i} x[a] ≤ capacity_i                       for every source i
 *   demand     Σ_{a to j} x[a] + u[j] = demand_j                     for every station j
 *   capacity   Σ_{a to j} x[a] − min(capacity_j, demand_j) · o[j] ≤ 0   candidates with station choice
 *              Σ_{a to j} x[a] ≤ capacity_j                          every other station
 *   trips      x[a] − payload · t[a] ≤ 0                             for every t[a]
 * Catchment "capacitated" (capacitated facility location): supply and trips as above, and
 *   demand     Σ_{a to j} x[a] − Σ_{z: j∈J(z)} y[z,j] = 0             for every station j (inflow = served)
 *   zones      Σ_{j∈J(z)} y[z,j] + u[z] = demand_z                   for every demand unit z
 *   capacity   as above with reach_j = Σ_{z: j∈J(z)} demand_z in place of demand_j
 * so a closed candidate (o = 0) serves nothing and its zones' demand goes to open stations within the
 * detour that have room, or is unmet.
 * Objective (minimised), by kind:
 *   cost      Σ krwPerKg·x + Σ krwPerTrip·t + Σ detourKrwPerKg·y + penaltyKrw·Σu + Σ fixedCost·o   (KRW/day)
 *   co2       Σ kgCo2ePerKg·x + Σ kgCo2ePerTrip·t + Σ detourKgCo2ePerKg·y + penaltyCo2·Σu      (kg CO2e/day)
 *   weighted  cost + carbonPrice/1000 · co2                                                     (KRW/day)
 * The detour terms are the drivers' time and fuel and the CO2 of that fuel (not added to demand).
 * With station choice off, every candidate is open and its fixed cost is a constant added to cost.
 */
import type { ModelData } from 'highs';
import type { Arc, Network, ZoneOption } from './network.ts';

export interface RowGroup {
  readonly name: 'supply' | 'demand' | 'zones' | 'capacity' | 'trips';
  readonly start: number;
  readonly count: number;
}

export interface Formulation {
  readonly data: ModelData;
  /** Column of arc a's flow is a (arcs come first). */
  readonly arcCount: number;
  /** Trip column per arc, or -1. */
  readonly tripCol: Int32Array;
  /** Unmet column per station, or -1 (always -1 with catchment "capacitated"). */
  readonly unmetCol: Int32Array;
  /** Capacitated: y[z, options[k]] is column allocStart[z] + k; -1 for every zone with "nearest". */
  readonly allocStart: Int32Array;
  /** Capacitated: unmet column per demand unit (net.zones), or -1. */
  readonly zoneUnmetCol: Int32Array;
  /** Open column per station, or -1. */
  readonly openCol: Int32Array;
  readonly rows: readonly RowGroup[];
  readonly integers: number;
  /** Constant part of the objective (fixed costs of stations that are always open), in objective units. */
  readonly offset: number;
}

/** Objective coefficients of one kg on an arc and of one trip on it. */
function arcCoefficients(net: Network, arc: Arc): { perKg: number; perTrip: number } {
  const w = net.carbonPriceKrwPerTCo2e / 1000;
  switch (net.objective) {
    case 'cost':
      return { perKg: arc.krwPerKg, perTrip: arc.krwPerTrip };
    case 'co2':
      return { perKg: arc.kgCo2ePerKg, perTrip: arc.kgCo2ePerTrip };
    case 'weighted':
      return { perKg: arc.krwPerKg + w * arc.kgCo2ePerKg, perTrip: arc.krwPerTrip + w * arc.kgCo2ePerTrip };
  }
}

function unmetCoefficient(net: Network): number {
  switch (net.objective) {
    case 'cost':
      return net.unmetPenaltyKrwPerKg;
    case 'co2':
      return net.unmetPenaltyKgCo2ePerKg;
    case 'weighted':
      return net.unmetPenaltyKrwPerKg + (net.carbonPriceKrwPerTCo2e / 1000) * net.unmetPenaltyKgCo2ePerKg;
  }
}

/** Objective coefficient of one kg served through a zone option (drivers' detour cost and CO2). */
function detourCoefficient(net: Network, o: ZoneOption): number {
  switch (net.objective) {
    case 'cost':
      return o.krwPerKg;
    case 'co2':
      return o.kgCo2ePerKg;
    case 'weighted':
      return o.krwPerKg + (net.carbonPriceKrwPerTCo2e / 1000) * o.kgCo2ePerKg;
  }
}

/** Builds the programme. `infinity` is the solver's infinity (highs.infinity). */
export function formulate(net: Network, infinity: number): Formulation {
  const capacitated = net.catchment.mode === 'capacitated';
  const nS = net.sources.length;
  const nJ = net.stations.length;
  const nZ = capacitated ? net.zones.length : 0;
  const A = net.arcs.length;
  const supplyRow = 0;
  const demandRow = nS;
  const zoneRow = nS + nJ;
  const capRow = nS + nJ + nZ;
  const tripRow = capRow + nJ;

  // Demand a station can be asked to serve: its catchment ("nearest") or every unit that may use it.
  const reach = new Float64Array(nJ);
  if (capacitated) {
    for (const z of net.zones) for (const o of z.options) reach[o.station]! += z.demandKgPerDay;
  } else {
    for (let j = 0; j < nJ; j++) reach[j] = net.stations[j]!.demandKgPerDay;
  }

  const tripCol = new Int32Array(A).fill(-1);
  const unmetCol = new Int32Array(nJ).fill(-1);
  const allocStart = new Int32Array(net.zones.length).fill(-1);
  const zoneUnmetCol = new Int32Array(net.zones.length).fill(-1);
  const openCol = new Int32Array(nJ).fill(-1);
  let col = A;
  let trips = 0;
  if (net.integerTrips) {
    net.arcs.forEach((a, k) => {
      if (net.modes[a.mode]!.payloadKg !== null) {
        tripCol[k] = col++;
        trips++;
      }
    });
  }
  if (capacitated) {
    net.zones.forEach((z, i) => {
      allocStart[i] = col;
      col += z.options.length;
    });
  }
  if (net.unmetAllowed) {
    if (capacitated) for (let i = 0; i < nZ; i++) zoneUnmetCol[i] = col++;
    else for (let j = 0; j < nJ; j++) unmetCol[j] = col++;
  }
  if (net.stationChoice) {
    net.stations.forEach((s, j) => {
      if (s.candidate) openCol[j] = col++;
    });
  }
  const numCols = col;
  const numRows = tripRow + trips;

  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(infinity);
  const integrality = new Int32Array(numCols);
  const starts = new Int32Array(numCols + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower = new Float64Array(numRows).fill(-infinity);
  const rowUpper = new Float64Array(numRows).fill(infinity);

  for (let i = 0; i < nS; i++) rowUpper[supplyRow + i] = net.sources[i]!.capacityKgPerDay;
  for (let j = 0; j < nJ; j++) {
    const s = net.stations[j]!;
    const rhs = capacitated ? 0 : s.demandKgPerDay;
    rowLower[demandRow + j] = rhs;
    rowUpper[demandRow + j] = rhs;
    rowUpper[capRow + j] = openCol[j]! >= 0 ? 0 : s.capacityKgPerDay;
  }
  for (let i = 0; i < nZ; i++) {
    const d = net.zones[i]!.demandKgPerDay;
    rowLower[zoneRow + i] = d;
    rowUpper[zoneRow + i] = d;
  }
  for (let r = tripRow; r < numRows; r++) rowUpper[r] = 0;

  // Columns in order; each column's row indices ascend.
  let nz = 0;
  const push = (row: number, v: number): void => {
    indices.push(row);
    values.push(v);
    nz++;
  };
  let tripK = 0;
  const tripRowOfArc = new Int32Array(A).fill(-1);
  for (let k = 0; k < A; k++) if (tripCol[k]! >= 0) tripRowOfArc[k] = tripRow + tripK++;

  for (let k = 0; k < A; k++) {
    const a = net.arcs[k]!;
    starts[k] = nz;
    colCost[k] = arcCoefficients(net, a).perKg;
    const src = net.sources[a.source]!;
    const st = net.stations[a.station]!;
    colUpper[k] = Math.min(src.capacityKgPerDay, st.capacityKgPerDay, reach[a.station]!);
    push(supplyRow + a.source, 1);
    push(demandRow + a.station, 1);
    push(capRow + a.station, 1);
    if (tripRowOfArc[k]! >= 0) push(tripRowOfArc[k]!, 1);
  }
  for (let k = 0; k < A; k++) {
    const c = tripCol[k]!;
    if (c < 0) continue;
    const a = net.arcs[k]!;
    starts[c] = nz;
    colCost[c] = arcCoefficients(net, a).perTrip;
    integrality[c] = 1;
    push(tripRowOfArc[k]!, -net.modes[a.mode]!.payloadKg!);
  }
  for (let i = 0; i < nZ; i++) {
    const z = net.zones[i]!;
    z.options.forEach((o, k) => {
      const c = allocStart[i]! + k;
      starts[c] = nz;
      colCost[c] = detourCoefficient(net, o);
      colUpper[c] = Math.min(z.demandKgPerDay, net.stations[o.station]!.capacityKgPerDay);
      push(demandRow + o.station, -1);
      push(zoneRow + i, 1);
    });
  }
  const pen = unmetCoefficient(net);
  for (let j = 0; j < nJ; j++) {
    const c = unmetCol[j]!;
    if (c < 0) continue;
    starts[c] = nz;
    colCost[c] = pen;
    colUpper[c] = net.stations[j]!.demandKgPerDay;
    push(demandRow + j, 1);
  }
  for (let i = 0; i < nZ; i++) {
    const c = zoneUnmetCol[i]!;
    if (c < 0) continue;
    starts[c] = nz;
    colCost[c] = pen;
    colUpper[c] = net.zones[i]!.demandKgPerDay;
    push(zoneRow + i, 1);
  }
  let offset = 0;
  const fixedCounts = net.objective !== 'co2';
  for (let j = 0; j < nJ; j++) {
    const s = net.stations[j]!;
    const c = openCol[j]!;
    if (c < 0) {
      if (fixedCounts) offset += s.fixedCostKrwPerDay;
      continue;
    }
    starts[c] = nz;
    colCost[c] = fixedCounts ? s.fixedCostKrwPerDay : 0;
    colUpper[c] = 1;
    integrality[c] = 1;
    // Big-M = min(capacity, demand it may serve): inflow never exceeds that, and the smaller M tightens the LP relaxation.
    push(capRow + j, -Math.min(s.capacityKgPerDay, reach[j]!));
  }
  starts[numCols] = nz;

  const integers = trips + openCol.reduce((n, c) => n + (c >= 0 ? 1 : 0), 0);
  const data: ModelData = {
    numCols,
    numRows,
    offset,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) },
    ...(integers > 0 ? { integrality } : {}),
  };
  return {
    data,
    arcCount: A,
    tripCol,
    unmetCol,
    allocStart,
    zoneUnmetCol,
    openCol,
    rows: [
      { name: 'supply', start: supplyRow, count: nS },
      { name: 'demand', start: demandRow, count: nJ },
      ...(capacitated ? [{ name: 'zones' as const, start: zoneRow, count: nZ }] : []),
      { name: 'capacity', start: capRow, count: nJ },
      { name: 'trips', start: tripRow, count: trips },
    ],
    integers,
    offset,
  };
}
