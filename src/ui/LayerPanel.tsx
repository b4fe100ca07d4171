// Layer list: show/hide, opacity, load status and progress, skipped features, and each layer's legend.
import { saveFile } from './download.ts';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Scheme } from '../core/attributes/index.ts';
import { styleColors } from '../scene/styleByProperty.ts';
import { LayerInputBadge } from './InputMapping.tsx';
import { DrawAs, ExtrudeControls, LayerTitle, PointSizeControls, useLayerKeys } from './LayerControls.tsx';
import { ROAD_CLASSES, LANE_WIDTH_M, HeightSource } from '../core/geo/index.ts';
import { type LayerState, useStore } from '../store/index.ts';
import { AREA_COLOR, POINT_COLOR, BUILDING_COLOR, BUILDING_ESTIMATED_COLOR, GREEN_COLOR, ROAD_COLORS } from '../scene/palette.ts';
import { CRS_CODES, type CrsCode, crsInfo, isCrsCode } from '../core/crs/index.ts';
import { type LayerKind, type LayerPart, sizeVerdict } from '../core/ingest/index.ts';
import { layerName } from './layerName.ts';
import { problemText } from '../core/language/problemText.ts';
import { Legend } from './Legend.tsx';
import { TilesetInput } from './TilesetInput.tsx';
import type { MessageKey } from './i18n/index.ts';
import { useNumberFormat, useT } from './useT.ts';

function StyleControls({ layer }: { layer: LayerState }) {
  const t = useT();
  const setLayerStyle = useStore((s) => s.setLayerStyle);
  const openTable = useStore((s) => s.openTable);
  // Keys from a sample: the table and the styling decode in full only when the user asks for them.
  const keys = useLayerKeys(layer);
  const style = layer.style;
  if (keys.length === 0) return <div className="style-controls"><DrawAs layer={layer} /><ExtrudeControls layer={layer} keys={keys} /></div>;
  return (
    <div className="style-controls">
      <label className="field">
        <span>{t('style.colourBy')}</span>
        <select className="span2" value={style?.property ?? ''} data-testid="style-property"
          onChange={(e) => {
            const key = keys.find((k) => k.key === e.target.value);
            if (!key) setLayerStyle(layer.id, null);
            else setLayerStyle(layer.id, { property: key.key, scheme: key.numeric >= key.count * 0.8 ? 'sequential' : 'categorical' });
          }}>
          <option value="">{t('style.default')}</option>
          {keys.map((k) => (
            <option key={k.key} value={k.key}>{k.key}</option>
          ))}
        </select>
      </label>
      {style ? (
        <label className="field">
          <span>{t('style.scheme')}</span>
          <select className="span2" value={style.scheme} data-testid="style-scheme" onChange={(e) => setLayerStyle(layer.id, { ...style, scheme: e.target.value as Scheme })}>
            {(['sequential', 'diverging', 'categorical'] as const).map((s) => (
              <option key={s} value={s}>{t(`style.${s}`)}</option>
            ))}
          </select>
        </label>
      ) : null}
      <DrawAs layer={layer} />
      <ExtrudeControls layer={layer} keys={keys} />
      <PointSizeControls layer={layer} keys={keys} />
      <button type="button" className="link" onClick={() => openTable(layer.id)} data-testid="open-table">{t('table.open')}</button>
    </div>
  );
}

function LayerLegend({ layer }: { layer: LayerState }) {
  const t = useT();
  const fmt = useNumberFormat(0);
  const d = layer.data;
  if (!d) return null;
  if (layer.style) {
    const { legend } = styleColors(d.data.properties, layer.style);
    return (
      <Legend
        title={layer.style.property}
        {...(legend.items ? { items: legend.items } : {})}
        {...(legend.ramp ? { ramp: legend.ramp } : {})}
        {...(legend.missing > 0 ? { note: t('style.missing', { n: fmt(legend.missing) }) } : {})}
      />
    );
  }
  // Each kind of a file with several has its own colours, so its own legend.
  const hidden = layer.hiddenParts ?? [];
  return (
    <>
      {[d, ...(d.parts ?? [])].filter((p) => drawnCount(p) > 0 && !hidden.includes(p.kind)).map((p) => (
        <PartLegend key={p.kind} part={p} />
      ))}
    </>
  );
}

function PartLegend({ part: d }: { part: LayerPart }) {
  const t = useT();
  const fmt = useNumberFormat(0);
  if (d.kind === 'roads') {
    const present = new Set<number>();
    d.data.features.roadClass.forEach((c, i) => {
      if (d.data.features.drawn[i]) present.add(c);
    });
    const items = ROAD_CLASSES.filter((_, i) => present.has(i)).map((c) => ({ color: ROAD_COLORS[c.key]!, label: t(`road.${c.key}` as MessageKey) }));
    return <Legend items={items} note={t('legend.roads.widths', { lane: LANE_WIDTH_M })} />;
  }
  if (d.kind === 'green') return <Legend items={[{ color: GREEN_COLOR, label: t('legend.green') }]} />;
  if (d.kind === 'areas') return <Legend items={[{ color: AREA_COLOR, label: t('legend.areas') }]} />;
  if (d.kind === 'points') return <Legend items={[{ color: POINT_COLOR, label: t('legend.points') }]} />;
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

/** Features a part draws (its own `drawn` flags). */
function drawnCount(part: LayerPart): number {
  let n = 0;
  for (const d of part.data.features.drawn) n += d;
  return n;
}

const PART_COLOR: Readonly<Record<LayerKind, string>> = { buildings: BUILDING_COLOR, green: GREEN_COLOR, areas: AREA_COLOR, roads: ROAD_COLORS['primary'] ?? AREA_COLOR, points: POINT_COLOR };

/**
 * The kinds of a file with several (points, lines, flat or extruded polygons), each with its count and a
 * box to show or hide it on its own, and the features without a location (in the table only).
 */
function LayerParts({ layer }: { layer: LayerState }) {
  const t = useT();
  const fmt = useNumberFormat(0);
  const setPartVisible = useStore((s) => s.setPartVisible);
  const d = layer.data;
  if (!d || (!d.parts && !d.unlocated)) return null;
  const parts = [d, ...(d.parts ?? [])].filter((p) => p === d ? drawnCount(p) > 0 || !d.unlocated : true);
  const name = layerName(t, layer);
  const hidden = layer.hiddenParts ?? [];
  return (
    <ul className="layer-parts" aria-label={t('layer.parts')} data-testid="layer-parts">
      {parts.map((p) => {
        const kind = t(`part.${p.kind}` as MessageKey);
        return (
          <li key={p.kind} data-part={p.kind}>
            <label className="check">
              <input type="checkbox" checked={!hidden.includes(p.kind)} disabled={!layer.visible}
                aria-label={t('layer.partShow', { kind, name })}
                onChange={(e) => setPartVisible(layer.id, p.kind, e.target.checked)} />
              <span className="swatch" style={{ background: PART_COLOR[p.kind] }} aria-hidden="true" />
              {t('layer.part', { kind, n: fmt(drawnCount(p)) })}
            </label>
          </li>
        );
      })}
      {d.unlocated ? (
        <li data-part="unlocated">
          <span className="swatch none" aria-hidden="true" />
          {t('layer.part', { kind: t('part.unlocated'), n: fmt(d.unlocated.length) })}
        </li>
      ) : null}
    </ul>
  );
}

/** Layer `id`'s row: a layer's load progress redraws its own row only. */
function LayerRowById({ id, index, count }: { id: string; index: number; count: number }) {
  const layer = useStore((s) => s.layers.find((l) => l.id === id));
  return layer ? <LayerRow layer={layer} index={index} count={count} /> : null;
}

function LayerRow({ layer, index, count }: { layer: LayerState; index: number; count: number }) {
  const t = useT();
  const language = useStore((s) => s.language);
  const fmt = useNumberFormat(0);
  const setOpacity = useStore((s) => s.setOpacity);
  const openSkipped = useStore((s) => s.openSkipped);
  const removeLayer = useStore((s) => s.removeLayer);
  const stats = layer.data?.stats;
  return (
    <li className="layer" data-layer={layer.id} data-status={layer.status}>
      <LayerTitle layer={layer} index={index} count={count} />
      {layer.status === 'loading' ? (
        <div className="layer-progress">
          <progress max={1} value={layer.progress} />
          <span>{t('layer.loading', { pct: Math.round(layer.progress * 100) })}</span>
        </div>
      ) : null}
      {layer.error ? (
        <div className="layer-error" role="alert">
          {t('layer.failed', { message: layer.errorProblem ? problemText(language, layer.errorProblem) : layer.error })}
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
          {layer.data?.warningCount ? (
            <button type="button" className="link" onClick={() => openSkipped(layer.id)} data-testid="layer-warnings">
              {t('layer.warnings', { n: fmt(layer.data.warningCount) })}
            </button>
          ) : null}
        </div>
      ) : null}
      <LayerParts layer={layer} />
      {layer.data?.crs && layer.data.crs.how !== 'default' ? (
        <div className="layer-stats">{t('layer.crs', { code: layer.data.crs.code, how: t(`crs.how.${layer.data.crs.how}`) })}</div>
      ) : null}
      <div className="layer-actions">
        {layer.id.startsWith('user-') && layer.status !== 'loading' ? (
          <button type="button" className="link" onClick={() => removeLayer(layer.id)} data-testid="layer-remove">{t('layers.remove')}</button>
        ) : null}
        {layer.status === 'ready' && !layer.source.startsWith('synthetic:') ? (
          <button type="button" className="link" onClick={() => void downloadLayer(layer)} data-testid="layer-export">{t('layer.export')}</button>
        ) : null}
      </div>
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
      {layer.status === 'ready' ? <StyleControls layer={layer} /> : null}
      <LayerInputBadge layer={layer} />
      {layer.visible ? <LayerLegend layer={layer} /> : null}
    </li>
  );
}

/** Saves a layer's drawn features as a GeoJSON file (the browser's download). */
async function downloadLayer(layer: LayerState): Promise<void> {
  const bytes = await useStore.getState().exportLayer(layer.id);
  if (!bytes) return;
  const base = (layer.fileName ?? layer.id).replace(/\.(city\.jsonl?|geojsonl?|ndjson|jsonl?|json)$/i, '');
  saveFile(`${base}.export.geojson`, bytes as BlobPart, 'application/geo+json');
}

/**
 * TNTP files (chosen or dropped together): the network (`_net`), its trip table (`_trips`) and node
 * coordinates (`_node`) open as the traffic model; a missing part is named.
 */
async function openTntpFiles(files: readonly File[]): Promise<void> {
  const { notify, openTntp } = useStore.getState();
  const find = (part: string): File | undefined => files.find((f) => f.name.toLowerCase().replace(/\.tntp$/, '').endsWith(`_${part}`));
  const net = find('net'), trips = find('trips'), nodes = find('node') ?? find('nodes');
  const missing = [net ? null : '_net.tntp', trips ? null : '_trips.tntp', nodes ? null : '_node.tntp'].filter((m) => m !== null);
  if (!net || !trips || !nodes) {
    notify('error', 'notice.tntpMissing', { missing: missing.join(', ') });
    return;
  }
  const read = async (f: File) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  await openTntp({ net: await read(net), trips: await read(trips), nodes: await read(nodes) });
}

/** Opens files as layers through blob URLs, so every worker can read them too. */
export function loadFiles(files: Iterable<File>, crs: CrsCode | 'auto' = 'auto'): void {
  const { notify, loadUserLayer, language } = useStore.getState();
  const all = Array.from(files);
  const tntp = all.filter((f) => f.name.toLowerCase().endsWith('.tntp'));
  if (tntp.length > 0) void openTntpFiles(tntp);
  for (const file of all.filter((f) => !tntp.includes(f))) {
    const verdict = sizeVerdict(file.size);
    if (!verdict.ok) {
      notify('error', 'notice.fileTooBig', { name: file.name, message: problemText(language, verdict.problem) });
      continue;
    }
    if (verdict.warn) notify('info', 'notice.fileLarge', { name: file.name, mb: Math.round(file.size / 2 ** 20) });
    void loadUserLayer({ name: file.name, url: URL.createObjectURL(file), crs });
  }
}

function AddLayer() {
  const t = useT();
  const [crs, setCrs] = useState<CrsCode | 'auto'>('auto');
  return (
    <div className="add-layer">
      <label className="file-button">
        <input
          type="file" multiple accept=".geojson,.json,.geojsonl,.ndjson,.jsonl,.city.json,.city.jsonl,.tntp,application/geo+json" data-testid="add-layer"
          onChange={(e) => {
            if (e.target.files) loadFiles(Array.from(e.target.files), crs);
            e.target.value = '';
          }}
        />
        <span>{t('layers.add')}</span>
      </label>
      <p className="muted small">{t('layers.drop')}</p>
      <label className="field">
        <span>{t('layers.crs')}</span>
        <select
          className="span2" value={crs} data-testid="add-layer-crs"
          onChange={(e) => {
            const code = Number(e.target.value);
            setCrs(isCrsCode(code) ? code : 'auto');
          }}
        >
          <option value="auto">{t('layers.crsAuto')}</option>
          {CRS_CODES.map((code) => (
            <option key={code} value={code}>EPSG:{code} · {crsInfo(code).name}</option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** The far level of detail, for every building layer: on by default, with what it does said beside it. */
function FarDetail() {
  const t = useT();
  const farDetail = useStore((s) => s.farDetail);
  const setFarDetail = useStore((s) => s.setFarDetail);
  return (
    <div className="far-detail">
      <label className="check">
        <input type="checkbox" checked={farDetail === 'full'} data-testid="far-detail-full" aria-describedby="far-detail-hint" onChange={(e) => setFarDetail(e.target.checked ? 'full' : 'adaptive')} />
        {t('detail.full')}
      </label>
      <p className="muted small" id="far-detail-hint">{t('detail.hint')}</p>
    </div>
  );
}

export function LayerPanel() {
  const t = useT();
  const ids = useStore(useShallow((s) => s.layers.map((l) => l.id)));
  // Top of the list is drawn on top: show in reverse load order.
  return (
    <section className="panel layer-panel" aria-label={t('layers.title')}>
      <h2>{t('layers.title')}</h2>
      <AddLayer />
      <TilesetInput />
      <ul className="layers">
        {ids.map((id, i) => ({ id, i })).reverse().map(({ id, i }) => (
          <LayerRowById key={id} id={id} index={i} count={ids.length} />
        ))}
      </ul>
      <FarDetail />
    </section>
  );
}
