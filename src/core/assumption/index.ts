/**
 * Assumption: one figure a model used that the user cannot otherwise see — its value, its unit and where
 * it comes from — for the UI's "Assumptions and sources" lists and the CLI's JSON output (ARCHITECTURE:
 * "every assumption is visible to the user somewhere in the UI"). Every model lists its figures in this
 * one shape: carbon, road network and demand, city traffic, hydrogen.
 *
 * Terms:
 *  - key: stable dotted key, e.g. `building.eui.apartment`, `speed.residential` or `bpr.b`;
 *  - value: a number in `unit`, or a text (a method, a list of names);
 *  - unit: the unit of a numeric value ("1" for a plain ratio); left out where there is none to state
 *    (a text, a count). The carbon model always states one (`UnitAssumption`);
 *  - source: publication and table, code file, or "CityTwin assumption: …" with the reason.
 * Plain data: lists of these are printed as they are (CLI JSON), so members are never added for display.
 */
export interface Assumption {
  /** Stable dotted key. */
  readonly key: string;
  readonly value: number | string;
  /** Unit of `value` ("1" for a plain ratio); absent where there is none to state. */
  readonly unit?: string;
  /** Publication and table, code file and revision, or "CityTwin assumption: …" with the reason. */
  readonly source: string;
}

/** An assumption whose unit is always stated (the carbon model's figures, and the hydrogen model's built on them). */
export type UnitAssumption = Assumption & { readonly unit: string };
