/**
 * Scenarios: the one object that holds a planner's choices (schema, versions and migration, content
 * hashes, the edit list with undo of single edits, the coupled pipeline with per-stage caching, KPIs and
 * their differences, share links). Pure TypeScript: runs in node (CLI) and in the viewer.
 * Units are those of the models; see each file's header.
 */
export { CELL_SIZES, CITY_LAYER_ROLES, SCENARIO_FORMAT, SCENARIO_VERSION, ScenarioSchema, checkScenario, issuePath } from './schema.ts';
export type { CityLayerRole, GreenArea, LayerRef, PlacedStation, Scenario, ScenarioCarbon, ScenarioHydrogen, ScenarioIssue, ScenarioTraffic } from './schema.ts';
export { ISSUE_CODES, type IssueCode, UNIQUE_WHATS, VALUE_KINDS, issueText, scenarioIssue } from './issues.ts';
export { BASELINE_CARBON, BASELINE_HYDROGEN, BASELINE_TRAFFIC, DEFAULT_CELL_SIZE_M, DEFAULT_MAX_ITERATIONS, DEFAULT_TARGET_GAP, baselineOf, newScenario } from './defaults.ts';
export { formatIssues, parseScenario, parseScenarioText } from './migrate.ts';
export type { ParsedScenario } from './migrate.ts';
export { HASH_HEX_DIGITS, canonicalJson, createHasher, hashBytes, hashText, hashValue } from './hash.ts';
export { listEdits, removeEdit } from './edits.ts';
export type { EditDomain, ScenarioEdit } from './edits.ts';
export { PipelineCancelled, STAGES, StageCache, carbonStageInput, hydrogenStageInput, runPipeline, trafficStageInput } from './pipeline.ts';
export type { PipelineOptions, PipelineResult, PipelineRunners, StageHooks, StageInfo, StageName } from './pipeline.ts';
export {
  CONGESTED_VC,
  KPI_ROWS,
  ROUTED_ONLY_HYDROGEN_KPIS,
  ROUTED_ONLY_KPIS,
  compareKpis,
  computeKpis,
  congestedLinks,
  diffKpis,
  incomparableKpis,
  kpiValue,
  routedDemandDiffers,
} from './kpis.ts';
export type { KpiComparison, KpiInputs, KpiKey, Kpis } from './kpis.ts';
export { MAX_LINK_CHARS, SHARE_PREFIX, decodeShareFragment, encodeShareFragment } from './share.ts';
export { carbonParams, hydrogenInput, trafficParams } from './apply.ts';
export { CityModels } from './host.ts';
export type { CityInputs, HydrogenStage, TrafficStage } from './host.ts';
export { UTF8_BOM, cellsCsv, cellsGeoJson, districtsCsv, linksCsv, linksGeoJson, stationsCsv, stationsGeoJson } from './export.ts';
export { fitIssues } from './fit.ts';
export type { CitySize } from './fit.ts';
