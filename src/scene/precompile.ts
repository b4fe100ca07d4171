// Shader programs of the batched layers, compiled and first used as soon as the canvas exists, during
// start-up: the first use of a program asks the GPU process for its uniforms, a synchronous round trip
// that waits for every GPU command queued before it. Made while a big city is uploading and drawing, that
// wait lasted 60–130 ms on software renderers (measured with a CPU profile of bench mode at 100k buildings).
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
 * Compiles and first-uses the building/area (lambert) and road (basic) feature programs and the ground's,
 * with the scene's lights, by drawing triangles of no area. The materials stay alive with the canvas:
 * three.js frees a program when its last material goes.
 */
export function usePrecompiledPrograms(): void {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    const geometry = chunkLikeGeometry();
    const features = [createFeatureMaterial('lambert', 1), createFeatureMaterial('basic', 1)];
    // The ground (a plain lambert material) appears with the first layer too.
    const ground = new THREE.MeshLambertMaterial();
    const group = new THREE.Group();
    for (const m of [...features.map((f) => f.material), ground]) {
      const mesh = new THREE.Mesh(geometry, m);
      mesh.frustumCulled = false;
      group.add(mesh);
    }
    // Drawn into the canvas itself (a render target would select other program variants: linear output, no
    // tone mapping); the triangles have no area and the next frame redraws the canvas anyway.
    scene.add(group);
    gl.render(scene, camera);
    scene.remove(group);
    return () => {
      for (const f of features) f.dispose();
      ground.dispose();
      geometry.dispose();
    };
  }, [gl, scene, camera]);
}
