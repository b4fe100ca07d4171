// Opening a new city resets every slice through one action (store/city.ts): no model, scenario or
// selection of the old city survives, whichever path opened the new one.
import { describe, expect, it } from 'vitest';
import { createLocalFrame } from '../../src/core/geo/index.ts';
import { useStore } from '../../src/store/index.ts';
import type { LayerState } from '../../src/store/index.ts';

const layer = (id: string): LayerState => ({ id, kind: 'buildings', name: { text: id }, source: `${id}.geojson`, status: 'ready', progress: 1, visible: true, opacity: 1 });

describe('openCity', () => {
  it('forgets the old city in every slice and places the new one', () => {
    const s = useStore.getState();
    s.setFrame(createLocalFrame(7.42, 43.73));
    s.upsertLayer(layer('old'));
    s.upsertLayer(layer('kept'));
    s.select({ layerId: 'kept', featureId: 3 });
    s.setHovered({ layerId: 'old', featureId: 1 });
    s.openMapping('old');
    s.openSkipped('old');
    s.setCityProfile('MC');
    s.setCarbonParams({ cellSize: 250 });
    s.setDemandScale(1.5);
    s.setFcevShare('car', 0.2);
    s.setHydrogenModelFile('model.json', '{"stations":[]}');
    s.saveScenarioAs('Plan');
    expect(useStore.getState().scenarios.length).toBeGreaterThan(1);

    const frame = createLocalFrame(126.92, 37.52);
    useStore.getState().openCity(frame, 'kept');

    const after = useStore.getState();
    expect(after.layers.map((l) => l.id)).toEqual(['kept']);
    expect(after.frame).toBe(frame);
    expect(after.carbon.profile).toBeNull();
    expect(after.carbon.params.cellSize).toBe(100);
    expect(after.traffic.demandScale).toBe(1);
    expect(after.hydrogen.model).toBeNull();
    expect(after.hydrogen.fcevShare).toEqual({});
    expect(after.scenarios.map((e) => e.id)).toEqual(['baseline']);
    expect(after.activeScenario).toBe('baseline');
    expect(after.history).toEqual({ past: [], future: [] });
    expect(after.selected).toBeNull();
    expect(after.hovered).toBeNull();
    expect(after.mappingLayer).toBeNull();
    expect(after.skippedOpen).toBeNull();

    useStore.getState().openCity(null);
    expect(useStore.getState().layers).toEqual([]);
    expect(useStore.getState().frame).toBeNull();
  });
});
