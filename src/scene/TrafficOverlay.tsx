// Traffic results in the 3D view: coloured, widened links and moving vehicles, from the store.
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useShallow } from 'zustand/react/shallow';
import { vehicleInstances } from '../core/traffic/viz/index.ts';
import { useStore } from '../store/index.ts';
import { TRAFFIC_Z, TrafficLayer } from './TrafficLayer.tsx';
import { Vehicles } from './Vehicles.tsx';
import { CLOSED_CSS, closedMarks, trafficDiffStyle, trafficStyle } from './trafficStyle.ts';
import type { Polylines } from '../core/traffic/viz/index.ts';

/** A cross over each closed link, so closed reads apart from congested without colour (see the legend). */
function ClosedMarks({ polylines, closed, visible }: { polylines: Polylines; closed: readonly number[]; visible: boolean }) {
  const geometry = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(closedMarks(polylines, closed, TRAFFIC_Z + 0.4), 3));
    return g;
  }, [polylines, closed]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const material = useMemo(() => new THREE.MeshBasicMaterial({ color: CLOSED_CSS, side: THREE.DoubleSide, polygonOffset: true, polygonOffsetFactor: -6, polygonOffsetUnits: -6 }), []);
  useEffect(() => () => material.dispose(), [material]);
  if (closed.length === 0) return null;
  return <mesh geometry={geometry} material={material} renderOrder={5} visible={visible} raycast={() => null} />;
}
import type { TrafficRunResult } from '../core/traffic/session/index.ts';

/**
 * The traffic layer: the shown result (by V/C), or `result` given (a side of the split view), or the
 * difference B − A in flow when `diff` gives both sides. Vehicles move only on the shown result.
 */
export function TrafficOverlay({ result, diff }: { result?: TrafficRunResult; diff?: { a: TrafficRunResult; b: TrafficRunResult; measure: 'flow' | 'vc' } } = {}) {
  // The fields drawn; a progress tick of a running assignment changes none of them.
  const t = useStore(
    useShallow((s) => ({
      view: s.traffic.view,
      result: s.traffic.result,
      closed: s.traffic.edits.closed,
      ribbons: s.traffic.ribbons,
      index: s.traffic.index,
      showFlows: s.traffic.showFlows,
      showVehicles: s.traffic.showVehicles,
      vehiclesPaused: s.traffic.vehiclesPaused,
    })),
  );
  const view = t.view;
  const shown = result ?? t.result;
  const closed = result || diff ? (diff?.b ?? result)!.params.edits.closed : t.closed;
  const style = useMemo(
    () => (view ? (diff ? trafficDiffStyle(view.linkCount, view.isConnector, closed, diff.a, diff.b, diff.measure) : trafficStyle(view.linkCount, view.isConnector, closed, shown)) : null),
    [view, closed, shown, diff],
  );
  const vehicles = useMemo(() => {
    if (!view || !t.result || result || diff) return null;
    const flows = t.result.flows.slice();
    const timesS = new Float64Array(view.linkCount);
    for (let l = 0; l < view.linkCount; l++) {
      if (view.isConnector[l]) flows[l] = 0;
      timesS[l] = t.result.timesMin[l]! * 60;
    }
    return vehicleInstances(view.polylines, flows, timesS, { maxInstances: 15000 });
  }, [view, t.result]);
  const bounds = useMemo((): readonly [number, number, number, number] | null => {
    if (!t.ribbons || t.ribbons.length === 0) return null;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const c of t.ribbons) {
      x0 = Math.min(x0, c.bounds[0]);
      y0 = Math.min(y0, c.bounds[1]);
      x1 = Math.max(x1, c.bounds[3]);
      y1 = Math.max(y1, c.bounds[4]);
    }
    return [x0, y0, x1, y1];
  }, [t.ribbons]);
  if (!view || !t.ribbons || !t.index || !style || !bounds) return null;
  return (
    <>
      <TrafficLayer
        layerId="traffic"
        chunks={t.ribbons}
        index={t.index}
        linkCount={view.linkCount}
        colors={style.colors}
        widths={style.widths}
        bounds={bounds}
        visible={t.showFlows}
        opacity={1}
      />
      <ClosedMarks polylines={view.polylines} closed={closed} visible={t.showFlows} />
      {vehicles ? <Vehicles vehicles={vehicles} paused={t.vehiclesPaused} visible={t.showVehicles && t.showFlows} /> : null}
    </>
  );
}
