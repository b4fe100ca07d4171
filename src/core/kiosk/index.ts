/**
 * Kiosk mode for unattended testbed screens: the kiosk file's format and schema (valibot), the attract
 * loop's timing, easing and camera interpolation, and watchdog arithmetic (back-off, memory trend). Pure
 * TypeScript; seconds, metres and degrees (see each file's header).
 */
export { KIOSK_CITIES, KIOSK_FORMAT, KIOSK_VERSION, KioskSchema, parseKiosk, parseKioskText } from './schema.ts';
export type { KioskCity, KioskFile, KioskIssue, PlaylistItem, Viewpoint } from './schema.ts';
export { LOOP_START, advance, attractDue, bearingDelta, easeInOut, frameAt, interpolateView, languageAt, playlistItemAt, tourSeconds } from './loop.ts';
export type { LocalView, LoopFrame, LoopPosition } from './loop.ts';
export { backoffMs, memoryVerdict, slope } from './watchdog.ts';
export type { MemoryLimits, MemorySample } from './watchdog.ts';
