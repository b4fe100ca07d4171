/**
 * The kiosk file (`citytwin.kiosk`, version 1): how an unattended testbed screen shows the city — which
 * built-in city, the language (Korean, English or alternating), the camera tour (viewpoints in WGS84
 * lon/lat with captions), the scenario playlist, how long to wait without touch before the attract loop
 * comes back, the recovery limits and an optional operator heartbeat. Validated with valibot; every bad
 * field is reported with its JSON path.
 *
 * Units: seconds for every duration, metres for camera distances, degrees for tilt (0 straight down,
 * 85 nearly level) and bearing (clockwise from north), MiB for memory.
 */
import * as v from 'valibot';
import { type ScenarioIssue, fromValibot, jsonSyntaxIssue } from '../scenario/issues.ts';

export const KIOSK_FORMAT = 'citytwin.kiosk';
export const KIOSK_VERSION = 1;
export const KIOSK_CITIES = ['monaco', 'yeouido'] as const;
export type KioskCity = (typeof KIOSK_CITIES)[number];

const finite = v.pipe(v.number(), v.finite());
const seconds = (min: number, max: number) => v.pipe(finite, v.minValue(min), v.maxValue(max));
/** A caption or title in both interface languages. */
const Text = v.strictObject({ ko: v.pipe(v.string(), v.minLength(1), v.maxLength(200)), en: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) });

const ViewpointSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
  /** The point looked at, WGS84 [lon, lat]. */
  lonLat: v.tuple([v.pipe(finite, v.minValue(-180), v.maxValue(180)), v.pipe(finite, v.minValue(-90), v.maxValue(90))]),
  /** Camera distance from that point, metres. */
  distance: v.pipe(finite, v.minValue(50), v.maxValue(20000)),
  tilt: v.pipe(finite, v.minValue(0), v.maxValue(80)),
  bearing: v.pipe(finite, v.minValue(-360), v.maxValue(360)),
  /** Flight from the previous viewpoint (eased in and out), s. */
  flightSeconds: seconds(0.5, 60),
  /** Time held at the viewpoint with its caption, s. */
  holdSeconds: seconds(1, 600),
  caption: Text,
});

const PlaylistItemSchema = v.strictObject({
  /** Scenario file (src/core/scenario format), relative to the kiosk file. */
  scenario: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  /** The scenario it is compared with (relative URL); none: the item shows the scenario alone. */
  compareWith: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(500))),
  title: Text,
  /** 'b': the scenario's own map; 'difference': the scenario minus the one it is compared with. */
  map: v.picklist(['b', 'difference']),
  /** How many tour viewpoints this item stays on screen for (at least one). */
  viewpoints: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
});

export const KioskSchema = v.strictObject({
  format: v.literal(KIOSK_FORMAT),
  version: v.literal(KIOSK_VERSION),
  city: v.picklist(KIOSK_CITIES),
  /** 'alternate' switches between Korean and English every `alternateSeconds`. */
  language: v.picklist(['ko', 'en', 'alternate']),
  alternateSeconds: v.optional(seconds(5, 3600), 30),
  /** Without touch for this long, the attract loop comes back where it left off. */
  idleSeconds: seconds(5, 3600),
  viewpoints: v.pipe(v.array(ViewpointSchema), v.minLength(1), v.maxLength(50)),
  playlist: v.pipe(v.array(PlaylistItemSchema), v.maxLength(20)),
  recovery: v.optional(
    v.strictObject({
      /** A worker that has not answered a heartbeat for this long is restarted (and its job retried), s. */
      workerSilenceSeconds: seconds(1, 600),
      /** The longest any one worker job may take before it is stopped and retried, s. */
      jobLimitSeconds: seconds(5, 3600),
      /** The page reloads (into the same point of the loop) when the JS heap grows past this, MiB. */
      heapLimitMiB: seconds(64, 16384),
      /** …or when GPU geometries plus textures grow past this multiple of the first full cycle's count. */
      gpuGrowthFactor: seconds(1.1, 100),
    }),
    { workerSilenceSeconds: 30, jobLimitSeconds: 300, heapLimitMiB: 1536, gpuGrowthFactor: 3 },
  ),
  health: v.optional(
    v.strictObject({
      /** Where the status figures are POSTed as JSON (uptime, loops, fps, memory, restarts); none: not sent. */
      heartbeatUrl: v.optional(v.pipe(v.string(), v.url(), v.maxLength(500))),
      heartbeatSeconds: v.optional(seconds(10, 86400), 300),
    }),
    {},
  ),
});

export type KioskFile = v.InferOutput<typeof KioskSchema>;
export type Viewpoint = KioskFile['viewpoints'][number];
export type PlaylistItem = KioskFile['playlist'][number];

/**
 * One problem with a kiosk file: its JSON path, a code and parameters, and the English message. The
 * words are the scenario file's (src/core/scenario/issues.ts), so the kiosk's error screen says them in
 * its language with `issueText`.
 */
export type KioskIssue = ScenarioIssue;

/** A kiosk file checked against the schema: the file with defaults filled in, or every problem with its path. */
export function parseKiosk(json: unknown): { ok: true; kiosk: KioskFile } | { ok: false; issues: KioskIssue[] } {
  const r = v.safeParse(KioskSchema, json);
  if (r.success) return { ok: true, kiosk: r.output };
  return { ok: false, issues: r.issues.map(fromValibot) };
}

/** Same, from text (a JSON syntax error is one issue at `$`, with its line and column where known). */
export function parseKioskText(text: string): ReturnType<typeof parseKiosk> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, issues: [jsonSyntaxIssue(text, err)] };
  }
  return parseKiosk(json);
}
