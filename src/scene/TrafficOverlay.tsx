// Traffic results in the 3D view: coloured, widened links and moving vehicles, from the store.
import { useMemo } from 'react';
import { vehicleInstances } from '../core/flowviz/index.ts';
import { useStore } from '../store/index.ts';
import { TrafficLayer } from './TrafficLayer.tsx';
import { Vehicles } from './Vehicles.tsx';
import { trafficStyle } from './trafficStyle.ts';

export function TrafficOverlay() {
  const t = useStore((s) => s.traffic);
  const view = t.view;
  const style = useMemo(
    () => (view ? trafficStyle(view.linkCount, view.isConnector, t.edits.closed, t.result) : null),
    [view, t.edits.closed, t.result],
  );
  const vehicles = useMemo(() => {
    if (!view || !t.result) return null;
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
      {vehicles ? <Vehicles vehicles={vehicles} paused={t.vehiclesPaused} visible={t.showVehicles && t.showFlows} /> : null}
    </>
  );
}
