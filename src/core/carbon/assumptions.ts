/**
 * One figure the carbon model used, for the UI's assumptions panel and the CLI output. Every emission
 * factor, energy intensity, rate and expansion factor in use appears in such a list (ARCHITECTURE:
 * "every assumption is visible to the user somewhere in the UI").
 */
export interface Assumption {
  /** Stable dotted key, e.g. `building.eui.apartment.central` or `transport.curve.car_petrol`. */
  readonly key: string;
  readonly value: number | string;
  /** Unit of `value` ("1" for a plain ratio). */
  readonly unit: string;
  /** Publication and table, or "CityTwin assumption: …" with the reason. */
  readonly source: string;
}

/** Thrown for bad model inputs (fleet shares not summing to 1, negative factors, …): a clear English message. */
export class CarbonInputError extends Error {
  override name = 'CarbonInputError';
}
