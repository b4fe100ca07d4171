// Vehicles moving along links at their congested speeds, drawn as one instanced mesh: each instance
// has its segment, phase and rate; the vertex shader places it at fract(phase + time × rate). Time is a
// uniform, so animating costs no CPU per vehicle. Pausing freezes the clock.
import { useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { VehicleInstances } from '../core/traffic/viz/index.ts';

const VERTEX = /* glsl */ `
in vec4 segment;
in float phase;
in float rate;
uniform float uTime;
uniform float uZ;
void main() {
  float t = fract(phase + uTime * rate);
  vec2 a = segment.xy;
  vec2 b = segment.zw;
  vec2 dir = normalize(b - a + vec2(1e-6, 0.0));
  vec2 right = vec2(dir.y, -dir.x);
  // A 4.5 m × 1.8 m × 1.5 m box (passenger-car size), driving 1.8 m right of the link's centre line.
  vec2 p = mix(a, b, t) + right * 1.8 + dir * position.x * 4.5 + right * position.y * 1.8;
  vec4 world = modelMatrix * vec4(p, uZ + (position.z + 0.5) * 1.5, 1.0);
  gl_Position = projectionMatrix * viewMatrix * world;
}
`;
const FRAGMENT = /* glsl */ `
uniform vec3 uColor;
out vec4 fragColor;
void main() { fragColor = vec4(uColor, 1.0); }
`;

export function Vehicles({ vehicles, paused, visible }: { vehicles: VehicleInstances; paused: boolean; visible: boolean }) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => {
    const box = new THREE.BoxGeometry(1, 1, 1);
    const g = new THREE.InstancedBufferGeometry();
    g.index = box.index;
    g.setAttribute('position', box.getAttribute('position'));
    g.setAttribute('segment', new THREE.InstancedBufferAttribute(vehicles.segment, 4));
    g.setAttribute('phase', new THREE.InstancedBufferAttribute(vehicles.phase, 1));
    g.setAttribute('rate', new THREE.InstancedBufferAttribute(vehicles.rate, 1));
    g.instanceCount = vehicles.count;
    // Vehicles stay on their links: one sphere around all segments is enough for culling.
    const pts: THREE.Vector3[] = [];
    for (let i = 0; i < vehicles.count; i++) pts.push(new THREE.Vector3(vehicles.segment[4 * i], vehicles.segment[4 * i + 1], 0));
    g.boundingSphere = new THREE.Sphere().setFromPoints(pts.length ? pts : [new THREE.Vector3()]);
    box.dispose();
    return g;
  }, [vehicles]);
  const material = useMemo(
    () =>
      new THREE.ShaderMaterial({
        glslVersion: THREE.GLSL3,
        vertexShader: VERTEX,
        fragmentShader: FRAGMENT,
        uniforms: { uTime: { value: 0 }, uZ: { value: 0.7 }, uColor: { value: new THREE.Color('#1f2937') } },
      }),
    [],
  );
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  useFrame((_, delta) => {
    if (!visible || paused || vehicles.count === 0) return;
    material.uniforms['uTime']!.value += Math.min(delta, 0.1);
    invalidate(); // keep drawing while vehicles move
  });
  useEffect(() => {
    if (visible && !paused) invalidate();
  }, [visible, paused, invalidate]);
  return <mesh geometry={geometry} material={material} visible={visible && vehicles.count > 0} frustumCulled={false} renderOrder={5} />;
}
