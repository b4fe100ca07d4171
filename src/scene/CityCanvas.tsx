// The 3D view: canvas, lights, ground, base-map layers and the map camera. Renders on demand only.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/index.ts';
import { type Bounds, applyView, useMapControls, viewOf } from './MapCamera.tsx';
import { MapLayer } from './layers.tsx';
import { TrafficOverlay } from './TrafficOverlay.tsx';
import { CarbonGridLayer } from './CarbonGridLayer.tsx';
import { ImportedCarbonLayer } from './ImportedCarbonLayer.tsx';
import { DrawGreen } from './DrawGreen.tsx';
import { HydrogenLayer } from './HydrogenLayer.tsx';
import { TilesLayers } from './TilesLayer.tsx';
import { BACKGROUND_COLOR } from './palette.ts';
import { Basemap } from './Basemap.tsx';
import { installViewHandle } from './viewHandle.ts';
import { installViewControl, setContextStatus, viewControl } from './viewControl.ts';
import { SplitRender, SplitSide } from './SplitView.tsx';
import { usePrecompiledPrograms } from './precompile.ts';
import { setDetailMode } from './detail.ts';
import { SunLight } from './SunLight.tsx';

/** `?noaa` turns multisampling off (software renderers pay for it on the CPU). */
const SOFTWARE_ANTIALIAS_OFF = typeof location !== 'undefined' && new URLSearchParams(location.search).has('noaa');

// R3F's store makes a THREE.Clock (deprecated in three r183 in favour of THREE.Timer) for every canvas, and
// three warns on each: drop that one warning, pass every other message of three's through unchanged.
const CLOCK_DEPRECATED = 'THREE.Clock: This module has been deprecated';
THREE.setConsoleFunction((type: 'log' | 'warn' | 'error', message: unknown, ...params: unknown[]) => {
  if (type === 'warn' && typeof message === 'string' && message.startsWith(CLOCK_DEPRECATED)) return;
  console[type](message, ...params);
});

/**
 * Draws the scene again when a lost WebGL context comes back (three rebuilds its buffers, programs and
 * textures on the next render; with frames drawn on demand nothing would ask for one), and reports the
 * context's state for the shell's "restoring" card.
 */
function useContextRecovery(): void {
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const canvas = gl.domElement;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onLost = (): void => setContextStatus('lost');
    const onRestored = (): void => {
      setContextStatus('restored');
      // A few frames: chunks and overlays that join a few per frame come back too.
      invalidate(3);
      timer = setTimeout(() => {
        invalidate();
        setContextStatus('ok');
      }, 200);
    };
    canvas.addEventListener('webglcontextlost', onLost);
    canvas.addEventListener('webglcontextrestored', onRestored);
    return () => {
      clearTimeout(timer);
      canvas.removeEventListener('webglcontextlost', onLost);
      canvas.removeEventListener('webglcontextrestored', onRestored);
    };
  }, [gl, invalidate]);
}

/** [minX, minY, minZ, maxX, maxY, maxZ] of polyline coordinates (x, y pairs; z 0). */
function polylineBounds(coords: Float32Array): Bounds | undefined {
  if (coords.length < 2) return undefined;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < coords.length; i += 2) {
    x0 = Math.min(x0, coords[i]!); x1 = Math.max(x1, coords[i]!);
    y0 = Math.min(y0, coords[i + 1]!); y1 = Math.max(y1, coords[i + 1]!);
  }
  return [x0, y0, 0, x1, y1, 0];
}

/** Keeps the far level of detail (read per chunk as it is drawn) in step with the store, and redraws. */
function useFarDetail(): void {
  const farDetail = useStore((s) => s.farDetail);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    setDetailMode(farDetail);
    invalidate();
  }, [farDetail, invalidate]);
}

/** Results overlays: the shown scenario, its difference from A, or both sides of the split view. */
function ResultOverlays() {
  const mapView = useStore((s) => s.mapView);
  const measure = useStore((s) => s.diffMeasure);
  const results = useStore((s) => s.results);
  const { a, b } = results;
  if (mapView === 'split' && a && b) {
    return (
      <>
        <SplitSide side={0} results={a} />
        <SplitSide side={1} results={b} />
      </>
    );
  }
  const diff = mapView === 'difference' && a?.traffic && b?.traffic ? { a: a.traffic, b: b.traffic, measure } : undefined;
  return (
    <>
      <TrafficOverlay {...(diff ? { diff } : {})} />
      <CarbonGridLayer />
    </>
  );
}

function Scene({ kiosk }: { kiosk: boolean }) {
  // Layer ids (each MapLayer reads its own layer) and the first drawn layer's bounds: a layer's load progress changes neither.
  const layerIds = useStore(useShallow((s) => s.layers.map((l) => l.id)));
  const layerBase = useStore((s) => s.layers.find((l) => l.data)?.data?.data.bounds);
  const split = useStore((s) => s.mapView === 'split' && s.results.a !== null && s.results.b !== null);
  const tilesBase = useStore((s) => s.tilesets.find((t) => t.bounds)?.bounds ?? undefined);
  // A TNTP network opened alone has no layer: its links' extent frames the view.
  const trafficView = useStore((s) => (s.traffic.tntp ? s.traffic.view : null));
  const trafficBase = useMemo(() => (trafficView ? polylineBounds(trafficView.polylines.coords) : undefined), [trafficView]);
  const base = layerBase ?? tilesBase ?? trafficBase;
  // The camera's limits hold every layer and tileset in view, not only the first (a tileset or a file beside the city).
  const allBounds = useStore(useShallow((s) => [...s.layers.map((l) => l.data?.data.bounds), ...s.tilesets.map((t) => t.bounds ?? undefined)].filter((b): b is Bounds => Boolean(b))));
  const limits = useMemo(() => unionBounds(base ? [base, ...allBounds] : allBounds), [base, allBounds]);
  const onReset = useCallback(() => viewControl()?.resetView(), []);
  const controls = useMapControls({ kiosk, bounds: limits, onReset });
  useContextRecovery();
  usePrecompiledPrograms();
  useFarDetail();
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  // The view is fitted once per city (per local frame): a new city brings the camera to it.
  const frame = useStore((s) => s.frame);
  const framed = useRef<unknown>(null);
  const frames = useRef(0);

  useEffect(() => {
    if (!base || !controls || !frame || framed.current === frame) return;
    framed.current = frame;
    applyView(camera, controls, viewOf(base));
    invalidate();
  }, [base, frame, camera, controls, invalidate]);

  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  useEffect(
    () => (controls ? installViewHandle({ camera, controls, gl, scene, invalidate, frames, bounds: () => base }) : undefined),
    [camera, controls, gl, scene, invalidate, base],
  );
  useEffect(
    () => (controls ? installViewControl({ camera, controls, gl, scene, invalidate, bounds: () => base }) : undefined),
    [camera, controls, gl, scene, invalidate, base],
  );
  useFrame(() => {
    frames.current++;
  });

  return (
    <>
      <color attach="background" args={[BACKGROUND_COLOR]} />
      <hemisphereLight args={['#f4f7fb', '#8b8474', 1.6]} />
      <directionalLight position={[-600, 1000, 500]} intensity={1.9} />
      <SunLight />
      {base ? <Basemap bounds={base} /> : null}
      {/* Local (x east, y north, z up) -> three's y-up world. */}
      <group rotation-x={-Math.PI / 2}>
        {layerIds.map((id, i) => (
          <MapLayer key={id} id={id} order={i} />
        ))}
        <ResultOverlays />
        <ImportedCarbonLayer />
        {split ? null : <HydrogenLayer />}
        <TilesLayers />
        {base ? <DrawGreen bounds={base} /> : null}
      </group>
      {split ? <SplitRender /> : null}
    </>
  );
}

/** `kiosk`: touch for unattended screens (one finger orbits, two pan and pinch). */
export function CityCanvas({ kiosk = false }: { kiosk?: boolean } = {}) {
  return (
    <Canvas
      frameloop="demand"
      shadows="percentage"
      dpr={[1, 2]}
      camera={{ fov: 45, near: 2, far: 60000, position: [0, 2000, 2000] }}
      gl={{ antialias: !SOFTWARE_ANTIALIAS_OFF, powerPreference: 'high-performance' }}
      raycaster={{ firstHitOnly: true } as unknown as THREE.Raycaster}
      onPointerMissed={(e) => {
        if (e.type === 'click') useStore.getState().select(null);
      }}
      data-testid="city-canvas"
    >
      <Scene kiosk={kiosk} />
    </Canvas>
  );
}

/** The box holding every box in `list` (undefined for none). */
function unionBounds(list: readonly Bounds[]): Bounds | undefined {
  if (list.length === 0) return undefined;
  const u = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
  for (const b of list) for (let i = 0; i < 3; i++) {
    u[i] = Math.min(u[i]!, b[i]!);
    u[i + 3] = Math.max(u[i + 3]!, b[i + 3]!);
  }
  return u as unknown as Bounds;
}
