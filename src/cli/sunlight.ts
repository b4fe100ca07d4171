/**
 * `sunlight`: hours of direct sun at points over one day (default: the winter solstice), by ray casting
 * against buildings extruded from their footprints, with each point judged against the Korean courts'
 * sunlight criterion (2 continuous hours 09:00–15:00 or 4 hours in total 08:00–16:00, true solar time).
 */
import { jsonErrorLocation } from '../core/geo/index.ts';
import { dateMs, seasonDate, standardUtcOffset } from '../core/sun/index.ts';
import {
  CRITERION_SOURCES, INSIDE_BUILDING, PASSES_CONTINUOUS, PASSES_TOTAL, STEP_CHOICES, type SunClock, SunlightInputError,
  readSunlightInput, sunlightStudy,
} from '../core/sunlight/index.ts';
import { EXIT_OK, InputError, UsageError, defineCommand, readTextFile } from './command.ts';
import type { CliIo, Command, OptionSpecs, OptionValues } from './command.ts';

const USAGE = `Usage: cli sunlight --buildings <geojson> --points <geojson> [options]

Hours of direct sun at each point over one day, by casting a ray towards the sun (NOAA's solar position)
at each time step against the buildings (footprints extruded from the ground to their height), and
whether each point meets the Korean courts' sunlight criterion (일조권 수인한도): at least 2 continuous
hours between 09:00 and 15:00, or 4 hours in total between 08:00 and 16:00, on the winter solstice, in
true solar time (서울고법 1996. 3. 29. 94나11806; 대법원 2004. 9. 13. 2003다64602).

Options:
  --buildings <file>    Polygon / MultiPolygon features with properties.height in metres (required)
  --points <file>       Point features with an id (feature id or properties.id); optional
                        properties.z: height above the ground to judge at, metres (required)
  --date YYYY-MM-DD     the day (default: this year's December solstice at the points' place)
  --step-min <n>        time step, minutes, a divisor of 60 (default 10); each step is judged at its middle
  --clock solar|local   read the windows in true solar time (default) or standard clock time
  --utc-offset <hours>  standard time's offset from UTC for --clock local (default: the place's
                        standard time: Korea +9, Monaco +1, elsewhere the longitude's nautical zone)
  -h, --help            show this help

Output (stdout, one JSON object): points [{id, hours, longestRunHours, passes, criterion, inside}] —
hours: direct sun 08:00–16:00; longestRunHours: the longest continuous run 09:00–15:00; passes: either
criterion met; criterion: "both", "total", "continuous" or "none"; inside: the point is inside a
building's footprint (no sun) — then date, stepMin, clock, utcOffsetHours, place {lon, lat}, summary
{points, passing, failing, inside}, sun [{time, utc, azimuth, elevation}] (each step's middle; degrees,
azimuth from north clockwise), criterion {totalHours, continuousHours, windows, sources}.
Exit status: 0 done, 1 bad or unreadable file, 2 bad arguments.`;

const OPTIONS = {
  buildings: { type: 'string' },
  points: { type: 'string' },
  date: { type: 'string' },
  'step-min': { type: 'string' },
  clock: { type: 'string' },
  'utc-offset': { type: 'string' },
} as const satisfies OptionSpecs;

interface SunlightArgs {
  readonly buildings: string;
  readonly points: string;
  readonly date: string | undefined;
  readonly stepMin: number;
  readonly clock: SunClock;
  readonly utcOffset: number | undefined;
}

function parse(values: OptionValues<typeof OPTIONS>): SunlightArgs {
  if (values.buildings === undefined) throw new UsageError('missing --buildings <geojson>');
  if (values.points === undefined) throw new UsageError('missing --points <geojson>');
  const date = values.date;
  if (date !== undefined) {
    try {
      dateMs(date);
    } catch {
      throw new UsageError(`--date must be a date YYYY-MM-DD, got '${date}'`);
    }
  }
  const stepText = values['step-min'] ?? '10';
  const stepMin = Number(stepText);
  if (!STEP_CHOICES.includes(stepMin)) throw new UsageError(`--step-min must divide 60 (${STEP_CHOICES.join(', ')}), got '${stepText}'`);
  const clock = values.clock ?? 'solar';
  if (clock !== 'solar' && clock !== 'local') throw new UsageError(`--clock must be solar or local, got '${clock}'`);
  const offsetText = values['utc-offset'];
  const utcOffset = offsetText === undefined ? undefined : Number(offsetText);
  if (utcOffset !== undefined && !(offsetText!.trim() !== '' && Math.abs(utcOffset) <= 14)) throw new UsageError(`--utc-offset must be hours from -14 to 14, got '${offsetText}'`);
  return { buildings: values.buildings, points: values.points, date, stepMin, clock, utcOffset };
}

function readJson(option: string, path: string): unknown {
  const text = readTextFile(option, path);
  try {
    return JSON.parse(text);
  } catch (error) {
    const at = jsonErrorLocation(text, error);
    const where = at.line === undefined ? '' : `:${at.line}:${at.column ?? 1}`;
    throw new InputError(`--${option} file '${path}'${where}: not valid JSON: ${at.message}`);
  }
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000 + 0;
const hhmm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(Math.round(minute % 60)).padStart(2, '0')}`;

function run(args: SunlightArgs, io: CliIo): number {
  const buildings = readJson('buildings', args.buildings);
  const points = readJson('points', args.points);
  let input;
  try {
    input = readSunlightInput(buildings, points, { buildings: `--buildings file '${args.buildings}'`, points: `--points file '${args.points}'` });
  } catch (error) {
    if (error instanceof SunlightInputError) throw new InputError(error.message);
    throw error;
  }
  const { lon0: lon, lat0: lat } = input.frame;
  const utcOffsetHours = args.utcOffset ?? standardUtcOffset(lon, lat);
  const date = args.date ?? seasonDate(new Date().getUTCFullYear(), 'december-solstice', utcOffsetHours);
  const r = sunlightStudy(input.prisms, input.points, { date, stepMin: args.stepMin, clock: args.clock, lon, lat, utcOffsetHours }, input.heights);
  let passing = 0, inside = 0;
  const out = {
    points: input.ids.map((id, i) => {
      const f = r.flags[i]!;
      const passes = (f & (PASSES_TOTAL | PASSES_CONTINUOUS)) !== 0;
      if (passes) passing++;
      if (f & INSIDE_BUILDING) inside++;
      const criterion = f & PASSES_TOTAL ? (f & PASSES_CONTINUOUS ? 'both' : 'total') : f & PASSES_CONTINUOUS ? 'continuous' : 'none';
      return { id, hours: r3(r.hours[i]!), longestRunHours: r3(r.longestRunHours[i]!), passes, criterion, inside: (f & INSIDE_BUILDING) !== 0 };
    }),
    date,
    stepMin: args.stepMin,
    clock: args.clock,
    utcOffsetHours,
    place: { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 },
    summary: { points: input.ids.length, passing, failing: input.ids.length - passing, inside, buildings: input.prisms.count },
    sun: r.samples.map((s) => ({ time: hhmm(s.minute), utc: new Date(Math.round(s.utcMs / 1000) * 1000).toISOString(), azimuth: r3(s.azimuth), elevation: r3(s.elevation) })),
    criterion: {
      totalHours: 4,
      continuousHours: 2,
      windows: { total: '08:00-16:00', continuous: '09:00-15:00' },
      sources: CRITERION_SOURCES,
    },
  };
  io.out(`${JSON.stringify(out)}\n`);
  return EXIT_OK;
}

export const sunlightCommand: Command = defineCommand({
  name: 'sunlight',
  summary: 'hours of direct sun at points over a day and the Korean sunlight criterion (일조 분석)',
  usage: USAGE,
  options: OPTIONS,
  parse,
  run,
});
