// Traffic worker: a thin comlink adapter over src/core/citytraffic. Builds a city's network and
// demand once, then runs assignments in slices, yielding between slices so a cancel message gets in.
import { expose, transfer } from 'comlink';
import { collectBuffers, copyTyped } from '../src/core/columnar/index.ts';
import { type CityTrafficOptions, buildCityTraffic } from '../src/core/citytraffic/build.ts';
import { TrafficSession, type TrafficIteration, type TrafficRunParams, type TrafficRunResult } from '../src/core/citytraffic/index.ts';
import { type TntpFiles, buildTntpTraffic } from '../src/core/citytraffic/tntp.ts';
import { buildLinkRibbons } from '../src/core/flowviz/index.ts';
import type { LocalFrame } from '../src/core/geo/index.ts';
import { type LayerSource, layerFeatures } from './layerSource.ts';

let session: TrafficSession | undefined;
let cancelRequested = false;

const api = {
  /** Builds network and demand from a roads layer and a buildings layer (with their mappings), in the city's frame. */
  async prepareCity(roadsLayer: LayerSource, buildingsLayer: LayerSource, frame: LocalFrame, options: CityTrafficOptions = {}) {
    const [roads, buildings] = await Promise.all([layerFeatures(roadsLayer), layerFeatures(buildingsLayer)]);
    const city = buildCityTraffic(roads, buildings, frame, options);
    session = new TrafficSession(city.network, city.view, city.demandFor);
    const out = { view: copyTyped(city.view), ribbons: buildLinkRibbons(city.view.polylines) };
    return transfer(out, collectBuffers(out));
  },

  /** Builds the model from a TNTP network, trip table and node coordinates, drawn in the city's frame. */
  async prepareTntp(files: TntpFiles, frame: LocalFrame) {
    const city = buildTntpTraffic(files, frame);
    session = new TrafficSession(city.network, city.view, city.demandFor);
    const out = { view: copyTyped(city.view), ribbons: buildLinkRibbons(city.view.polylines) };
    return transfer(out, collectBuffers(out));
  },

  async run(params: TrafficRunParams, onIteration?: (it: TrafficIteration) => void): Promise<TrafficRunResult> {
    if (!session) throw new Error('no network yet: build the network and demand first');
    cancelRequested = false;
    const result = await session.run(params, async (it) => {
      onIteration?.(it);
      await new Promise((r) => setTimeout(r, 0)); // let a cancel message in
      return !cancelRequested;
    });
    return transfer(result, collectBuffers(result));
  },

  /** Stops a running assignment after its current slice; the solution so far is returned. */
  cancel(): void {
    cancelRequested = true;
  },

  hasCity(): boolean {
    return session !== undefined;
  },
};

export type TrafficApi = typeof api;
expose(api);
