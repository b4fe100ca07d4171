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
 * use fell in the middle of a traffic run). Each is first used in a task of its own after the canvas
 * appears, so none lengthens start-up's task nor any later one.
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

/** The building/area (lambert) and road (basic) feature programs and the ground's, for the canvas's life. */
export function usePrecompiledPrograms(): void {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    const features = [createFeatureMaterial('lambert', 1), createFeatureMaterial('basic', 1)];
    // The ground (a plain lambert material) appears with the first layer too.
    const ground = new THREE.MeshLambertMaterial();
    firstUsePrograms(gl, scene, camera, [...features.map((f) => f.material), ground]);
    const later = laterMaterials();
    let alive = true;
    void (async () => {
      for (const m of later.materials) {
        // Compiled without waiting (KHR_parallel_shader_compile, polled), then first used in a task of its own.
        const geometry = chunkLikeGeometry();
        const mesh = new THREE.Mesh(geometry, m);
        await gl.compileAsync(mesh, camera, scene);
        geometry.dispose();
        if (!alive) return;
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (!alive) return;
        firstUsePrograms(gl, scene, camera, [m]);
      }
    })();
    return () => {
      alive = false;
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
