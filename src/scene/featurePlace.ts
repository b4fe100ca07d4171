// Where a feature stands in the view (world coordinates, y up): a building's roof, a link's middle, a carbon
// cell's centre, a hydrogen station's top. Used to fly the camera to a feature and by the test hooks.
import * as THREE from 'three';
import { partOf } from '../core/ingest/index.ts';
import { useStore } from '../store/index.ts';
import { hydrogenStationTop } from './hydrogenPick.ts';
import { layerExtrusion } from './styleByProperty.ts';

/** Middle point of a traffic link's polyline, local metres. */
export function linkMidpoint(featureId: number): [number, number] | null {
  const view = useStore.getState().traffic.view;
  if (!view || featureId < 0 || featureId >= view.linkCount) return null;
  const { coords, offsets } = view.polylines;
  const a = offsets[featureId]!;
  const b = offsets[featureId + 1]!;
  if (b - a === 2) return [(coords[2 * a]! + coords[2 * a + 2]!) / 2, (coords[2 * a + 1]! + coords[2 * a + 3]!) / 2];
  const m = a + Math.floor((b - a) / 2);
  return [coords[2 * m]!, coords[2 * m + 1]!];
}

export function featureTop(layerId: string, featureId: number): THREE.Vector3 | null {
  if (layerId === 'carbon') {
    const r = useStore.getState().carbon.result;
    if (!r || featureId < 0 || featureId >= r.grid.length) return null;
    const { spec } = r.grid;
    const x = spec.originX + ((featureId % spec.nx) + 0.5) * spec.cellSize;
    const y = spec.originY + (Math.floor(featureId / spec.nx) + 0.5) * spec.cellSize;
    return new THREE.Vector3(x, 1, -y);
  }
  if (layerId === 'hydrogen') {
    const p = hydrogenStationTop(featureId);
    return p ? new THREE.Vector3(p[0], p[2], -p[1]) : null;
  }
  if (layerId === 'traffic') {
    const p = linkMidpoint(featureId);
    return p ? new THREE.Vector3(p[0], 0.6, -p[1]) : null;
  }
  const layer = useStore.getState().layers.find((l) => l.id === layerId);
  // The part (main kind or sub-layer) that draws the feature; a feature drawn by none stands where the main kind would put it.
  const d = layer?.data ? (partOf(layer.data, featureId) ?? layer.data) : undefined;
  if (!layer || !d || featureId < 0 || featureId >= d.data.features.count) return null;
  const x = d.data.features.center[2 * featureId]!;
  const y = d.data.features.center[2 * featureId + 1]!;
  // A building's roof as drawn: its height times its extrusion factor when the layer is extruded.
  const factor = d.kind === 'buildings' && layer.extrude ? layerExtrusion(d.data, layer.extrude).factors[featureId]! : 1;
  const z = d.kind === 'buildings' ? d.data.features.height[featureId]! * factor : d.kind === 'points' ? 6 : 0.2;
  return new THREE.Vector3(x, z, -y);
}

