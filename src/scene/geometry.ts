// Columnar buffers from the workers -> three.js geometry, sharing the typed arrays (no copies).
import * as THREE from 'three';
import type { ColumnarGeometry } from '../core/columnar/index.ts';

export function toBufferGeometry(chunk: ColumnarGeometry): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  for (const name of Object.keys(chunk.attributes)) {
    const a = chunk.attributes[name]!;
    g.setAttribute(name, new THREE.BufferAttribute(a.value, a.size, a.normalized ?? false));
  }
  g.setIndex(new THREE.BufferAttribute(chunk.indices, 1));
  const [x0, y0, z0, x1, y1, z1] = chunk.bounds;
  g.boundingBox = new THREE.Box3(new THREE.Vector3(x0, y0, z0), new THREE.Vector3(x1, y1, z1));
  g.boundingSphere = g.boundingBox.getBoundingSphere(new THREE.Sphere());
  return g;
}

/** The feature index of a picked triangle (from its first vertex). */
export function featureOfFace(geometry: THREE.BufferGeometry, vertexIndex: number): number {
  const attr = geometry.getAttribute('featureId');
  return attr ? Math.round(attr.getX(vertexIndex)) : -1;
}

/**
 * Multiplies every vertex's height by its feature's factor (`scale[featureId]`; null restores the heights
 * the geometry came with). The first call keeps the original heights beside the geometry, so changing the
 * extrusion again never compounds. Bounds are recomputed and a picking tree already built is refitted,
 * so what is picked is what is drawn.
 */
export function scaleHeights(geometry: THREE.BufferGeometry, scale: Float32Array | null): void {
  const position = geometry.getAttribute('position');
  const fid = geometry.getAttribute('featureId');
  if (!(position instanceof THREE.BufferAttribute) || !(position.array instanceof Float32Array) || !fid) return;
  const data = geometry.userData as { z0?: Float32Array };
  if (!scale && !data.z0) return;
  const xyz = position.array;
  const n = position.count;
  let z0 = data.z0;
  if (!z0) {
    z0 = new Float32Array(n);
    for (let i = 0; i < n; i++) z0[i] = xyz[3 * i + 2]!;
    data.z0 = z0;
  }
  const ids = fid.array;
  for (let i = 0; i < n; i++) xyz[3 * i + 2] = scale ? z0[i]! * (scale[Math.round(ids[i]!)] ?? 1) : z0[i]!;
  position.needsUpdate = true;
  geometry.computeBoundingBox();
  geometry.computeBoundingSphere();
  (geometry as THREE.BufferGeometry & { boundsTree?: { refit(): void } }).boundsTree?.refit();
}
