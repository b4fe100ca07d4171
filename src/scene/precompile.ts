// Shader programs compiled and first used ahead of need: the first use of a program asks the GPU process
// for its uniforms, a synchronous round trip that waits for every GPU command queued before it. Made while
// a big city is uploading and drawing, that wait lasted 60–130 ms (a building layer's feature program,
// CPU profile of bench mode at 100k buildings) and 150–240 ms (the first 3D Tiles, profile of the
// tiles-stream bench) on software renderers. Done when the canvas appears or a tileset is added, it is
// part of that step instead.
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { createFeatureMaterial } from './featureMaterial.ts';

/** A triangle with the attributes of a chunk (src/core/geo/extrude.ts): position, normal, featureId. */
function chunkLikeGeometry(): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(9), 3));
  g.setAttribute('normal', new THREE.BufferAttribute(new Int8Array(9), 3, true));
  g.setAttribute('featureId', new THREE.BufferAttribute(new Float32Array(3), 1));
  return g;
}

/**
 * Compiles and first-uses the programs of `materials` with the scene's lights, by drawing triangles of no
 * area into the canvas itself (a render target would select other program variants: linear output, no
 * tone mapping); the next frame redraws the canvas anyway. The caller keeps the materials alive while
 * the programs are wanted: three.js frees a program when its last material goes.
 */
export function firstUsePrograms(gl: THREE.WebGLRenderer, scene: THREE.Scene, camera: THREE.Camera, materials: readonly THREE.Material[]): void {
  const geometry = chunkLikeGeometry();
  const group = new THREE.Group();
  for (const m of materials) {
    const mesh = new THREE.Mesh(geometry, m);
    mesh.frustumCulled = false;
    group.add(mesh);
  }
  scene.add(group);
  gl.render(scene, camera);
  scene.remove(group);
  geometry.dispose();
}

/**
 * Programs that appear later than the first layer: the ground once it is painted (a lambert material with
 * a map; its first use was a 97–160 ms task right after a 100k-building layer arrived, CPU profile of
 * bench mode on SwiftShader), the flow ribbons and closed links of an assignment (their first
 * use fell in the middle of a traffic run).
 */
function laterMaterials(): { materials: THREE.Material[]; dispose(): void } {
  const texel = new THREE.DataTexture(new Uint8Array([255, 255, 255, 255]), 1, 1);
  texel.colorSpace = THREE.SRGBColorSpace;
  texel.needsUpdate = true;
  const ground = new THREE.MeshLambertMaterial({ map: texel });
  const ribbons = createFeatureMaterial('basic', 1, { widths: true });
  ribbons.material.side = THREE.DoubleSide;
  const closed = new THREE.MeshBasicMaterial({ side: THREE.DoubleSide });
  return {
    materials: [ground, ribbons.material, closed],
    dispose: () => {
      ground.dispose();
      texel.dispose();
      ribbons.dispose();
      closed.dispose();
    },
  };
}

/**
 * Every program the map draws with, for the canvas's life: the building/area (lambert) and road (basic)
 * feature programs, the ground's (plain, and with a map) and the traffic overlay's. All are compiled first
 * (issued together, so a driver with parallel compiling works on them at once) and then first used by one
 * draw, in one task right after the canvas appears. Spread over tasks of their own (one per program, as
 * before), the later ones were still running when a file opened at once was arriving: two to three tasks
 * of 100–140 ms inside the load's window (bench mode at 100k buildings, 2 cores under load, SwiftShader
 * compiles one program after another). Start-up's task grows by the same amount; it is already bounded by
 * the WebGL context's creation (CityCanvas).
 */
export function usePrecompiledPrograms(): void {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    const features = [createFeatureMaterial('lambert', 1), createFeatureMaterial('basic', 1)];
    // The ground (a plain lambert material) appears with the first layer too.
    const ground = new THREE.MeshLambertMaterial();
    const later = laterMaterials();
    const materials = [...features.map((f) => f.material), ground, ...later.materials];
    const geometry = chunkLikeGeometry();
    const group = new THREE.Group();
    for (const m of materials) group.add(new THREE.Mesh(geometry, m));
    gl.compile(group, camera, scene);
    geometry.dispose();
    firstUsePrograms(gl, scene, camera, materials);
    // The largest anisotropic filtering is asked of the GPU process the first time a texture wants it (the
    // basemap's), a synchronous round trip that waited 58 ms behind a layer's uploads (CPU profile, bench
    // mode at 100k buildings); asked here, it is cached for the canvas's life.
    gl.capabilities.getMaxAnisotropy();
    return () => {
      for (const f of features) f.dispose();
      ground.dispose();
      later.dispose();
    };
  }, [gl, scene, camera]);
}

/**
 * The program of 3D Tiles content from glTF (a metallic-roughness material becomes three's
 * MeshStandardMaterial in GLTFLoader), while a tileset is shown.
 */
export function useTileProgram(active: boolean): void {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    if (!active) return;
    const material = new THREE.MeshStandardMaterial({ metalness: 0, roughness: 0.9 });
    firstUsePrograms(gl, scene, camera, [material]);
    return () => material.dispose();
  }, [active, gl, scene, camera]);
}
