// Layer list: show/hide, opacity, load status and progress, skipped features, and each layer's legend.
import { ROAD_CLASSES, LANE_WIDTH_M, HeightSource } from '../core/geo/index.ts';
import { type LayerState, useStore } from '../store/index.ts';
import { BUILDING_COLOR, BUILDING_ESTIMATED_COLOR, GREEN_COLOR, ROAD_COLORS } from '../scene/palette.ts';
import { Legend } from './Legend.tsx';
import type { MessageKey } from './i18n/index.ts';
import { layerName } from './layerName.ts';
import { useNumberFormat, useT } from './useT.ts';

function LayerLegend({ layer }: { layer: LayerState }) {
  const t = useT();
  const fmt = useNumberFormat(0);
  const d = layer.data;
  if (!d) return null;
  if (d.kind === 'roads') {
    const present = new Set(d.data.features.roadClass);
    const items = ROAD_CLASSES.filter((_, i) => present.has(i)).map((c) => ({ color: ROAD_COLORS[c.key]!, label: t(`road.${c.key}` as MessageKey) }));
    return <Legend items={items} note={t('legend.roads.widths', { lane: LANE_WIDTH_M })} />;
  }
  if (d.kind === 'green') return <Legend items={[{ color: GREEN_COLOR, label: t('legend.green') }]} />;
  const counts = [0, 0, 0];
  d.data.features.heightSource.forEach((s, i) => {
    if (d.data.features.drawn[i]) counts[s]!++;
  });
  return (
    <Legend
      items={[
        { color: BUILDING_COLOR, label: t('legend.buildings.known') },
        { color: BUILDING_ESTIMATED_COLOR, label: t('legend.buildings.estimated') },
      ]}
      note={t('legend.buildings.heights', {
        tag: fmt(counts[HeightSource.Height]!),
        levels: fmt(counts[HeightSource.Levels]!),
        estimate: fmt(counts[HeightSource.Estimate]!),
      })}
    />
  );
}

function LayerRow({ layer }: { layer: LayerState }) {
  const t = useT();
  const fmt = useNumberFormat(0);
  const setVisible = useStore((s) => s.setVisible);
  const setOpacity = useStore((s) => s.setOpacity);
  const openSkipped = useStore((s) => s.openSkipped);
  const name = layerName(t, layer);
  const stats = layer.data?.stats;
  return (
    <li className="layer" data-layer={layer.id} data-status={layer.status}>
      <label className="layer-head">
        <input
          type="checkbox"
          checked={layer.visible}
          onChange={(e) => setVisible(layer.id, e.target.checked)}
          aria-label={t('layer.show', { name })}
        />
        <span className="layer-name">{name}</span>
      </label>
      {layer.status === 'loading' ? (
        <div className="layer-progress">
          <progress max={1} value={layer.progress} />
          <span>{t('layer.loading', { pct: Math.round(layer.progress * 100) })}</span>
        </div>
      ) : null}
      {layer.error ? (
        <div className="layer-error" role="alert">
          {t('layer.failed', { message: layer.error })}
        </div>
      ) : null}
      {stats ? (
        <div className="layer-stats">
          {t('layer.features', { drawn: fmt(stats.drawn), total: fmt(stats.features) })}
          {stats.skipped > 0 ? (
            <button type="button" className="link" onClick={() => openSkipped(layer.id)}>
              {t('layer.skipped', { n: fmt(stats.skipped) })}
            </button>
          ) : null}
        </div>
      ) : null}
      {layer.status === 'ready' ? (
        <label className="layer-opacity">
          <span>{t('layer.opacity')}</span>
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={layer.opacity}
            onChange={(e) => setOpacity(layer.id, Number(e.target.value))}
          />
        </label>
      ) : null}
      {layer.visible ? <LayerLegend layer={layer} /> : null}
    </li>
  );
}

export function LayerPanel() {
  const t = useT();
  const layers = useStore((s) => s.layers);
  // Top of the list is drawn on top: show in reverse load order.
  return (
    <section className="panel layer-panel" aria-label={t('layers.title')}>
      <h2>{t('layers.title')}</h2>
      <ul className="layers">
        {[...layers].reverse().map((l) => (
          <LayerRow key={l.id} layer={l} />
        ))}
      </ul>
    </section>
  );
}
