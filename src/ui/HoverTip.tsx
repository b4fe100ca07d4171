// What the pointer is over, in one line at the bottom of the screen: a carbon cell's sectors, a hydrogen
// station's demand, delivery and use, or the feature's name — as text.
import { propertyText, unpackProperties } from '../core/geo/index.ts';
import { useStore } from '../store/index.ts';
import { useNumberFormat, useT } from './useT.ts';

export function HoverTip() {
  const t = useT();
  const fmt = useNumberFormat(0);
  const hovered = useStore((s) => s.hovered);
  const carbon = useStore((s) => (s.hovered?.layerId === 'carbon' ? s.carbon.result : null));
  const station = useStore((s) => (s.hovered?.layerId === 'hydrogen' ? s.hydrogen.result?.solution?.stations[s.hovered.featureId] : undefined));
  const layer = useStore((s) => s.layers.find((l) => l.id === s.hovered?.layerId));
  if (!hovered) return null;
  let text = '';
  if (hovered.layerId === 'carbon' && carbon && hovered.featureId < carbon.grid.length) {
    const a = carbon.grid.attributes;
    const i = hovered.featureId;
    text = `${t('carbon.cell', { id: i })} · ${t('carbon.buildings')} ${fmt(a.buildings.value[i]!)} · ${t('carbon.transport')} ${fmt(a.transport.value[i]!)} · ${t('carbon.sinks')} ${fmt(a.sinks.value[i]!)} · ${t('carbon.net')} ${fmt(a.net.value[i]!)} ${t('unit.tPerYear')}`;
  } else if (station) {
    const kg = t('hydrogen.unit.kgDay');
    text = `${station.name} · ${t('hydrogen.demandShort')} ${fmt(station.demandKgPerDay)} ${kg} · ${t('hydrogen.deliveredShort')} ${fmt(station.deliveredKgPerDay)} ${kg} · ${t('hydrogen.utilShort')} ${fmt(station.utilisation * 100)} %`;
  } else if (layer?.data && hovered.featureId < layer.data.data.features.count) {
    const name = propertyText(unpackProperties(layer.data.data.properties, hovered.featureId)['name']);
    if (name) text = name;
  }
  if (!text) return null;
  return (
    <div className="hover-tip" role="status" data-testid="hover-tip">
      {text}
    </div>
  );
}
