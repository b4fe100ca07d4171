// Drawing new green areas for the carbon what-if: while drawing, clicks on the ground add corners
// (buildings and other layers let the click through); drawn and finished areas show as green fills.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { type ThreeEvent, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useStore } from '../store/index.ts';
import { GREEN_COLOR } from './palette.ts';

const Z = 0.4;
/** The ground, y = 0 in the world (y up). */
const GROUND_PLANE = new THREE.Plane(new THREE.Vector3(0, 1, 0), 0);

function Area({ ring, closed }: { ring: readonly number[]; closed: boolean }) {
  const { fill, line } = useMemo(() => {
    const pts: THREE.Vector2[] = [];
    for (let i = 0; i < ring.length; i += 2) pts.push(new THREE.Vector2(ring[i], ring[i + 1]));
    const fill = closed && pts.length >= 3 ? new THREE.ShapeGeometry(new THREE.Shape(pts)) : null;
    const linePts = pts.map((p) => new THREE.Vector3(p.x, p.y, Z + 0.05));
    if (closed && linePts.length > 0) linePts.push(linePts[0]!.clone());
    return { fill, line: new THREE.BufferGeometry().setFromPoints(linePts) };
  }, [ring, closed]);
  useEffect(() => () => {
    fill?.dispose();
    line.dispose();
  }, [fill, line]);
  return (
    <group>
      {fill ? (
        <mesh geometry={fill} position-z={Z} renderOrder={7}>
          <meshBasicMaterial color={GREEN_COLOR} transparent opacity={0.75} side={THREE.DoubleSide} />
        </mesh>
      ) : null}
      <lineSegments geometry={line} renderOrder={8}>
        <lineBasicMaterial color="#1b5e20" />
      </lineSegments>
      {!closed
        ? Array.from({ length: ring.length / 2 }, (_, i) => (
            <mesh key={i} position={[ring[2 * i]!, ring[2 * i + 1]!, Z + 1]}>
              <sphereGeometry args={[2.5, 8, 6]} />
              <meshBasicMaterial color="#1b5e20" />
            </mesh>
          ))
        : null}
    </group>
  );
}

export function DrawGreen({ bounds }: { bounds: readonly [number, number, number, number, number, number] }) {
  const drawing = useStore((s) => s.carbon.drawing);
  const extra = useStore((s) => s.carbon.params.extraGreen);
  const [x0, y0, , x1, y1] = bounds;
  const plane = useRef<THREE.Mesh>(null);
  const invalidate = useThree((s) => s.invalidate);
  // The view renders on demand: give the click plane its place in the world now, not at the next frame (a
  // click before that frame would hit it where it stood unplaced).
  useLayoutEffect(() => {
    plane.current?.updateWorldMatrix(true, false);
    invalidate();
  }, [drawing !== null, invalidate]);
  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    if (e.delta > 6) return;
    e.stopPropagation();
    // Where the pointer's ray meets the ground (the plane only catches the click).
    const ground = e.ray.intersectPlane(GROUND_PLANE, new THREE.Vector3());
    if (ground) useStore.getState().addDrawingPoint(ground.x, -ground.z);
  };
  return (
    <>
      {(extra ?? []).map((g, i) => (
        <Area key={i} ring={g.ring} closed />
      ))}
      {drawing ? (
        <>
          <Area ring={drawing.points} closed={false} />
          <mesh ref={plane} position={[(x0 + x1) / 2, (y0 + y1) / 2, Z]} onClick={onClick} onDoubleClick={() => useStore.getState().finishDrawing()}>
            <planeGeometry args={[x1 - x0 + 2000, y1 - y0 + 2000]} />
            <meshBasicMaterial visible={false} />
          </mesh>
        </>
      ) : null}
    </>
  );
}
