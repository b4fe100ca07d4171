// The selected feature: its name, how tall it is and where that height came from, and all of its
// properties — rendered as text nodes only, whatever the file put in them.
import { useMemo } from 'react';
import {
  HeightSource,
  ROAD_CLASSES,
  STOREY_HEIGHT_M,
  estimatedStoreys,
  propertyText,
  unpackProperties,
} from '../core/geo/index.ts';
import { partOf } from '../core/ingest/index.ts';
import { useStore } from '../store/index.ts';
import type { MessageKey } from './i18n/index.ts';
import { CarbonCellInfo } from './CarbonCellInfo.tsx';
import { ImportedCarbonInfo } from './ImportedCarbonInfo.tsx';
import { LinkInfo } from './LinkInfo.tsx';
import { TilesInfo } from './TilesetInfo.tsx';
import { HydrogenStationInfo } from './HydrogenStationInfo.tsx';
import { layerName } from './layerName.ts';
import { useNumberFormat, useT } from './useT.ts';

export function InfoPanel() {
  const t = useT();
  const fmt = useNumberFormat(1);
  const selected = useStore((s) => s.selected);
  const layer = useStore((s) => s.layers.find((l) => l.id === s.selected?.layerId));
  const language = useStore((s) => s.language);
  const select = useStore((s) => s.select);
  const whole = layer?.data;
  const id = selected?.featureId ?? -1;
  // A file of several kinds: the facts of the sub-layer that draws the feature.
  const d = whole ? (partOf(whole, id) ?? whole) : undefined;
  const props = useMemo(() => (d && id >= 0 && id < d.data.features.count ? unpackProperties(d.data.properties, id) : null), [d, id]);
  if (selected?.layerId === 'traffic') return <LinkInfo link={selected.featureId} />;
  if (selected?.layerId === 'carbon') return <CarbonCellInfo cell={selected.featureId} />;
  if (selected?.layerId === 'carbon-import') return <ImportedCarbonInfo id={selected.featureId} />;
  if (selected?.layerId.startsWith('tiles-')) return <TilesInfo />;
  if (selected?.layerId === 'hydrogen') return <HydrogenStationInfo station={selected.featureId} />;
  if (!layer || !d || !props) return null;

  const localName = props[`name:${language}`];
  const name = propertyText(localName ?? props['name']);
  const title = name || t('info.untitled', { layer: layerName(t, layer), id });
  const subtitle = localName !== undefined && props['name'] !== undefined && propertyText(props['name']) !== name ? propertyText(props['name']) : '';
  const facts: Array<[string, string]> = [];
  if (whole?.unlocated?.includes(id)) facts.push(['', t('table.noLocationTitle')]);
  else if (d.kind === 'buildings') {
    const f = d.data.features;
    const h = fmt(f.height[id]!);
    const source = f.heightSource[id];
    const levels = Number(props['building:levels'] ?? 0) + Number(props['roof:levels'] ?? 0);
    facts.push([
      t('info.height'),
      source === HeightSource.Height
        ? t('info.height.tag', { h })
        : source === HeightSource.Levels
          ? t('info.height.levels', { h, levels: fmt(levels), storey: STOREY_HEIGHT_M })
          : t('info.height.estimate', { h, storeys: estimatedStoreys(props['building']), storey: STOREY_HEIGHT_M, type: propertyText(props['building']) || '—' }),
    ]);
    if (f.minHeight[id]! > 0) facts.push(['', t('info.base', { h: fmt(f.minHeight[id]!) })]);
    facts.push([t('info.area'), `${fmt(f.area[id]!)} m²`]);
  } else if (d.kind === 'roads') {
    const f = d.data.features;
    facts.push([t('info.roadClass'), t(`road.${ROAD_CLASSES[f.roadClass[id]!]?.key ?? 'other'}` as MessageKey)]);
    facts.push([t('info.length'), `${fmt(f.length[id]!)} m`]);
    facts.push([t('info.width'), `${fmt(f.width[id]!)} m`]);
  } else if (d.kind !== 'points') {
    facts.push([t('info.area'), `${fmt(d.data.features.area[id]!)} m²`]);
  }
  const entries = Object.entries(props);

  return (
    <aside className="panel info-panel" aria-label={t('info.title')} data-testid="info-panel">
      <header>
        <div>
          <div className="info-kicker">{layerName(t, layer)}</div>
          <h2 className="info-title">{title}</h2>
          {subtitle ? <div className="info-subtitle">{subtitle}</div> : null}
        </div>
        <button type="button" className="close" onClick={() => select(null)} aria-label={t('info.close')}>
          ×
        </button>
      </header>
      <dl className="facts">
        {facts.map(([k, v], i) => (
          <div key={i} data-fact={i === 0 ? 'primary' : undefined}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('info.properties')}</h3>
      {entries.length === 0 ? (
        <p className="muted">{t('info.noProperties')}</p>
      ) : (
        <table className="props">
          <tbody>
            {entries.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{propertyText(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
