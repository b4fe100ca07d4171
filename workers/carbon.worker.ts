// Carbon worker: a thin comlink adapter over src/core/citycarbon. Reads the city's layers once, then
// computes the carbon map for each scenario and hands the grid back by transfer.
import { expose, transfer } from 'comlink';
import { type CarbonParams, type CarbonRun, CarbonSession, type TrafficForCarbon } from '../src/core/citycarbon/index.ts';
import { collectBuffers } from '../src/core/columnar/index.ts';
import { type CarbonFileFormat, type CarbonFileInfo, type ImportedCarbonLayer, importCarbonLayer, inspectCarbonFile } from '../src/core/citycarbon/imported.ts';
import type { CrsCode } from '../src/core/crs/index.ts';
import { type LocalFrame, propertiesOf, propertyText } from '../src/core/geo/index.ts';
import { type LayerSource, layerFeatures } from './layerSource.ts';

let session: CarbonSession | undefined;

const api = {
  /**
   * Reads buildings, roads, green areas and districts (layers with their mappings; roads, green and
   * districts optional). Districts are the file's administrative boundaries when it has any, else all its polygons.
   */
  async prepare(frame: LocalFrame, layers: { buildings: LayerSource; roads?: LayerSource; green?: LayerSource; districts?: LayerSource }) {
    const [buildings, roads, green, admin] = await Promise.all([
      layerFeatures(layers.buildings),
      layers.roads ? layerFeatures(layers.roads) : undefined,
      layers.green ? layerFeatures(layers.green) : undefined,
      layers.districts ? layerFeatures(layers.districts) : undefined,
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
