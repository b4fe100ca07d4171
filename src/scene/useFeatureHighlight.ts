// Keeps a feature material's hover/selection uniforms and opacity in step with the store, without
// re-rendering React (fast-changing state is read with getState()).
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
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
