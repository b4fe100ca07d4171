// The base-map layers: buildings, roads and green areas, each a ChunkedLayer with its own colours.
import { useEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import { useShallow } from 'zustand/react/shallow';
import { HeightSource, type PackedProperties, type PolygonLayerData, ROAD_CLASSES, type RoadLayerData } from '../core/geo/index.ts';
import type { LayerPart } from '../core/ingest/index.ts';
import { type LayerState, useStore } from '../store/index.ts';
import { ChunkedLayer } from './ChunkedLayer.tsx';
import { PointLayer } from './PointLayer.tsx';
import { type FeatureMaterial, createFeatureMaterial, hexBytes } from './featureMaterial.ts';
import { layerExtrusion, styleColors } from './styleByProperty.ts';
import { AREA_COLOR, BUILDING_COLOR, BUILDING_ESTIMATED_COLOR, GREEN_COLOR, roadColor } from './palette.ts';

/** A layer as the map draws it: its load progress is not drawn here. */
type DrawnLayer = Omit<LayerState, 'progress' | 'phase'>;

type PolygonKind = 'buildings' | 'green' | 'areas';
const FLAT_COLOR: Readonly<Record<Exclude<PolygonKind, 'buildings'>, string>> = { green: GREEN_COLOR, areas: AREA_COLOR };

/**
 * Writes a layer's colours into its feature texture: its style's colours when it is styled by a
 * property, else `base(i)`. Runs again when the style changes; the geometry is never rebuilt.
 */
function useLayerColors(feature: FeatureMaterial, layer: DrawnLayer, properties: PackedProperties, base: (i: number) => readonly [number, number, number]) {
  const invalidate = useThree((s) => s.invalidate);
  const style = layer.style;
  useEffect(() => {
    const n = feature.colors.count;
    // Written straight into the texture's bytes (RGBA per feature): a 300k-building layer's colours are
    // set in the same task that first draws it.
    const out = feature.colors.data;
    if (style) {
      const { colors } = styleColors(properties, style);
      for (let i = 0, o = 0; i < n; i++, o += 4) {
        out[o] = colors[3 * i]!;
        out[o + 1] = colors[3 * i + 1]!;
        out[o + 2] = colors[3 * i + 2]!;
        out[o + 3] = 255;
      }
    } else {
      for (let i = 0, o = 0; i < n; i++, o += 4) {
        const c = base(i);
        out[o] = c[0];
        out[o + 1] = c[1];
        out[o + 2] = c[2];
        out[o + 3] = 255;
      }
    }
    feature.colors.commit();
    invalidate();
  }, [feature, properties, style, base, invalidate]);
}

function usePolygonMaterial(data: PolygonLayerData, kind: PolygonKind) {
  const feature = useMemo(() => {
    const m = createFeatureMaterial('lambert', data.features.count);
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
    m.material.polygonOffset = true;
    m.material.polygonOffsetFactor = -2;
    m.material.polygonOffsetUnits = -2;
    return m;
  }, [data]);
  useEffect(() => () => feature.dispose(), [feature]);
  return feature;
}

/** Per-feature height factors for the layer's extrusion (null: the heights it was built with). */
function useExtrusion(layer: DrawnLayer, data: PolygonLayerData): Float32Array | null {
  const extrude = layer.extrude;
  return useMemo(() => (extrude ? layerExtrusion(data, extrude).factors : null), [extrude, data]);
}

function PolygonLayer({ layer, data, kind, order, visible, pendingKey }: { layer: DrawnLayer; data: PolygonLayerData; kind: PolygonKind; order: number; visible: boolean; pendingKey: string }) {
  const feature = usePolygonMaterial(data, kind);
  const zScale = useExtrusion(layer, data);
  const base = useMemo(() => {
    const known = hexBytes(kind === 'buildings' ? BUILDING_COLOR : FLAT_COLOR[kind]);
    const estimated = hexBytes(kind === 'buildings' ? BUILDING_ESTIMATED_COLOR : FLAT_COLOR[kind]);
    return (i: number) => (data.features.heightSource[i] === HeightSource.Estimate ? estimated : known);
  }, [data, kind]);
  useLayerColors(feature, layer, data.properties, base);
  const selected = useStore((s) => (s.selected?.layerId === layer.id ? s.selected.featureId : -1));
  return (
    <ChunkedLayer
      layerId={layer.id} pendingKey={pendingKey} chunks={data.chunks} feature={feature} visible={visible} opacity={layer.opacity}
      renderOrder={drawOrder(kind === 'buildings' ? 3 : 1, order)} zScale={zScale}
      pinnedChunk={selected >= 0 ? (data.features.chunk[selected] ?? -1) : -1}
    />
  );
}

function RoadLayer({ layer, data, order, visible, pendingKey }: { layer: DrawnLayer; data: RoadLayerData; order: number; visible: boolean; pendingKey: string }) {
  const feature = useRoadMaterial(data);
  const base = useMemo(() => {
    const byClass = ROAD_CLASSES.map((_, c) => hexBytes(roadColor(c)));
    return (i: number) => byClass[data.features.roadClass[i]!]!;
  }, [data]);
  useLayerColors(feature, layer, data.properties, base);
  return <ChunkedLayer layerId={layer.id} pendingKey={pendingKey} chunks={data.chunks} feature={feature} visible={visible} opacity={layer.opacity} renderOrder={drawOrder(2, order)} />;
}

/**
 * Render order: flat areas first, then roads, then buildings, then markers (so transparent things blend
 * over what is under them); within a group, the user's order in the layer list (later is drawn over).
 */
export function drawOrder(group: number, order: number): number {
  return group * 1000 + order;
}

/** One kind of a layer's features: its main kind or a sub-layer, each with its own colours. */
function PartLayer({ layer, part, order, visible, pendingKey }: { layer: DrawnLayer; part: LayerPart; order: number; visible: boolean; pendingKey: string }) {
  if (part.kind === 'roads') return <RoadLayer layer={layer} data={part.data} order={order} visible={visible} pendingKey={pendingKey} />;
  if (part.kind === 'points') return <PointLayer layer={layer} data={part.data} renderOrder={drawOrder(6, order)} visible={visible} />;
  return <PolygonLayer layer={layer} data={part.data} kind={part.kind} order={order} visible={visible} pendingKey={pendingKey} />;
}

/**
 * One layer of the map, layer `id` of the store; `order` is its place in the layer list (0 at the bottom).
 * A file of several geometry kinds draws each kind as a sub-layer (the same feature numbers, so picking
 * and selection work across them), shown with the layer and each hidden on its own through `hiddenParts`.
 * The layer's load progress is left out of what it subscribes to: a reload's progress ticks do not redraw it.
 */
export function MapLayer({ id, order }: { id: string; order: number }) {
  const layer = useStore(
    useShallow((s): DrawnLayer | null => {
      const l = s.layers.find((x) => x.id === id);
      if (!l) return null;
      const { progress: _progress, phase: _phase, ...drawn } = l;
      return drawn;
    }),
  );
  const d = layer?.data;
  if (!layer || !d) return null;
  const parts: readonly LayerPart[] = d.parts ? [d, ...d.parts] : [d];
  return (
    <>
      {parts.map((p, k) => (
        <PartLayer
          key={p.kind} layer={layer} part={p} order={order}
          visible={layer.visible && !(layer.hiddenParts ?? []).includes(p.kind)}
          pendingKey={k === 0 ? layer.id : `${layer.id}#${p.kind}`}
        />
      ))}
    </>
  );
}
