// Someone else's carbon map, styled like ours: polygons as flat tiles coloured on the same diverging
// scale (one texel per feature), points as value columns.
import { useEffect, useMemo } from 'react';
import { useStore } from '../store/index.ts';
import { ChunkedLayer } from './ChunkedLayer.tsx';
import { ValueColumns } from './ValueColumns.tsx';
import { carbonColor, maxAbsOf } from './carbonStyle.ts';
import { createFeatureMaterial, hexBytes } from './featureMaterial.ts';
import { cssBytes } from './trafficStyle.ts';

export const IMPORTED_LAYER_ID = 'carbon-import';

function finiteMaxAbs(values: Float64Array): number {
  return maxAbsOf(values.map((v) => (Number.isFinite(v) ? v : 0)));
}

function ImportedPolygons() {
  const imported = useStore((s) => s.carbon.imported);
  const visible = useStore((s) => s.carbon.importVisible && s.carbon.visible);
  const polygons = imported?.polygons;
  const feature = useMemo(() => {
    if (!polygons) return null;
    const { layer, values } = polygons;
    const m = createFeatureMaterial('lambert', layer.features.count);
    const maxAbs = finiteMaxAbs(values);
    const grey = hexBytes('#9aa0a6');
    for (let i = 0; i < layer.features.count; i++) {
      const v = values[i]!;
      const [r, g, b] = Number.isFinite(v) ? cssBytes(carbonColor(v, maxAbs)) : grey;
      m.colors.set(i, r, g, b);
    }
    m.colors.commit();
    m.material.polygonOffset = true;
    m.material.polygonOffsetFactor = -3;
    m.material.polygonOffsetUnits = -3;
    return m;
  }, [polygons]);
  useEffect(() => () => feature?.dispose(), [feature]);
  if (!polygons || !feature) return null;
  return <ChunkedLayer layerId={IMPORTED_LAYER_ID} chunks={polygons.layer.chunks} feature={feature} visible={visible} opacity={0.85} renderOrder={5} />;
}

function ImportedPoints() {
  const imported = useStore((s) => s.carbon.imported);
  const display = useStore((s) => s.carbon.display);
  const visible = useStore((s) => s.carbon.importVisible && s.carbon.visible);
  const points = imported?.points;
  const data = useMemo(() => {
    if (!points) return null;
    const n = points.x.length;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, points.x[i]!);
      y0 = Math.min(y0, points.y[i]!);
      x1 = Math.max(x1, points.x[i]!);
      y1 = Math.max(y1, points.y[i]!);
    }
    // Points have no footprint: give each the side of an even share of their bounding box.
    const size = Math.max(5, 0.8 * Math.sqrt(((x1 - x0) * (y1 - y0)) / Math.max(n, 1)));
    return { xs: points.x, ys: points.y, values: points.values, ids: Int32Array.from({ length: n }, (_, i) => i), maxAbs: finiteMaxAbs(points.values), size };
  }, [points]);
  if (!data) return null;
  return <ValueColumns layerId={IMPORTED_LAYER_ID} {...data} display={display} visible={visible} />;
}

export function ImportedCarbonLayer() {
  return (
    <>
      <ImportedPolygons />
      <ImportedPoints />
    </>
  );
}
