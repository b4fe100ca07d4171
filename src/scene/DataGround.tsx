// The data-drawn ground: the city's land (sea around it where the data has a coastline) and its
// district outlines. It is the whole ground when no raster basemap is chosen, drawn as geometry: a plane,
// the land's triangles and dashed outlines, sharp at every distance and with no texture to paint or
// upload. Under a raster basemap it is painted into the ground's texture instead (paintDataGround) and
// shows through wherever tiles have not arrived or failed. Roads and green areas are drawn by their
// own layers over it.
import { useEffect, useMemo, useState } from 'react';
import { useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { type GroundShapes, type LocalPolygon, groundShapes, landTriangles, ringSegments } from '../core/basemap/index.ts';
import type { LocalFrame } from '../core/geo/index.ts';
import { useStore } from '../store/index.ts';
import { shownBuiltinCity } from '../store/builtinCities.ts';
import { GROUND_COLOR } from './palette.ts';
import type { Bounds } from './MapCamera.tsx';

/** Water where the data's land polygons end (a light blue a little darker than the sky). */
export const WATER_COLOR = '#a9c3d6';
/** District outlines: a warm grey, dashed, under roads and buildings. */
export const DISTRICT_LINE_COLOR = '#8d8677';

/** The square of ground under a city: centre and side in local metres, and its texture's size in pixels. */
export interface GroundView {
  readonly cx: number;
  readonly cy: number;
  readonly size: number;
  readonly px: number;
}

/** The ground square for a city's bounds: the bounds' box and 2 km beyond each side (as the plain ground was). */
export function groundViewOf(bounds: Bounds, px: number): GroundView {
  return {
    cx: (bounds[0] + bounds[3]) / 2,
    cy: (bounds[1] + bounds[4]) / 2,
    size: Math.max(bounds[3] - bounds[0], bounds[4] - bounds[1]) + 4000,
    px,
  };
}

/** Canvas pixel of a local point (row 0 is the north edge, as the plane's texture shows it). */
export function toPixel(v: GroundView, x: number, y: number): [number, number] {
  const k = v.px / v.size;
  return [(x - (v.cx - v.size / 2)) * k, (v.cy + v.size / 2 - y) * k];
}

function tracePolygon(ctx: CanvasRenderingContext2D, v: GroundView, polygon: LocalPolygon): void {
  for (const ring of polygon) {
    for (let i = 0; i < ring.length; i += 2) {
      const [px, py] = toPixel(v, ring[i]!, ring[i + 1]!);
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.closePath();
  }
}

/** Paints the data-drawn ground over the whole canvas: land (and water around it), then district outlines. */
export function paintDataGround(ctx: CanvasRenderingContext2D, v: GroundView, shapes: GroundShapes | null): void {
  const hasLand = (shapes?.land.length ?? 0) > 0;
  ctx.fillStyle = hasLand ? WATER_COLOR : GROUND_COLOR;
  ctx.fillRect(0, 0, v.px, v.px);
  if (!shapes) return;
  if (hasLand) {
    ctx.beginPath();
    for (const p of shapes.land) tracePolygon(ctx, v, p);
    ctx.fillStyle = GROUND_COLOR;
    ctx.fill('evenodd');
  }
  ctx.save();
  ctx.strokeStyle = DISTRICT_LINE_COLOR;
  ctx.lineWidth = Math.max(1.5, v.px / 1400);
  ctx.setLineDash([ctx.lineWidth * 5, ctx.lineWidth * 3]);
  ctx.beginPath();
  for (const p of shapes.districts) tracePolygon(ctx, v, p);
  ctx.stroke();
  ctx.restore();
}

/**
 * The shown built-in city's land and district shapes in `frame` (its districts file is small: a few
 * tens of kB, read here rather than sent through the ingest worker). Null while loading, for a city
 * that is not built in, or when the file cannot be had (offline with nothing cached): the ground is
 * then the plain ground colour.
 */
export function useGroundShapes(frame: LocalFrame | null): GroundShapes | null {
  const url = useStore((s) => shownBuiltinCity(s)?.districts ?? null);
  const [shapes, setShapes] = useState<{ url: string; frame: LocalFrame; shapes: GroundShapes } | null>(null);
  useEffect(() => {
    if (!url || !frame) return;
    const controller = new AbortController();
    void fetch(url, { signal: controller.signal })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((text) => setShapes({ url, frame, shapes: groundShapes(text, frame) }))
      .catch(() => undefined); // the plain ground stays
    return () => controller.abort();
  }, [url, frame]);
  return shapes && shapes.url === url && shapes.frame === frame ? shapes.shapes : null;
}

/** Painted district lines: 1.5 px wide on a 2048 px texture, dashes of 5 widths and gaps of 3. */
const PAINT_PX = 2048;
const LINE_PX = 1.5;

/** Heights of the ground's parts above y = 0, metres; drawn in this order, none writing depth. */
const PLANE_Y = -0.02;
const LAND_Y = -0.015;
const LINE_Y = -0.01;

/** The land's triangles in the world (x east, y up, z south), with upward normals. */
function landGeometry(land: readonly LocalPolygon[]): THREE.BufferGeometry {
  const { xy, index } = landTriangles(land);
  const n = xy.length / 2;
  const position = new Float32Array(3 * n);
  const normal = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    position[3 * i] = xy[2 * i]!;
    position[3 * i + 1] = LAND_Y;
    position[3 * i + 2] = -xy[2 * i + 1]!;
    normal[3 * i + 1] = 1;
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(position, 3));
  g.setAttribute('normal', new THREE.BufferAttribute(normal, 3));
  g.setIndex(new THREE.BufferAttribute(index, 1));
  return g;
}

/** The districts' outlines as line segments in the world, with the distances dashes are laid along. */
function outlineGeometry(districts: readonly LocalPolygon[]): THREE.BufferGeometry {
  const seg = ringSegments(districts);
  const n = seg.length / 2;
  const position = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    position[3 * i] = seg[2 * i]!;
    position[3 * i + 1] = LINE_Y;
    position[3 * i + 2] = -seg[2 * i + 1]!;
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(position, 3));
  new THREE.LineSegments(g).computeLineDistances();
  return g;
}

/**
 * The data-drawn ground as geometry. Its parts neither write nor need depth: they are drawn first, in
 * order (renderOrder), and everything else is drawn over them. The land receives the sun's shadows as
 * the plane does (SunLight marks the plane).
 */
export function DataGround({ bounds, shapes }: { bounds: Bounds; shapes: GroundShapes | null }) {
  const invalidate = useThree((s) => s.invalidate);
  const view = useMemo(() => groundViewOf(bounds, PAINT_PX), [bounds]);
  const land = useMemo(() => (shapes && shapes.land.length > 0 ? landGeometry(shapes.land) : null), [shapes]);
  const outlines = useMemo(() => (shapes && shapes.districts.length > 0 ? outlineGeometry(shapes.districts) : null), [shapes]);
  useEffect(() => () => land?.dispose(), [land]);
  useEffect(() => () => outlines?.dispose(), [outlines]);
  useEffect(() => invalidate(), [land, outlines, invalidate]);
  const dash = (view.size / PAINT_PX) * LINE_PX;
  return (
    <>
      <mesh position={[view.cx, PLANE_Y, -view.cy]} rotation-x={-Math.PI / 2} renderOrder={-3} name="ground">
        <planeGeometry args={[view.size, view.size]} />
        <meshLambertMaterial color={land ? WATER_COLOR : GROUND_COLOR} depthWrite={false} />
      </mesh>
      {land ? (
        <mesh geometry={land} renderOrder={-2} receiveShadow userData={{ sunMarked: true }} name="ground-land">
          {/* Both sides: the rings' turning (and so the triangles') is whatever the data has. */}
          <meshLambertMaterial color={GROUND_COLOR} depthWrite={false} side={THREE.DoubleSide} />
        </mesh>
      ) : null}
      {outlines ? (
        <lineSegments geometry={outlines} renderOrder={-1} name="ground-districts">
          <lineDashedMaterial color={DISTRICT_LINE_COLOR} dashSize={dash * 5} gapSize={dash * 3} depthWrite={false} />
        </lineSegments>
      ) : null}
    </>
  );
}
