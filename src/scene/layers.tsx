// The base-map layers: buildings, roads and green areas, each a ChunkedLayer with its own colours.
import { useEffect, useMemo } from 'react';
import { HeightSource, type PolygonLayerData, type RoadLayerData } from '../core/geo/index.ts';
import type { LayerState } from '../store/index.ts';
import { ChunkedLayer } from './ChunkedLayer.tsx';
import { createFeatureMaterial, hexBytes } from './featureMaterial.ts';
import { AREA_COLOR, BUILDING_COLOR, BUILDING_ESTIMATED_COLOR, GREEN_COLOR, roadColor } from './palette.ts';

type PolygonKind = 'buildings' | 'green' | 'areas';
const FLAT_COLOR: Readonly<Record<Exclude<PolygonKind, 'buildings'>, string>> = { green: GREEN_COLOR, areas: AREA_COLOR };

function usePolygonMaterial(data: PolygonLayerData, kind: PolygonKind) {
  const feature = useMemo(() => {
    const m = createFeatureMaterial('lambert', data.features.count);
    const known = hexBytes(kind === 'buildings' ? BUILDING_COLOR : FLAT_COLOR[kind]);
    const estimated = hexBytes(kind === 'buildings' ? BUILDING_ESTIMATED_COLOR : FLAT_COLOR[kind]);
    for (let i = 0; i < data.features.count; i++) {
      const c = data.features.heightSource[i] === HeightSource.Estimate ? estimated : known;
      m.colors.set(i, c[0], c[1], c[2]);
    }
    m.colors.commit();
    if (kind !== 'buildings') {
      // Flat areas sit under the roads: draw them without fighting the ground for depth.
      m.material.polygonOffset = true;
      m.material.polygonOffsetFactor = -1;
      m.material.polygonOffsetUnits = -1;
    }
    return m;
  }, [data, kind]);
  useEffect(() => () => feature.dispose(), [feature]);
  return feature;
}

function useRoadMaterial(data: RoadLayerData) {
  const feature = useMemo(() => {
    const m = createFeatureMaterial('basic', data.features.count);
    for (let i = 0; i < data.features.count; i++) {
      const [r, g, b] = hexBytes(roadColor(data.features.roadClass[i]!));
      m.colors.set(i, r, g, b);
    }
    m.colors.commit();
    m.material.polygonOffset = true;
    m.material.polygonOffsetFactor = -2;
    m.material.polygonOffsetUnits = -2;
    return m;
  }, [data]);
  useEffect(() => () => feature.dispose(), [feature]);
  return feature;
}

function PolygonLayer({ layer, data, kind }: { layer: LayerState; data: PolygonLayerData; kind: PolygonKind }) {
  const feature = usePolygonMaterial(data, kind);
  return <ChunkedLayer layerId={layer.id} chunks={data.chunks} feature={feature} visible={layer.visible} opacity={layer.opacity} renderOrder={kind === 'buildings' ? 3 : 1} />;
}

function RoadLayer({ layer, data }: { layer: LayerState; data: RoadLayerData }) {
  const feature = useRoadMaterial(data);
  return <ChunkedLayer layerId={layer.id} chunks={data.chunks} feature={feature} visible={layer.visible} opacity={layer.opacity} renderOrder={2} />;
}

export function MapLayer({ layer }: { layer: LayerState }) {
  const d = layer.data;
  if (!d) return null;
  if (d.kind === 'roads') return <RoadLayer layer={layer} data={d.data} />;
  return <PolygonLayer layer={layer} data={d.data} kind={d.kind} />;
}
