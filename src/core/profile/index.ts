/**
 * City profiles: country-level defaults of the models (grid and gas factors, climate region, default
 * speed limits by road class, trip-generation method, currency), each with its source.
 * Units: t CO2e/MWh of final energy (gas on gross calorific value), km/h.
 */
export { PROFILES, PROFILE_IDS, isProfileId, profileAssumptions, profileAt } from './profiles.ts';
export type { CityProfile, ProfileId, Sourced, TripMethod } from './profiles.ts';
