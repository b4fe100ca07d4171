// Model host: one worker for the traffic and carbon models of the city, so each of the city's layers is
// fetched and parsed once for both (a thin comlink adapter over src/core/traffic/session and citycarbon).
// Parsed layers are kept while the models are being prepared and let go a little after, so a big city's
// features do not stay in memory once the models hold their own tables.
import { expose, transfer } from 'comlink';
import { answerHeartbeats } from './heartbeat.ts';
import { sendProblems } from './problems.ts';
import { collectBuffers, copyTyped } from '../src/core/columnar/index.ts';
import { type CityTrafficOptions, buildCityTraffic } from '../src/core/traffic/session/build.ts';
import { TrafficSession, type TrafficIteration, type TrafficRunParams, type TrafficRunResult } from '../src/core/traffic/session/index.ts';
import { type TntpFile, type TntpFiles, type TntpRead, buildTntpTraffic, readTntp, tntpFrame } from '../src/core/traffic/session/openTntp.ts';
import { type CarbonParams, type CarbonRun, CarbonSession, type TrafficForCarbon } from '../src/core/carbon/session/index.ts';
import { type CarbonFileFormat, type CarbonFileInfo, type ImportedCarbonLayer, importCarbonLayer, inspectCarbonFile } from '../src/core/carbon/session/imported.ts';
import type { CrsCode } from '../src/core/crs/index.ts';
import { buildLinkRibbons } from '../src/core/traffic/viz/index.ts';
import { type LocalFrame, districtLabel, propertiesOf } from '../src/core/geo/index.ts';
import { type LayerSource, layerFeatures } from './layerSource.ts';

/** How long parsed layers are kept after their last use, ms (the other model usually asks within seconds). */
const KEEP_PARSED_MS = 60_000;

const parsed = new Map<string, Promise<unknown[]>>();
let forget: ReturnType<typeof setTimeout> | undefined;

/** A layer's features, fetched and parsed once while the models are being prepared. */
function readLayer(source: LayerSource): Promise<unknown[]> {
  const key = JSON.stringify(source);
  let p = parsed.get(key);
  if (!p) {
    p = layerFeatures(source);
    parsed.set(key, p);
    p.catch(() => parsed.delete(key)); // a failed read is tried again next time
  }
  clearTimeout(forget);
  forget = setTimeout(() => parsed.clear(), KEEP_PARSED_MS);
  return p;
}

let traffic: TrafficSession | undefined;
let cancelRequested = false;
let carbon: CarbonSession | undefined;
/** The TNTP network checkTntp read, for the prepareTntp call that follows. */
let tntpChecked: { key: string; read: TntpRead } | undefined;

/** Which files (names and sizes): what checkTntp read, or what prepareTntp asks for. */
function tntpKey(files: TntpFiles): string {
  const file = (f: TntpFile): string => `${f.name}:${f.bytes.byteLength}`;
  return [file(files.net), file(files.trips), file(files.nodes)].join('|');
}

const api = {
  /** Builds network and demand from a roads layer and a buildings layer (with their mappings), in the city's frame. */
  async prepareCity(roadsLayer: LayerSource, buildingsLayer: LayerSource, frame: LocalFrame, options: CityTrafficOptions = {}) {
    const [roads, buildings] = await Promise.all([readLayer(roadsLayer), readLayer(buildingsLayer)]);
    const city = buildCityTraffic(roads, buildings, frame, options);
    traffic = new TrafficSession(city.network, city.view, city.demandFor);
    const out = { view: copyTyped(city.view), ribbons: buildLinkRibbons(city.view.polylines) };
    return transfer(out, collectBuffers(out));
  },

  /**
   * Reads and checks a TNTP network (all three files, in full) and returns the frame centred on its nodes'
   * lon/lat box, before the page changes anything: a file that fails is named here, while the city that
   * is open stays as it was. What was read is kept for the prepareTntp call that follows.
   */
  checkTntp(files: TntpFiles): LocalFrame {
    tntpChecked = undefined;
    const read = readTntp(files);
    tntpChecked = { key: tntpKey(files), read };
    return tntpFrame(read);
  },

  /** Builds the traffic model from a TNTP network, trip table and node coordinates, drawn in the city's frame. */
  async prepareTntp(files: TntpFiles, frame: LocalFrame) {
    const checked = tntpChecked;
    tntpChecked = undefined;
    const city = buildTntpTraffic(checked !== undefined && checked.key === tntpKey(files) ? checked.read : readTntp(files), frame);
    traffic = new TrafficSession(city.network, city.view, city.demandFor);
    const out = { view: copyTyped(city.view), ribbons: buildLinkRibbons(city.view.polylines) };
    return transfer(out, collectBuffers(out));
  },

  /** Runs an assignment in slices, yielding between slices so a cancel message gets in. */
  async runTraffic(params: TrafficRunParams, onIteration?: (it: TrafficIteration) => void): Promise<TrafficRunResult> {
    if (!traffic) throw new Error('no network yet: build the network and demand first');
    cancelRequested = false;
    const result = await traffic.run(params, async (it) => {
      onIteration?.(it);
      await new Promise((r) => setTimeout(r, 0));
      return !cancelRequested;
    });
    return transfer(result, collectBuffers(result));
  },

  /** Stops a running assignment after its current slice; the solution so far is returned. */
  cancelTraffic(): void {
    cancelRequested = true;
  },

  /**
   * Reads buildings, roads, green areas and districts for the carbon map (roads, green and districts
   * optional). Districts are the file's administrative boundaries when it has any, else all its polygons.
   */
  async prepareCarbon(frame: LocalFrame, layers: { buildings: LayerSource; roads?: LayerSource; green?: LayerSource; districts?: LayerSource }) {
    const [buildings, roads, green, admin] = await Promise.all([
      readLayer(layers.buildings),
      layers.roads ? readLayer(layers.roads) : undefined,
      layers.green ? readLayer(layers.green) : undefined,
      layers.districts ? readLayer(layers.districts) : undefined,
    ]);
    const administrative = admin?.filter((f) => propertiesOf(f)['boundary'] === 'administrative');
    const districts = administrative && administrative.length > 0 ? administrative : admin;
    carbon = new CarbonSession(frame, { buildings, ...(roads ? { roads } : {}), ...(green ? { green } : {}), ...(districts ? { districts } : {}) });
    return {
      districtNames: (districts ?? []).map(districtLabel),
      skipped: carbon.skipped,
    };
  },

  async runCarbon(params: CarbonParams, assigned?: TrafficForCarbon): Promise<CarbonRun> {
    if (!carbon) throw new Error('no city read yet');
    const result = carbon.run(params, assigned);
    return transfer(result, collectBuffers(result));
  },

  /** The value properties (or CSV columns) of someone else's carbon map, and how its CRS reads. */
  async inspectCarbonFile(text: string, format: CarbonFileFormat): Promise<CarbonFileInfo> {
    return inspectCarbonFile(text, format);
  },

  /** Someone else's carbon map as a drawable layer in the city's frame. */
  async importCarbonFile(text: string, format: CarbonFileFormat, property: string, crs: CrsCode | undefined, frame: LocalFrame): Promise<ImportedCarbonLayer> {
    const layer = importCarbonLayer(text, format, property, crs, frame);
    return transfer(layer, collectBuffers(layer));
  },

  /** How many layer reads are held (tests: the city is parsed once for both models). */
  parsedLayers(): number {
    return parsed.size;
  },
};

export type ModelsApi = typeof api;
answerHeartbeats();
sendProblems();
expose(api);
