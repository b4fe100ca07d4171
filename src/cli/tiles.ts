/**
 * `tiles`: GeoJSON buildings -> an OGC 3D Tiles 1.1 tileset (tileset.json and GLB contents) in a folder.
 * Prints one JSON object on stdout: counts, depth, bytes, seconds, the frame origin and the root
 * transform (ENU at the origin -> ECEF).
 */
import { problem } from '../core/language/problem.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GeoJsonError, createLocalFrame, firstLineObject, parseGeoJson, parseJsonLines } from '../core/geo/index.ts';
import type { LocalFrame } from '../core/geo/index.ts';
import { toWgs84InPlace } from '../core/ingest/index.ts';
import { DEFAULT_MAX_FEATURES_PER_TILE, writeTileset } from '../core/tiles/index.ts';
import { EXIT_OK, InputError, UsageError, defineCommand, integerOption, readTextFile } from './command.ts';
import type { CliIo, Command, OptionSpecs, OptionValues } from './command.ts';

const USAGE = `Usage: cli tiles --buildings <geojson> --out <dir> [options]

Writes building footprints as an OGC 3D Tiles 1.1 tileset: <dir>/tileset.json (explicit quadtree,
box bounding volumes, REPLACE refinement) and <dir>/tiles/*.glb (glTF 2.0 with EXT_mesh_features
feature ids and an EXT_structural_metadata property table per tile). Leaf tiles hold every building
once; parent tiles hold their subtree's largest buildings as a coarse level of detail.

Options:
  --buildings <file>            building footprints: GeoJSON or line-delimited GeoJSON, Polygon or
                                MultiPolygon; lon/lat or a projected CRS that is declared or can be told (required)
  --out <dir>                   output folder (created; existing files of the same names are replaced) (required)
  --max-features-per-tile <N>   most buildings in a leaf tile (default ${DEFAULT_MAX_FEATURES_PER_TILE})
  --lod-features <N>            most buildings a parent tile draws as coarse content
                                (default: --max-features-per-tile; 0: parents are empty)
  --origin <lon,lat>            origin of the tileset's east-north-up frame (default: centre of the data),
                                e.g. the origin of the viewer's frame so tiles need no extra transform
  -h, --help                    show this help

Output (stdout, one JSON object): {"tileset", "tiles", "leaves", "lodTiles", "depth", "features",
"skipped", "skippedFirst", "contentBytes", "tilesetBytes", "seconds", "origin", "transform"}.
Exit status: 0 done, 1 bad or unreadable file or nothing to tile, 2 bad arguments.`;

interface TilesArgs {
  readonly buildings: string;
  readonly out: string;
  readonly maxFeatures: number;
  readonly lodFeatures: number | undefined;
  readonly origin: LocalFrame | undefined;
}

const OPTIONS = {
  buildings: { type: 'string' },
  out: { type: 'string' },
  'max-features-per-tile': { type: 'string' },
  'lod-features': { type: 'string' },
  origin: { type: 'string' },
} as const satisfies OptionSpecs;

function parse(values: OptionValues<typeof OPTIONS>): TilesArgs {
  if (values.buildings === undefined) throw new UsageError('missing --buildings <geojson>');
  if (values.out === undefined) throw new UsageError('missing --out <dir>');
  const maxFeatures = integerOption('max-features-per-tile', values['max-features-per-tile'], DEFAULT_MAX_FEATURES_PER_TILE);
  if (maxFeatures < 1) throw new UsageError('--max-features-per-tile must be at least 1');
  let origin: LocalFrame | undefined;
  if (values.origin !== undefined) {
    const m = /^\s*(-?[0-9.]+(?:[eE][-+]?\d+)?)\s*,\s*(-?[0-9.]+(?:[eE][-+]?\d+)?)\s*$/.exec(values.origin);
    const lon = Number(m?.[1]);
    const lat = Number(m?.[2]);
    if (!m || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new UsageError(`--origin takes lon,lat in degrees, got '${values.origin}'`);
    }
    origin = createLocalFrame(lon, lat);
  }
  return {
    buildings: values.buildings,
    out: values.out,
    maxFeatures,
    lodFeatures: values['lod-features'] === undefined ? undefined : integerOption('lod-features', values['lod-features'], 0),
    origin,
  };
}

/** Features of a GeoJSON or line-delimited GeoJSON file, in WGS84. */
function readFeatures(path: string): unknown[] {
  const text = readTextFile('buildings', path);
  try {
    let features: unknown[];
    let crsName: string | undefined;
    const byName = /\.(geojsonl|geojsons|ndjson|jsonl)$/i.test(path);
    try {
      if (byName) throw new GeoJsonError(problem('load.json', { reason: 'line-delimited' }), 'invalid-json');
      const parsed = parseGeoJson(text);
      features = parsed.features.slice();
      crsName = parsed.crsName;
    } catch (error) {
      // Not one JSON document but a whole object on its first line: newline-delimited GeoJSON.
      if (!(error instanceof GeoJsonError) || error.code !== 'invalid-json' || (!byName && firstLineObject(text) === undefined)) throw error;
      features = parseJsonLines(text).values;
    }
    toWgs84InPlace(features, crsName, 'auto');
    return features;
  } catch (error) {
    if (error instanceof GeoJsonError) throw new InputError(`--buildings file '${path}': ${error.message}`);
    throw error;
  }
}

function run(parsed: TilesArgs, io: CliIo): number {
  const features = readFeatures(parsed.buildings);
  const started = performance.now();
  try {
    mkdirSync(parsed.out, { recursive: true });
  } catch (error) {
    throw new InputError(`cannot create --out folder '${parsed.out}': ${error instanceof Error ? error.message : String(error)}`);
  }
  const made = new Set<string>();
  const sink = (path: string, bytes: Uint8Array): void => {
    const file = join(parsed.out, path);
    const folder = dirname(file);
    try {
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      writeFileSync(file, bytes);
    } catch (error) {
      throw new InputError(`cannot write '${file}': ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const summary = writeTileset(features, sink, {
    maxFeaturesPerTile: parsed.maxFeatures,
    ...(parsed.lodFeatures === undefined ? {} : { lodFeatures: parsed.lodFeatures }),
    ...(parsed.origin === undefined ? {} : { frame: parsed.origin }),
  });
  if (summary.features === 0) {
    const first = summary.skipped[0];
    const why = first ? `; feature ${first.index}: ${first.message}` : '';
    throw new InputError(`--buildings file '${parsed.buildings}' has no buildings to tile (${features.length} features${why})`);
  }
  const seconds = (performance.now() - started) / 1000;
  const first = summary.skipped[0];
  io.out(`${JSON.stringify({
    tileset: join(parsed.out, 'tileset.json'),
    tiles: summary.tiles,
    leaves: summary.leaves,
    lodTiles: summary.lodTiles,
    depth: summary.depth,
    features: summary.features,
    skipped: summary.skipped.length,
    ...(first ? { skippedFirst: first } : {}),
    contentBytes: summary.contentBytes,
    tilesetBytes: summary.tilesetBytes,
    seconds: Math.round(seconds * 1000) / 1000,
    origin: { lon: summary.frame.lon0, lat: summary.frame.lat0, height: 0 },
    transform: summary.transform,
  })}\n`);
  return EXIT_OK;
}

export const tilesCommand: Command = defineCommand({
  name: 'tiles',
  summary: 'write buildings as an OGC 3D Tiles 1.1 tileset (tileset.json + glb)',
  usage: USAGE,
  options: OPTIONS,
  parse,
  run,
});
