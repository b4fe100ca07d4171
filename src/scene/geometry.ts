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
