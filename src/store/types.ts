// Shapes held in the store. Layer data are the worker's typed arrays, held by reference, never copied.
import type { Problem } from '../core/language/problem.ts';
import type { ProfileId } from '../core/profile/index.ts';
import type { IngestPhase, IngestedLayer, LayerKind } from '../core/ingest/index.ts';
import type { ColumnarGeometry } from '../core/columnar/index.ts';
import type { TrafficEdits, TrafficIteration, TrafficNetworkView, TrafficRunParams, TrafficRunResult } from '../core/traffic/session/index.ts';
import type { SegmentIndex } from '../core/traffic/viz/index.ts';
import type { CarbonParams, CarbonRun } from '../core/carbon/session/index.ts';
import type { LandCover } from '../core/carbon/model/index.ts';
import type { CarbonFileInfo, ImportedCarbonLayer } from '../core/carbon/session/imported.ts';
import type { CrsCode } from '../core/crs/index.ts';
import type { InputMapping, InputRole } from '../core/layerinput/index.ts';
import type { TntpFiles } from '../core/traffic/session/openTntp.ts';
import type { Extrusion, LayerStyle, PointSizing as PointSize } from '../core/attributes/index.ts';
import type { LocalFrame } from '../core/geo/index.ts';
import type { Language, MessageKey, MessageParams } from '../core/language/index.ts';
import type { TilesSlice } from './tiles.ts';
import type { HydrogenSlice } from './hydrogen.ts';
import type { SunSlice } from './sun.ts';
import type { ScenarioInternals, ScenarioSlice } from './scenario.ts';
import type { CitySlice } from './city.ts';
import type { BasemapSlice } from './basemap.ts';

export type LayerStatus = 'loading' | 'ready' | 'error';

export interface LayerState {
  readonly id: string;
  readonly kind: LayerKind;
  /** A catalog key for built-in layers, or a plain name (a file name) for loaded ones. */
  readonly name: { readonly key: MessageKey } | { readonly text: string };
  /** Where it came from (URL or file name), for retry and display. */
  readonly source: string;
  readonly status: LayerStatus;
  /** 0..1 while loading. */
  readonly progress: number;
  readonly phase?: IngestPhase;
  /** Why the last load failed, in English (logs, tests); `errorProblem` says it in the UI's language. */
  readonly error?: string;
  readonly errorProblem?: Problem;
  readonly visible: boolean;
  readonly opacity: number;
  readonly data?: IngestedLayer;
  /** Attribution that must be shown while the layer is visible. */
  readonly attribution?: 'osm';
  /** Colour by a property instead of the layer's default colours. */
  readonly style?: LayerStyle;
  /** Heights from a property (times a scale) or one constant, instead of the file's heights (3D layers). */
  readonly extrude?: Extrusion;
  /** Point markers sized by a property (area proportional to the value). */
  readonly pointSize?: PointSize;
  /** The loaded file's name (it tells the format of a blob URL); kept when the layer is renamed. */
  readonly fileName?: string;
  /** Kinds of a layer with sub-layers (the main kind or a part's) hidden on their own while the layer shows. */
  readonly hiddenParts?: readonly LayerKind[];
}

export interface InputsSlice {
  /** The layer and mapping chosen for each model input; roles not listed use the default layers. */
  inputs: Partial<Record<InputRole, { readonly layerId: string; readonly mapping: InputMapping }>>;
  setInput(layerId: string, mapping: InputMapping): void;
  clearInput(role: InputRole): void;
  /** The layer whose model-input mapping panel is open. */
  mappingLayer: string | null;
  openMapping(layerId: string | null): void;
}

export type { Extrusion, PointSizing as PointSize } from '../core/attributes/index.ts';

export interface FeatureRef {
  readonly layerId: string;
  readonly featureId: number;
}

export interface Notice {
  readonly id: number;
  readonly level: 'error' | 'info';
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export interface Job {
  readonly id: string;
  readonly key: MessageKey;
  readonly params?: MessageParams;
  readonly progress: number;
  readonly phase?: IngestPhase;
}

export interface LayersSlice {
  layers: LayerState[];
  /** The local frame every layer is drawn in (set by the first layer loaded). */
  frame: LocalFrame | null;
  upsertLayer(layer: LayerState): void;
  patchLayer(id: string, patch: Partial<LayerState>): void;
  setVisible(id: string, visible: boolean): void;
  /** Shows or hides one kind of a layer with sub-layers (points, lines, polygons), the rest staying as they are. */
  setPartVisible(id: string, kind: LayerKind, visible: boolean): void;
  setOpacity(id: string, opacity: number): void;
  setLayerStyle(id: string, style: LayerStyle | null): void;
  setExtrusion(id: string, extrude: Extrusion | null): void;
  setPointSize(id: string, size: PointSize | null): void;
  /** Gives a layer a name of the user's own (a blank name is ignored). */
  renameLayer(id: string, name: string): void;
  /** Moves a layer one step up (+1: drawn later, listed higher) or down (-1) in the drawing order. */
  moveLayer(id: string, step: 1 | -1): void;
  /** The layer whose attribute table is open. */
  tableLayer: string | null;
  openTable(id: string | null): void;
  removeLayer(id: string): void;
  setFrame(frame: LocalFrame): void;
  clearFrame(): void;
}

export interface SelectionSlice {
  hovered: FeatureRef | null;
  selected: FeatureRef | null;
  setHovered(ref: FeatureRef | null): void;
  select(ref: FeatureRef | null): void;
}

export interface UiSlice {
  language: Language;
  notices: Notice[];
  /** Layer whose skipped-feature list is open. */
  skippedOpen: string | null;
  /** Far level of detail: 'adaptive' leaves out buildings under 1.5 px, 'full' draws every one (src/scene/detail.ts). */
  farDetail: 'adaptive' | 'full';
  setFarDetail(mode: 'adaptive' | 'full'): void;
  setLanguage(lang: Language): void;
  notify(level: Notice['level'], key: MessageKey, params?: MessageParams): void;
  dismiss(id: number): void;
  /** Removes the notices of these keys (a later success answers them). */
  dismissKeys(keys: readonly MessageKey[]): void;
  openSkipped(layerId: string | null): void;
}

export interface JobsSlice {
  jobs: Job[];
  startJob(job: Job): void;
  updateJob(id: string, patch: Partial<Job>): void;
  endJob(id: string): void;
}

export interface IngestSlice {
  /** Loads a GeoJSON URL as a layer in the ingest worker; resolves when done (or failed). */
  loadLayer(spec: { id: string; kind: LayerKind; url: string; name: LayerState['name']; attribution?: 'osm' }): Promise<void>;
  /** Loads the embedded default city (Monaco): buildings, then roads and green areas in its frame. */
  loadDefaultCity(): Promise<void>;
  /**
   * Loads a researcher's GeoJSON (URL or blob URL) as a new layer: kind from its geometry, CRS declared,
   * chosen or inferred. A layer far from the current city (over 100 km) opens as a new city instead.
   */
  loadUserLayer(spec: { name: string; url: string; crs?: CrsCode | 'auto' }): Promise<void>;
  /** Loads a seeded synthetic city of `buildings` buildings (benchmarks, demos) as the buildings layer. */
  loadSynthetic(buildings: number, seed?: number): Promise<void>;
  /** A layer's drawn features as RFC 7946 GeoJSON bytes (read again from its file in the worker); null on failure (noticed). */
  exportLayer(id: string): Promise<Uint8Array | null>;
  /** Loads a user's polygon layer again as another kind (flat areas ⇄ extruded buildings), in place. */
  reloadLayerAs(id: string, kind: 'buildings' | 'areas'): Promise<void>;
  cancelJob(id: string): void;
}

export interface TrafficState {
  readonly status: 'idle' | 'preparing' | 'ready' | 'running' | 'error';
  readonly view: TrafficNetworkView | null;
  readonly ribbons: ColumnarGeometry[] | null;
  readonly index: SegmentIndex | null;
  readonly result: TrafficRunResult | null;
  /** The run scenarios are compared with (the first run, until the user keeps another). */
  readonly baseline: TrafficRunResult | null;
  readonly progress: TrafficIteration | null;
  /** 'no-roads' or a worker's message. */
  readonly error: string | null;
  /** The error in either language, when the worker's error said what is wrong with a file. */
  readonly errorProblem: Problem | null;
  readonly demandScale: number;
  readonly targetGap: number;
  readonly edits: TrafficEdits;
  /** Per-zone multipliers of trips produced and attracted (zones not listed keep 1). */
  readonly zoneFactors: readonly { readonly zone: number; readonly factor: number }[];
  readonly showFlows: boolean;
  readonly showVehicles: boolean;
  readonly vehiclesPaused: boolean;
  /** The TNTP network file the model was opened from (null: built from the map's layers). */
  readonly tntp?: string | null;
}

export interface TrafficSlice {
  traffic: TrafficState;
  prepareTraffic(): Promise<void>;
  runTraffic(): Promise<void>;
  /** Runs an assignment with these parameters (building the network first if needed) and returns it; the shown result is not changed. */
  computeTraffic(params: TrafficRunParams, onProgress?: (it: TrafficIteration) => void, signal?: AbortSignal): Promise<TrafficRunResult>;
  cancelTraffic(): void;
  setDemandScale(scale: number): void;
  setTargetGap(gap: number): void;
  closeLink(link: number): void;
  reopenLink(link: number): void;
  setLinkLanes(link: number, lanes: number): void;
  setZoneFactor(zone: number, factor: number): void;
  resetEdits(): void;
  keepAsBaseline(): void;
  setTrafficDisplay(p: Partial<Pick<TrafficState, 'showFlows' | 'showVehicles' | 'vehiclesPaused'>>): void;
  /** Forgets the network, results and edits (the city changed). */
  resetTraffic(): void;
  /** Opens a TNTP network (net, trips, node coordinates) as the traffic model; far away, as a new city. */
  openTntp(files: TntpFiles): Promise<void>;
}

export interface CarbonState {
  readonly status: 'idle' | 'preparing' | 'running' | 'ready' | 'error';
  /** The worker has read the city's layers. */
  readonly prepared: boolean;
  readonly districtNames: readonly string[];
  /** The city profile the planner chose; null: the profile of the country the city lies in (cityProfileOf). */
  readonly profile: ProfileId | null;
  readonly params: CarbonParams;
  readonly result: CarbonRun | null;
  /** Computed on the same grid with no what-ifs (and the traffic baseline), for differences. */
  readonly baseline: CarbonRun | null;
  readonly display: 'columns' | 'flat';
  readonly show: 'scenario' | 'difference';
  readonly visible: boolean;
  /** 'no-buildings' or a worker's message. */
  readonly error: string | null;
  /** A carbon-map file chosen for import: its text, and what it offers (value properties, CRS). */
  readonly importFile: { readonly name: string; readonly text: string; readonly info: CarbonFileInfo } | null;
  readonly importProperty: string | null;
  /** 'auto': the file's declared CRS, else the inferred one. */
  readonly importCrs: CrsCode | 'auto';
  readonly imported: (ImportedCarbonLayer & { readonly name: string }) | null;
  readonly importVisible: boolean;
  /**
   * Why the file could not be read or shown (with its line where there is one): in English, and as a
   * problem the UI says in its own language when the reader gave one.
   */
  readonly importError: { readonly file: string; readonly message: string; readonly problem?: Problem } | null;
  /** A green area being drawn on the map: its points so far (local metres) and land cover. */
  readonly drawing: { readonly points: readonly number[]; readonly cover: LandCover } | null;
}

export interface CarbonSlice {
  carbon: CarbonState;
  runCarbon(): Promise<void>;
  /** Computes a carbon map for these parameters (and assigned traffic); the shown result is not changed. */
  computeCarbon(params: CarbonParams, traffic: TrafficRunResult | null): Promise<CarbonRun>;
  setCarbonParams(p: Partial<CarbonParams>): void;
  /** Chooses the city profile (null: by location); the traffic network and the maps are computed again under it. */
  setCityProfile(profile: ProfileId | null): void;
  setCarbonDisplay(p: Partial<Pick<CarbonState, 'display' | 'show' | 'visible'>>): void;
  keepCarbonBaseline(): void;
  resetCarbon(): void;
  startDrawing(cover: LandCover): void;
  addDrawingPoint(x: number, y: number): void;
  undoDrawingPoint(): void;
  /** Closes the drawn polygon (at least 3 points) and adds it to the scenario's new green areas. */
  finishDrawing(): void;
  cancelDrawing(): void;
  removeExtraGreen(index: number): void;
  chooseCarbonFile(name: string, text: string): Promise<void>;
  setImportChoice(p: { property?: string; crs?: CrsCode | 'auto' }): void;
  showImportedCarbon(): Promise<void>;
  removeImportedCarbon(): void;
  setImportVisible(visible: boolean): void;
}

export type AppState = LayersSlice & SelectionSlice & UiSlice & JobsSlice & IngestSlice & TrafficSlice & CarbonSlice & InputsSlice & TilesSlice & HydrogenSlice & ScenarioSlice & ScenarioInternals & CitySlice & BasemapSlice & SunSlice;
