/**
 * The sun: a directional light from the store's date and time (true solar time at the city, src/core/sun)
 * that casts shadows of the buildings on the ground and on each other. The shadow camera covers only the
 * ground the view can see (the view frustum's corners on the ground, and the same points raised to the
 * tallest roof), so a big city costs no more shadow-map texels than a small one; it is refitted when the
 * camera or the sun moves. While the sun is on, the view's fixed directional light is switched off and the
 * sky light dimmed (restored when the sun goes off). Buildings (meshes more than a metre tall) cast and
 * receive shadows; flat layers and the ground receive them: set here, by walking the scene, so the layers
 * need not know about the sun. The sunlight study's heat map (SunlightLayer) is drawn from here too.
 */
import { useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useShallow } from 'zustand/react/shallow';
import { sunDirection, sunPosition, utcOfSolarTime } from '../core/sun/index.ts';
import { sunPlace, useStore } from '../store/index.ts';
import { SunlightLayer } from './SunlightLayer.tsx';

/** Shadow map side, texels: 1024 (the map covers only the visible ground, so a street view stays crisp; 2048 cost SwiftShader more, see the bench). */
const SHADOW_MAP_SIZE = 1024;
/** The light stands this far from what it lights, metres (the shadow camera's depth covers it and the tallest roof). */
const LIGHT_DISTANCE = 6000;
/** Ground seen beyond this distance from the camera (a view near the horizon) gets no shadows. */
const MAX_SHADOW_REACH = 3000;
/** Lux-like intensities, tuned by eye against the view's default lights (hemisphere 1.6 + directional 1.9). */
const SUN_INTENSITY = 3.0;
const SKY_WITH_SUN = 0.6;
const SKY_AT_NIGHT = 0.35;

const NDC_CORNERS = [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const;

/** Marks buildings as casting and everything drawn flat as receiving shadows (once per new mesh). */
function markShadows(scene: THREE.Scene, own: THREE.Object3D): void {
  scene.traverse((o) => {
    const mesh = o as THREE.Mesh;
    if (!mesh.isMesh || o === own || o.userData['sunMarked'] === true) return;
    const g = mesh.geometry;
    const position = g?.getAttribute('position');
    if (!g || !position) return;
    o.userData['sunMarked'] = true;
    if (g.type === 'PlaneGeometry') {
      mesh.receiveShadow = true; // the ground
      return;
    }
    if (!g.getAttribute('featureId')) return; // overlays and markers stay as they are
    if (!g.boundingBox) g.computeBoundingBox();
    const box = g.boundingBox!;
    const tall = box.max.z - box.min.z > 1; // local z up: an extruded layer
    mesh.receiveShadow = true;
    mesh.castShadow = tall;
  });
}

export function SunLight() {
  const { enabled, date, minute } = useStore(useShallow((s) => ({ enabled: s.sun.enabled, date: s.sun.date, minute: s.sun.minute })));
  const frame = useStore((s) => s.frame);
  const tallest = useStore((s) => s.layers.reduce((h, l) => (l.data?.kind === 'buildings' && l.visible ? Math.max(h, l.data.data.bounds[5]) : h), 0));
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  const light = useMemo(() => {
    const l = new THREE.DirectionalLight('#fff6e8', SUN_INTENSITY);
    l.castShadow = true;
    l.shadow.mapSize.set(SHADOW_MAP_SIZE, SHADOW_MAP_SIZE);
    l.shadow.bias = -0.0004;
    l.shadow.normalBias = 0.6;
    l.name = 'sun';
    return l;
  }, []);
  useEffect(() => () => light.dispose(), [light]);

  // Sun direction in three's world (x east, y up, z south).
  const sun = useMemo(() => {
    const { lon, lat } = sunPlace(frame);
    const p = sunPosition(utcOfSolarTime(date, minute / 60, lon), lon, lat);
    const [e, n, u] = sunDirection(p.azimuth, p.elevation);
    return { dir: new THREE.Vector3(e, u, -n), elevation: p.elevation };
  }, [frame, date, minute]);

  // While on: the view's own directional light off, the sky light dimmed; both restored when off.
  useEffect(() => {
    if (!enabled) return undefined;
    const changed: Array<() => void> = [];
    scene.traverse((o) => {
      if ((o as THREE.DirectionalLight).isDirectionalLight && o !== light && o.visible) {
        o.visible = false;
        changed.push(() => void (o.visible = true));
      }
      const hemi = o as THREE.HemisphereLight;
      if (hemi.isHemisphereLight) {
        const was = hemi.intensity;
        hemi.intensity = sun.elevation > 0 ? SKY_WITH_SUN : SKY_AT_NIGHT;
        changed.push(() => void (hemi.intensity = was));
      }
    });
    light.visible = sun.elevation > 0;
    invalidate();
    return () => {
      for (const undo of changed) undo();
      invalidate();
    };
  }, [enabled, scene, light, sun, invalidate]);

  // Refit the shadow camera when the view or the sun moves; allocation-free per frame.
  const tmp = useMemo(() => ({
    near: new THREE.Vector3(), far: new THREE.Vector3(), dir: new THREE.Vector3(), hit: new THREE.Vector3(),
    ground: Array.from({ length: 8 }, () => new THREE.Vector3()), centre: new THREE.Vector3(), view: new THREE.Matrix4(),
    last: new Float64Array(17), p: new THREE.Vector3(),
  }), []);
  useFrame(({ camera }) => {
    if (!enabled || !light.visible) return;
    markShadows(scene, light);
    const m = camera.matrixWorld.elements;
    let same = tmp.last[16] === sun.elevation + sun.dir.x * 1e3 + tallest * 1e6;
    for (let i = 0; i < 16; i++) if (tmp.last[i] !== m[i]) same = false;
    if (same) return;
    for (let i = 0; i < 16; i++) tmp.last[i] = m[i]!;
    tmp.last[16] = sun.elevation + sun.dir.x * 1e3 + tallest * 1e6;
    // The frustum's corners on the ground (y = 0); rays that miss it stop MAX_SHADOW_REACH away.
    tmp.centre.set(0, 0, 0);
    for (let k = 0; k < 4; k++) {
      const [x, y] = NDC_CORNERS[k]!;
      tmp.near.set(x, y, -1).unproject(camera);
      tmp.far.set(x, y, 1).unproject(camera);
      tmp.dir.subVectors(tmp.far, tmp.near).normalize();
      const t = tmp.dir.y < -1e-6 ? -tmp.near.y / tmp.dir.y : Infinity;
      const reach = Math.min(t, MAX_SHADOW_REACH);
      tmp.hit.copy(tmp.near).addScaledVector(tmp.dir, reach);
      tmp.hit.y = 0;
      tmp.ground[k]!.copy(tmp.hit);
      tmp.ground[k + 4]!.copy(tmp.hit).setY(tallest);
      tmp.centre.add(tmp.hit);
    }
    tmp.centre.multiplyScalar(0.25);
    light.target.position.copy(tmp.centre);
    light.position.copy(tmp.centre).addScaledVector(sun.dir, LIGHT_DISTANCE);
    light.target.updateMatrixWorld();
    light.updateMatrixWorld();
    const cam = light.shadow.camera;
    cam.position.copy(light.position);
    cam.lookAt(light.target.position);
    cam.updateMatrixWorld();
    tmp.view.copy(cam.matrixWorld).invert();
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const g of tmp.ground) {
      tmp.p.copy(g).applyMatrix4(tmp.view);
      x0 = Math.min(x0, tmp.p.x); x1 = Math.max(x1, tmp.p.x);
      y0 = Math.min(y0, tmp.p.y); y1 = Math.max(y1, tmp.p.y);
    }
    cam.left = x0; cam.right = x1; cam.bottom = y0; cam.top = y1;
    cam.near = 1;
    cam.far = LIGHT_DISTANCE + Math.max(1000, tallest * 4);
    cam.updateProjectionMatrix();
    light.shadow.needsUpdate = true;
  });

  return (
    <>
      {enabled ? <primitive object={light} /> : null}
      {enabled ? <primitive object={light.target} /> : null}
      {/* Local (x east, y north, z up) -> three's y-up world, as the map layers. */}
      <group rotation-x={-Math.PI / 2}>
        <SunlightLayer />
      </group>
    </>
  );
}
