// Carbon worker: a thin comlink adapter over src/core/citycarbon. Reads the city's layers once, then
// computes the carbon map for each scenario and hands the grid back by transfer.
import { expose, transfer } from 'comlink';
import { type CarbonParams, type CarbonRun, CarbonSession, type TrafficForCarbon } from '../src/core/citycarbon/index.ts';
import { collectBuffers } from '../src/core/columnar/index.ts';
import { type CarbonFileFormat, type CarbonFileInfo, type ImportedCarbonLayer, importCarbonLayer, inspectCarbonFile } from '../src/core/citycarbon/imported.ts';
import type { CrsCode } from '../src/core/crs/index.ts';
import { type LocalFrame, parseGeoJson, propertiesOf, propertyText } from '../src/core/geo/index.ts';

let session: CarbonSession | undefined;

async function featuresOf(url: string): Promise<readonly unknown[]> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status}`);
  return parseGeoJson(await res.text()).features;
}

const api = {
  /**
   * Reads buildings, roads, green areas and districts (URLs; roads, green and districts optional).
   * Districts are the file's administrative boundaries when it has any, else all its polygons.
   */
  async prepare(frame: LocalFrame, urls: { buildings: string; roads?: string; green?: string; districts?: string }) {
    const [buildings, roads, green, admin] = await Promise.all([
      featuresOf(urls.buildings),
      urls.roads ? featuresOf(urls.roads) : undefined,
      urls.green ? featuresOf(urls.green) : undefined,
      urls.districts ? featuresOf(urls.districts) : undefined,
    ]);
    const administrative = admin?.filter((f) => propertiesOf(f)['boundary'] === 'administrative');
    const districts = administrative && administrative.length > 0 ? administrative : admin;
    session = new CarbonSession(frame, { buildings, ...(roads ? { roads } : {}), ...(green ? { green } : {}), ...(districts ? { districts } : {}) });
    return {
      districtNames: (districts ?? []).map((f, i) => propertyText(propertiesOf(f)['name']) || `#${i + 1}`),
      skipped: session.skipped,
    };
  },

  /** The value properties (or CSV columns) of someone else's carbon map, and how its CRS reads. */
  async inspectFile(text: string, format: CarbonFileFormat): Promise<CarbonFileInfo> {
    return inspectCarbonFile(text, format);
  },

  /** Someone else's carbon map as a drawable layer in the city's frame. */
  async importFile(text: string, format: CarbonFileFormat, property: string, crs: CrsCode | undefined, frame: LocalFrame): Promise<ImportedCarbonLayer> {
    const layer = importCarbonLayer(text, format, property, crs, frame);
    return transfer(layer, collectBuffers(layer));
  },

  async run(params: CarbonParams, traffic?: TrafficForCarbon): Promise<CarbonRun> {
    if (!session) throw new Error('no city read yet');
    const result = session.run(params, traffic);
    return transfer(result, collectBuffers(result));
  },
};

export type CarbonApi = typeof api;
expose(api);
