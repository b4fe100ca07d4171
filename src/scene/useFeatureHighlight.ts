// Keeps a feature material's hover/selection uniforms and opacity in step with the store, without
// re-rendering React (fast-changing state is read with getState()).
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import type * as THREE from 'three';
import { useStore } from '../store/index.ts';
import type { FeatureMaterial } from './featureMaterial.ts';

export function useFeatureHighlight(feature: FeatureMaterial, layerId: string, opacity: number): void {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const apply = (): void => {
      const s = useStore.getState();
      feature.setHovered(s.hovered?.layerId === layerId ? s.hovered.featureId : -1);
      feature.setSelected(s.selected?.layerId === layerId ? s.selected.featureId : -1);
      invalidate();
    };
    apply();
    return useStore.subscribe((s, prev) => {
      if (s.hovered !== prev.hovered || s.selected !== prev.selected) apply();
    });
  }, [feature, layerId, invalidate]);
  useEffect(() => {
    feature.setOpacity(opacity);
    invalidate();
  }, [feature, opacity, invalidate]);
}

/**
 * Wraps a raycast so it sees nothing while a green area is being drawn: clicks then reach the drawing
 * plane on the ground instead of the buildings, links or carbon columns in front of it.
 */
export function unlessDrawing<T extends THREE.Object3D>(raycast: (this: T, raycaster: THREE.Raycaster, hits: THREE.Intersection[]) => void) {
  return function (this: T, raycaster: THREE.Raycaster, hits: THREE.Intersection[]): void {
    if (useStore.getState().carbon.drawing) return;
    raycast.call(this, raycaster, hits);
  };
}
