// Shared by the CSV and GeoJSON imports: skipped items, choosing the CRS, the extent and frame, value
// statistics, and the output of a point layer.
import { type CrsCode, crsFromName, crsInfo, inBox, inferCrs, toWgs84 } from '../../crs/index.ts';
import { type LocalFrame, createLocalFrame, projectInto } from '../../geo/index.ts';
import { CarbonMapError } from './csv.ts';
import type { CarbonMapOptions, CarbonMapPoints, CarbonSkipCode, CarbonSkipped, CrsChoice } from './types.ts';

export function skip(list: CarbonSkipped[], index: number, code: CarbonSkipCode, message: string, extra: { line?: number; id?: string | undefined } = {}): void {
  list.push({
    index,
    ...(extra.line === undefined ? {} : { line: extra.line }),
    ...(extra.id === undefined ? {} : { id: extra.id }),
    code,
    message,
  });
}

export function outOfArea(code: CrsCode, x: number, y: number): string {
  return `(${x}, ${y}) is outside the area where ${crsInfo(code).id} can be used — is the CRS right?`;
}

// ---------------------------------------------------------------------------------------------- CRS

export function chooseCrs(options: CarbonMapOptions, declaredName: string | undefined, sample: () => Float64Array): CrsChoice {
  const declared = declaredName === undefined ? {} : { declaredName };
  if (options.crs !== undefined) {
    crsInfo(options.crs); // rejects an unknown code early
    return { code: options.crs, chosen: 'given', ...declared };
  }
  if (declaredName !== undefined) {
    return { code: crsFromName(declaredName), chosen: 'declared', declaredName };
  }
  const guess = inferCrs(sample());
  return { code: guess.code, chosen: 'inferred', guess };
}


export class Extent {
  minLon = Infinity;
  minLat = Infinity;
  maxLon = -Infinity;
  maxLat = -Infinity;
  add(lon: number, lat: number): void {
    if (lon < this.minLon) this.minLon = lon;
    if (lon > this.maxLon) this.maxLon = lon;
    if (lat < this.minLat) this.minLat = lat;
    if (lat > this.maxLat) this.maxLat = lat;
  }
  get box(): [number, number, number, number] {
    return Number.isFinite(this.minLon) ? [this.minLon, this.minLat, this.maxLon, this.maxLat] : [0, 0, 0, 0];
  }
}

export function frameFor(options: CarbonMapOptions, box: readonly [number, number, number, number]): LocalFrame {
  return options.frame ?? createLocalFrame((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
}

export function valueStats(values: Float64Array): { missing: number; valueRange: [number, number] } {
  let missing = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) missing++;
    else {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return { missing, valueRange: Number.isFinite(lo) ? [lo, hi] : [NaN, NaN] };
}

export function nothingUsable(total: number, what: string, skipped: readonly CarbonSkipped[]): CarbonMapError {
  const first = skipped.slice(0, 3).map((s) => (s.line === undefined ? `${what} ${s.index}: ${s.message}` : `line ${s.line}: ${s.message}`));
  const line = skipped[0]?.line;
  return new CarbonMapError(
    'nothing-usable',
    `nothing usable: all ${total} ${what}${total === 1 ? '' : 's'} were skipped${first.length > 0 ? ` (${first.join('; ')}${skipped.length > 3 ? '; …' : ''})` : ''}`,
    line,
  );
}

export function finishPoints(
  xy: Float64Array,
  values: Float64Array,
  index: Uint32Array,
  where: (k: number) => { line?: number; id?: string | undefined },
  total: number,
  crs: CrsChoice,
  options: CarbonMapOptions,
  skipped: CarbonSkipped[],
  what: string,
): CarbonMapPoints {
  const n = values.length;
  const ll = toWgs84(crs.code)(xy);
  const usable = crsInfo(crs.code).usable;
  const lonLat = new Float64Array(n * 2);
  const keptValues = new Float64Array(n);
  const keptIndex = new Uint32Array(n);
  const extent = new Extent();
  let kept = 0;
  for (let k = 0; k < n; k++) {
    const lon = ll[k * 2]!;
    const lat = ll[k * 2 + 1]!;
    if (Number.isNaN(lon) || !inBox(usable, lon, lat)) {
      const w = where(k);
      const prefix = w.line === undefined ? '' : `line ${w.line}: `;
      skip(skipped, index[k]!, 'out-of-area', prefix + outOfArea(crs.code, xy[k * 2]!, xy[k * 2 + 1]!), w);
      continue;
    }
    lonLat[kept * 2] = lon;
    lonLat[kept * 2 + 1] = lat;
    keptValues[kept] = values[k]!;
    keptIndex[kept] = index[k]!;
    extent.add(lon, lat);
    kept++;
  }
  skipped.sort((a, b) => a.index - b.index);
  if (kept === 0) throw nothingUsable(total, what, skipped);
  const lonLatBounds = extent.box;
  const frame = frameFor(options, lonLatBounds);
  const x = new Float64Array(kept);
  const y = new Float64Array(kept);
  const p = [0, 0];
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < kept; k++) {
    projectInto(frame, lonLat[k * 2]!, lonLat[k * 2 + 1]!, p, 0);
    x[k] = p[0]!;
    y[k] = p[1]!;
    b[0] = Math.min(b[0]!, p[0]!);
    b[1] = Math.min(b[1]!, p[1]!);
    b[2] = Math.max(b[2]!, p[0]!);
    b[3] = Math.max(b[3]!, p[1]!);
  }
  const vals = keptValues.slice(0, kept);
  return {
    kind: 'points',
    property: options.property,
    crs,
    frame,
    total,
    x,
    y,
    lonLat: lonLat.slice(0, kept * 2),
    values: vals,
    sourceIndex: keptIndex.slice(0, kept),
    ...valueStats(vals),
    lonLatBounds,
    bounds: [b[0]!, b[1]!, b[2]!, b[3]!],
    skipped,
  };
}
