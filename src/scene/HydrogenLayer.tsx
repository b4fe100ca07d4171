// The hydrogen supply on the map: flows as ribbons arcing from sources to stations (width by kg/day,
// colour by source type, dashes moving towards the station), stations as instanced cylinders (height by
// demand, width by capacity, colour by utilisation; pickable), sources as spheres — those beyond the map
// at its edge in their direction. The dashes move by a time uniform; frames are requested only while the
// layer is shown and not paused (the canvas renders on demand). In "place a station" mode a click on
// the map (not a drag) puts a station where the ray meets the ground.
import { useEffect, useMemo } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useStore } from '../store/index.ts';
import { type ArcSpec, SOURCE_COLORS, arcWidth, ribbons, utilisationColor } from './hydrogenGeometry.ts';
import { type HydrogenScene, hydrogenScene, mapRect } from './hydrogenPick.ts';
import { unlessDrawing } from './useFeatureHighlight.ts';
import { toLocal } from '../core/geo/index.ts';

const CLICK_SLOP_PX = 6;

const VERTEX = /* glsl */ `
in float along;
in vec3 arcColor;
out float vAlong;
out vec3 vColor;
void main() {
  vAlong = along;
  vColor = arcColor;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
`;
const FRAGMENT = /* glsl */ `
uniform float uTime;
in float vAlong;
in vec3 vColor;
out vec4 fragColor;
void main() {
  // Dashes 40 % of an 90 m period, moving at 120 m/s from the source towards the station.
  float d = fract((vAlong - uTime * 120.0) / 90.0);
  float on = step(d, 0.4);
  fragColor = vec4(mix(vColor * 0.85, vColor, on), mix(0.45, 0.95, on));
}
`;

/** sRGB components 0–1 of a #rrggbb colour (the shader writes them as they are). */
function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

function Arcs({ scene, visible, paused }: { scene: HydrogenScene; visible: boolean; paused: boolean }) {
  const invalidate = useThree((s) => s.invalidate);
  const { geometry, count } = useMemo(() => {
    const { solution, placement } = scene;
    const maxKg = Math.max(0, ...solution.flows.map((f) => f.kgPerDay));
    const arcs: ArcSpec[] = [];
    for (const f of solution.flows) {
      const src = placement.sources[f.sourceIndex];
      const st = placement.stations[f.stationIndex];
      const type = solution.sources[f.sourceIndex]?.type;
      if (!src || !st || !type) continue;
      arcs.push({ ax: src.x, ay: src.y, bx: st[0], by: st[1], width: arcWidth(f.kgPerDay, maxKg), color: rgb(SOURCE_COLORS[type]) });
    }
    const buf = ribbons(arcs, 40);
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(buf.positions, 3));
    g.setAttribute('along', new THREE.BufferAttribute(buf.along, 1));
    g.setAttribute('arcColor', new THREE.BufferAttribute(buf.colors, 3));
    g.setIndex(new THREE.BufferAttribute(buf.index, 1));
    g.computeBoundingSphere();
    return { geometry: g, count: arcs.length };
  }, [scene]);
  const material = useMemo(
    () =>
      new THREE.ShaderMaterial({
        glslVersion: THREE.GLSL3,
        vertexShader: VERTEX,
        fragmentShader: FRAGMENT,
        uniforms: { uTime: { value: 0 } },
        transparent: true,
        depthWrite: false,
        side: THREE.DoubleSide,
      }),
    [],
  );
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  const animate = visible && !paused && count > 0;
  useFrame((_, delta) => {
    if (!animate) return;
    material.uniforms['uTime']!.value += Math.min(delta, 0.1);
    invalidate(); // keep drawing while the flows move
  });
  useEffect(() => {
    invalidate();
  }, [animate, visible, geometry, invalidate]);
  return <mesh geometry={geometry} material={material} visible={visible && count > 0} renderOrder={9} frustumCulled={false} raycast={() => undefined} />;
}

function Stations({ scene, visible }: { scene: HydrogenScene; visible: boolean }) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => new THREE.CylinderGeometry(1, 1, 1, 24).rotateX(Math.PI / 2).translate(0, 0, 0.5), []);
  const material = useMemo(() => new THREE.MeshLambertMaterial(), []);
  const n = scene.solution.stations.length;
  const mesh = useMemo(() => {
    const m = new THREE.InstancedMesh(geometry, material, Math.max(1, n));
    m.frustumCulled = false;
    m.raycast = unlessDrawing(THREE.InstancedMesh.prototype.raycast);
    return m;
  }, [geometry, material, n]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  useEffect(() => () => mesh.dispose(), [mesh]);
  useEffect(() => {
    const m = new THREE.Matrix4();
    const c = new THREE.Color();
    scene.solution.stations.forEach((s, i) => {
      const p = scene.placement.stations[i]!;
      const k = scene.markers[i]!;
      m.makeScale(k.radius, k.radius, k.height).setPosition(p[0], p[1], 0.5);
      mesh.setMatrixAt(i, m);
      mesh.setColorAt(i, c.set(utilisationColor(s.utilisation, s.open)));
    });
    mesh.count = n;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.computeBoundingSphere();
    invalidate();
  }, [scene, mesh, n, invalidate]);
  return (
    <primitive
      object={mesh}
      visible={visible}
      renderOrder={8}
      onClick={(e: ThreeEvent<MouseEvent>) => {
        if (e.delta > CLICK_SLOP_PX || e.instanceId === undefined) return;
        e.stopPropagation();
        useStore.getState().select({ layerId: 'hydrogen', featureId: e.instanceId });
      }}
      // Pointing at a station names it and its figures in the hover line (not on touch: a tap selects).
      onPointerMove={(e: ThreeEvent<PointerEvent>) => {
        e.stopPropagation();
        if (e.pointerType === 'touch' || e.instanceId === undefined) return;
        const h = useStore.getState().hovered;
        if (h?.layerId !== 'hydrogen' || h.featureId !== e.instanceId) useStore.getState().setHovered({ layerId: 'hydrogen', featureId: e.instanceId });
      }}
      onPointerOut={() => {
        if (useStore.getState().hovered?.layerId === 'hydrogen') useStore.getState().setHovered(null);
      }}
    />
  );
}

function Sources({ scene, visible }: { scene: HydrogenScene; visible: boolean }) {
  return (
    <group visible={visible}>
      {scene.placement.sources.map((p, i) => {
        const s = scene.solution.sources[i]!;
        return (
          <mesh key={s.id} position={[p.x, p.y, 30]} raycast={() => undefined}>
            <sphereGeometry args={[p.edge ? 34 : 24, 16, 12]} />
            <meshLambertMaterial color={SOURCE_COLORS[s.type]} transparent opacity={s.suppliedKgPerDay > 0 ? 1 : 0.4} />
          </mesh>
        );
      })}
    </group>
  );
}

/** Stations placed since the last run, drawn as grey pins until the next run includes them. */
function PendingStations() {
  const added = useStore((s) => s.hydrogen.edits.added);
  const solved = useStore((s) => s.hydrogen.result?.solution?.stations);
  const frame = useStore((s) => s.frame);
  const pending = useMemo(() => {
    const ids = new Set((solved ?? []).map((s) => s.id));
    return frame ? added.filter((a) => !ids.has(a.id)).map((a) => ({ id: a.id, p: toLocal(frame, a.lonLat[0], a.lonLat[1]) })) : [];
  }, [added, solved, frame]);
  return (
    <>
      {pending.map(({ id, p }) => (
        <mesh key={id} position={[p[0], p[1], 30]} rotation-x={Math.PI / 2} raycast={() => undefined}>
          <cylinderGeometry args={[12, 12, 60, 16]} />
          <meshLambertMaterial color="#9aa0a6" transparent opacity={0.8} />
        </mesh>
      ))}
    </>
  );
}

/** "Place a station" mode: a click (not a drag) on the canvas drops a station where the ray meets the ground. */
function PlaceStation() {
  const placing = useStore((s) => s.hydrogen.placing);
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    if (!placing) return;
    const el = gl.domElement;
    let down: { x: number; y: number } | null = null;
    const onDown = (e: PointerEvent): void => {
      down = { x: e.clientX, y: e.clientY };
    };
    const onClick = (e: MouseEvent): void => {
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > CLICK_SLOP_PX) return;
      // The click is ours: the features under it are not selected.
      e.stopPropagation();
      const rect = el.getBoundingClientRect();
      const ndc = new THREE.Vector2(((e.clientX - rect.left) / rect.width) * 2 - 1, -((e.clientY - rect.top) / rect.height) * 2 + 1);
      const ray = new THREE.Raycaster();
      ray.setFromCamera(ndc, camera);
      const hit = ray.ray.intersectPlane(new THREE.Plane(new THREE.Vector3(0, 1, 0), 0), new THREE.Vector3());
      if (hit) useStore.getState().placeStation(hit.x, -hit.z);
    };
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('click', onClick);
    const cursor = el.style.cursor;
    el.style.cursor = 'crosshair';
    return () => {
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('click', onClick);
      el.style.cursor = cursor;
    };
  }, [placing, gl, camera]);
  return null;
}

export function HydrogenLayer() {
  const solution = useStore((s) => s.hydrogen.result?.solution);
  const resultFrame = useStore((s) => s.hydrogen.frame);
  const frame = useStore((s) => s.frame);
  const visible = useStore((s) => s.hydrogen.visible);
  const paused = useStore((s) => s.hydrogen.paused);
  // The rectangle by value: a layer's opacity or load progress changing must not rebuild the arcs (nor redraw this).
  const rectKey = useStore((s) => mapRect(s)?.join(',') ?? '');
  const scene = useMemo(() => {
    const r = rectKey ? (rectKey.split(',').map(Number) as unknown as readonly [number, number, number, number]) : null;
    return hydrogenScene(solution, frame, resultFrame, r);
  }, [solution, frame, resultFrame, rectKey]);
  return (
    <>
      <PlaceStation />
      <PendingStations />
      {scene ? (
        <>
          <Arcs scene={scene} visible={visible} paused={paused} />
          <Stations scene={scene} visible={visible} />
          <Sources scene={scene} visible={visible} />
        </>
      ) : null}
    </>
  );
}
