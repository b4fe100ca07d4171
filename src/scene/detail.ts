// Far level of detail for batched polygon layers. A chunk's triangles are ordered by feature size, largest
// first (src/core/geo/extrude.ts), so drawing a prefix of its index draws only its bigger features. Before a
// chunk is drawn, the features that would cover less than LOD_MIN_PIXELS on screen at the chunk's nearest
// point are left out: a whole city seen from afar draws its landmarks and large blocks, a street seen close
// up draws everything. The layer panel's "every building at every distance" (`?detail=full`) turns it off.
import * as THREE from 'three';
import { acceleratedRaycast } from 'three-mesh-bvh';
import { type ColumnarGeometry, lodIndexCount } from '../core/columnar/index.ts';

/**
 * Smallest on-screen size (drawing-buffer pixels) of a feature's extent that is still drawn: below about a
 * pixel and a half a building is a speck that flickers as the camera moves (the usual screen-space-error
 * budget of streamed city models is 1–16 px; this is at its strict end).
 */
export const LOD_MIN_PIXELS = 1.5;

export type DetailMode = 'adaptive' | 'full';

/** Follows the store's `farDetail` (CityCanvas keeps them in step); read as each chunk is drawn. */
let mode: DetailMode = 'adaptive';

export function detailMode(): DetailMode {
  return mode;
}

/** Switches far detail on ('adaptive') or off ('full'); the next frame follows. */
export function setDetailMode(next: DetailMode): void {
  mode = next;
}

const sphere = new THREE.Sphere();
const eye = new THREE.Vector3();
const buffer = new THREE.Vector2();

/** Keeps the chunk a geometry was made from (its level-of-detail order), for `chunkDrawCount`. */
export function rememberChunk(geometry: THREE.BufferGeometry, chunk: ColumnarGeometry): void {
  if (chunk.lod) (geometry.userData as { chunk?: ColumnarGeometry }).chunk = chunk;
}

/** Marks a chunk to be drawn whole at any distance (it holds the selected feature). */
export function pinChunk(geometry: THREE.BufferGeometry, pinned: boolean): void {
  (geometry.userData as { pinned?: boolean }).pinned = pinned;
}

/**
 * Index entries of `geometry` to draw for `camera`: every feature whose extent covers at least
 * LOD_MIN_PIXELS at the nearest point of the chunk's bounding sphere (conservative: nearer features of the
 * chunk are drawn as if they were all that near).
 */
export function chunkDrawCount(geometry: THREE.BufferGeometry, object: THREE.Object3D, camera: THREE.Camera, bufferHeight: number): number {
  const chunk = (geometry.userData as { chunk?: ColumnarGeometry }).chunk;
  const all = geometry.index ? geometry.index.count : 0;
  if (!chunk || mode === 'full' || (geometry.userData as { pinned?: boolean }).pinned || !(camera instanceof THREE.PerspectiveCamera) || !geometry.boundingSphere) return all;
  sphere.copy(geometry.boundingSphere).applyMatrix4(object.matrixWorld);
  eye.setFromMatrixPosition(camera.matrixWorld);
  const distance = eye.distanceTo(sphere.center) - sphere.radius;
  if (distance <= 0) return all;
  const pixelsPerMetre = (bufferHeight * camera.zoom) / (2 * Math.tan(THREE.MathUtils.degToRad(camera.fov) / 2) * distance);
  return lodIndexCount(chunk, LOD_MIN_PIXELS / pixelsPerMetre);
}

/** Mesh.onBeforeRender for chunks: sets the draw range for this camera just before the chunk is drawn. */
export function applyDetail(this: THREE.Mesh, renderer: THREE.WebGLRenderer, _scene: THREE.Scene, camera: THREE.Camera, geometry: THREE.BufferGeometry): void {
  if (!(geometry.userData as { chunk?: unknown }).chunk) return;
  const count = chunkDrawCount(geometry, this, camera, renderer.getDrawingBufferSize(buffer).y);
  if (geometry.drawRange.start !== 0 || geometry.drawRange.count !== count) geometry.setDrawRange(0, count);
}

/**
 * Raycast for chunks that only hits what was drawn: with part of a chunk left out at a distance, a
 * left-out feature must neither be picked nor hide a drawn one behind it. (Without a picking tree,
 * three.js' own raycast already keeps to the draw range.)
 */
export function raycastDrawn(this: THREE.Mesh, raycaster: THREE.Raycaster, hits: THREE.Intersection[]): void {
  const g = this.geometry;
  const end = g.drawRange.start + g.drawRange.count;
  const tree = (g as THREE.BufferGeometry & { boundsTree?: unknown }).boundsTree;
  if (!tree || !g.index || end >= g.index.count) {
    acceleratedRaycast.call(this, raycaster, hits);
    return;
  }
  const r = raycaster as THREE.Raycaster & { firstHitOnly?: boolean };
  const firstOnly = r.firstHitOnly === true;
  const all: THREE.Intersection[] = [];
  r.firstHitOnly = false;
  try {
    acceleratedRaycast.call(this, raycaster, all);
  } finally {
    r.firstHitOnly = firstOnly;
  }
  const drawn = all.filter((h) => h.faceIndex !== undefined && h.faceIndex !== null && h.faceIndex * 3 < end).sort((a, b) => a.distance - b.distance);
  if (firstOnly) {
    if (drawn[0]) hits.push(drawn[0]);
  } else hits.push(...drawn);
}
