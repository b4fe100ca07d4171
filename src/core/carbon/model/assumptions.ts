/**
 * One figure the carbon model used, for the UI's assumptions panel and the CLI output. Every emission
 * factor, energy intensity, rate and expansion factor in use appears in such a list (ARCHITECTURE:
 * "every assumption is visible to the user somewhere in the UI"). The shape is the one of every model
 * (src/core/assumption); the carbon model always states the unit ("1" for a plain ratio).
 */
export type { UnitAssumption as Assumption } from '../../assumption/index.ts';

/** Thrown for bad model inputs (fleet shares not summing to 1, negative factors, …): a clear English message. */
export class CarbonInputError extends Error {
  override name = 'CarbonInputError';
}
