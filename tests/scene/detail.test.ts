// Far level of detail in the scene (src/scene/detail.ts), without a GPU: which prefix of a chunk is drawn
// for a camera, and that picking only hits what was drawn (a left-out feature neither answers a click nor
// hides a drawn one behind it).
import { afterEach, describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { MeshBVH } from 'three-mesh-bvh';
import { lodIndexCount } from '../../src/core/columnar/index.ts';
import { buildPolygonLayer } from '../../src/core/geo/index.ts';
import { LOD_MIN_PIXELS, applyDetail, chunkDrawCount, pinChunk, raycastDrawn, rememberChunk, setDetailMode } from '../../src/scene/detail.ts';
import { toBufferGeometry } from '../../src/scene/geometry.ts';
import { PICKING_TREE_OPTIONS } from '../../src/core/geo/pickingTree.ts';
import { buildPickingTree, pickingTreeStats } from '../../src/scene/pickingTrees.ts';
import { FRAME, polygonFeature, rect } from '../core/geo/helpers.ts';

// A 5 m × 5 m × 10 m kiosk (size hypot(5, 5, 10) = 12.25 m) in front of a 50 m × 50 m × 100 m tower
// (size 122.47 m), both on y ∈ [0, 5] so one ray along +x meets the kiosk first, then the tower.
const layer = buildPolygonLayer(
  [
    polygonFeature([rect(0, 0, 5, 5)], { height: 10 }),
    polygonFeature([rect(20, 0, 70, 50)], { height: 100 }),
  ],
  { frame: FRAME },
);
const chunk = layer.chunks[0]!;

function chunkMesh(): THREE.Mesh {
  const geometry = toBufferGeometry(chunk);
  rememberChunk(geometry, chunk);
  const mesh = new THREE.Mesh(geometry, new THREE.MeshBasicMaterial());
  mesh.updateMatrixWorld();
  return mesh;
}

function cameraAt(x: number, y: number, z: number): THREE.PerspectiveCamera {
  const camera = new THREE.PerspectiveCamera(45, 4 / 3, 1, 100_000);
  camera.position.set(x, y, z);
  camera.lookAt(45, 25, 0);
  camera.updateMatrixWorld();
  return camera;
}

afterEach(() => setDetailMode('adaptive'));

describe('far level of detail', () => {
  it('orders the tower before the kiosk in the chunk', () => {
    expect(chunk.lod!.sizes[0]).toBeCloseTo(Math.hypot(50, 50, 100), 4);
    expect(chunk.lod!.sizes[1]).toBeCloseTo(Math.hypot(5, 5, 10), 4);
  });

  it('draws everything near, only the tower far away, and everything again in full detail', () => {
    const mesh = chunkMesh();
    const all = chunk.indices.length;
    const towerOnly = chunk.lod!.ends[0]!;
    expect(towerOnly).toBeLessThan(all);
    // 500 m away, 600 px high: the kiosk covers 12.25 m × 600 / (2 tan 22.5° × ~455 m) ≈ 19 px.
    expect(chunkDrawCount(mesh.geometry, mesh, cameraAt(45, 25, 500), 600)).toBe(all);
    // 20 km away the kiosk is 0.4 px (left out), the tower 4.4 px (drawn).
    const far = cameraAt(45, 25, 20_000);
    expect(chunkDrawCount(mesh.geometry, mesh, far, 600)).toBe(towerOnly);
    setDetailMode('full');
    expect(chunkDrawCount(mesh.geometry, mesh, far, 600)).toBe(all);
    // The chunk holding the selection is drawn whole, so a selected kiosk never vanishes.
    setDetailMode('adaptive');
    pinChunk(mesh.geometry, true);
    expect(chunkDrawCount(mesh.geometry, mesh, far, 600)).toBe(all);
    pinChunk(mesh.geometry, false);
    expect(chunkDrawCount(mesh.geometry, mesh, far, 600)).toBe(towerOnly);
  });

  it('uses the nearest point of the chunk and LOD_MIN_PIXELS for the size threshold', () => {
    const mesh = chunkMesh();
    const camera = cameraAt(45, 25, 3000);
    const sphere = mesh.geometry.boundingSphere!;
    const distance = camera.position.distanceTo(sphere.center) - sphere.radius;
    const minSize = (LOD_MIN_PIXELS * 2 * Math.tan(THREE.MathUtils.degToRad(22.5)) * distance) / 600;
    expect(chunkDrawCount(mesh.geometry, mesh, camera, 600)).toBe(lodIndexCount(chunk, minSize));
    // Between the two sizes: a buffer height where the kiosk falls just under the threshold.
    const kioskPx = (Math.hypot(5, 5, 10) * 100) / (2 * Math.tan(THREE.MathUtils.degToRad(22.5)) * distance);
    expect(chunkDrawCount(mesh.geometry, mesh, camera, (100 * LOD_MIN_PIXELS * 0.99) / kioskPx)).toBe(chunk.lod!.ends[0]);
    expect(chunkDrawCount(mesh.geometry, mesh, camera, (100 * LOD_MIN_PIXELS * 1.01) / kioskPx)).toBe(chunk.indices.length);
  });

  it('onBeforeRender sets the draw range for the camera drawing it', () => {
    const mesh = chunkMesh();
    const renderer = { getDrawingBufferSize: (v: THREE.Vector2) => v.set(800, 600) } as unknown as THREE.WebGLRenderer;
    applyDetail.call(mesh, renderer, new THREE.Scene(), cameraAt(45, 25, 20_000), mesh.geometry);
    expect(mesh.geometry.drawRange).toEqual({ start: 0, count: chunk.lod!.ends[0] });
    applyDetail.call(mesh, renderer, new THREE.Scene(), cameraAt(45, 25, 500), mesh.geometry);
    expect(mesh.geometry.drawRange.count).toBe(chunk.indices.length);
  });

  it('picks only drawn features: with the kiosk left out, a ray through it hits the tower behind', () => {
    const ids = chunk.attributes['featureId']!.value;
    const featureOfHit = (h: THREE.Intersection): number => ids[chunk.indices[h.faceIndex! * 3]!]!;
    for (const withTree of [true, false]) {
      const mesh = chunkMesh();
      if (withTree) (mesh.geometry as THREE.BufferGeometry & { boundsTree?: MeshBVH }).boundsTree = new MeshBVH(mesh.geometry, PICKING_TREE_OPTIONS);
      const raycaster = new THREE.Raycaster(new THREE.Vector3(-100, 2.5, 5), new THREE.Vector3(1, 0, 0));
      (raycaster as THREE.Raycaster & { firstHitOnly?: boolean }).firstHitOnly = true;
      const hit = (): THREE.Intersection[] => {
        const hits: THREE.Intersection[] = [];
        raycastDrawn.call(mesh, raycaster, hits);
        return hits;
      };
      // Everything drawn: the kiosk (feature 0) is hit first, at x = 0.
      let hits = hit();
      expect(hits.length).toBeGreaterThan(0);
      const first = hits.sort((a, b) => a.distance - b.distance)[0]!;
      expect(featureOfHit(first)).toBe(0);
      expect(first.point.x).toBeCloseTo(0, 3);
      // Only the tower drawn: the same ray hits the tower's west wall at x = 20.
      mesh.geometry.setDrawRange(0, chunk.lod!.ends[0]!);
      hits = hit().sort((a, b) => a.distance - b.distance);
      expect(hits.length).toBeGreaterThan(0);
      expect(featureOfHit(hits[0]!)).toBe(1);
      expect(hits[0]!.point.x).toBeCloseTo(20, 3);
      expect(hits.every((h) => featureOfHit(h) === 1)).toBe(true);
    }
  });

  it('a picking tree built while part of the chunk is left out still covers every triangle', async () => {
    // No Worker in node: the main-thread path, the one a browser takes if the picking worker keeps failing.
    const mesh = chunkMesh();
    mesh.geometry.setDrawRange(0, chunk.lod!.ends[0]!); // far away: the tower only
    const before = pickingTreeStats.mainThread;
    await buildPickingTree(mesh.geometry, () => true);
    expect(pickingTreeStats.mainThread).toBe(before + 1);
    expect((mesh.geometry as THREE.BufferGeometry & { boundsTree?: unknown }).boundsTree).toBeDefined();
    // Close up again: the kiosk is drawn, and the ray along +x hits it first.
    mesh.geometry.setDrawRange(0, Infinity);
    const raycaster = new THREE.Raycaster(new THREE.Vector3(-100, 2.5, 5), new THREE.Vector3(1, 0, 0));
    (raycaster as THREE.Raycaster & { firstHitOnly?: boolean }).firstHitOnly = true;
    const hits: THREE.Intersection[] = [];
    raycastDrawn.call(mesh, raycaster, hits);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.point.x).toBeCloseTo(0, 3);
  });
});
