// A layer's own controls beside its style: rename, drawing order, flat or extruded, height from a
// property or a constant, and marker size from a property.
import { useEffect, useMemo, useState } from 'react';
import { type AttributeKey, attributeKeys, pointRadii, sampleRows } from '../core/attributes/index.ts';
import type { PackedProperties } from '../core/geo/index.ts';
import { layerExtrusion, rowsOf } from '../scene/styleByProperty.ts';
import { type LayerState, useStore } from '../store/index.ts';
import { layerName } from './layerName.ts';
import { useNumberFormat, useT } from './useT.ts';
import { NumberInput } from './NumberInput.tsx';

/** Features sampled to list a layer's property keys (decoding a whole big layer would block the page). */
const KEY_SAMPLE = 2000;

const NO_KEYS: AttributeKey[] = [];
/** Keys found per layer's properties (kept while the layer's data lives). */
const keysOf = new WeakMap<PackedProperties, AttributeKey[]>();

/**
 * A layer's property keys, from a sample of its features. Found in a task of their own after the row first
 * shows (none until then): a city's layers arrive together, and sampling all of them inside the panel's
 * render made one 42 ms-CPU task of the start-up (`npm run bench -- startup`).
 */
export function useLayerKeys(layer: LayerState): AttributeKey[] {
  const properties = layer.data?.data.properties;
  const [, found] = useState(0);
  useEffect(() => {
    if (!properties || keysOf.has(properties)) return;
    const timer = setTimeout(() => {
      keysOf.set(properties, attributeKeys(sampleRows(properties, KEY_SAMPLE)));
      found((n) => n + 1);
    }, 0);
    return () => clearTimeout(timer);
  }, [properties]);
  return (properties && keysOf.get(properties)) || NO_KEYS;
}

/** Name, rename, and up/down in the list (which is also the drawing order within a kind). */
export function LayerTitle({ layer, index, count }: { layer: LayerState; index: number; count: number }) {
  const t = useT();
  const name = layerName(t, layer);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const renameLayer = useStore((s) => s.renameLayer);
  const moveLayer = useStore((s) => s.moveLayer);
  const setVisible = useStore((s) => s.setVisible);
  const commit = (): void => {
    renameLayer(layer.id, draft);
    setEditing(false);
  };
  // A layer that failed to load has nothing to show, rename or move: its name and the error only.
  if (layer.status === 'error') {
    return (
      <div className="layer-title">
        <span className="layer-name">{name}</span>
      </div>
    );
  }
  return (
    <div className="layer-title">
      <input type="checkbox" checked={layer.visible} onChange={(e) => setVisible(layer.id, e.target.checked)} aria-label={t('layer.show', { name })} />
      {editing ? (
        <input
          className="layer-rename" value={draft} autoFocus aria-label={t('layer.renameLabel', { name })} data-testid="layer-rename-input"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setEditing(false);
          }}
        />
      ) : (
        <span className="layer-name" onDoubleClick={() => { setDraft(name); setEditing(true); }}>{name}</span>
      )}
      <span className="layer-tools">
        <button type="button" className="icon" title={t('layer.rename')} aria-label={t('layer.rename')} data-testid="layer-rename"
          onClick={() => { setDraft(name); setEditing(true); }}>✎</button>
        {/* The list shows the top layer first: "up" moves towards the end of the store's order. */}
        <button type="button" className="icon" disabled={index >= count - 1} aria-label={t('layer.up', { name })} data-testid="layer-up" onClick={() => moveLayer(layer.id, 1)}>▲</button>
        <button type="button" className="icon" disabled={index <= 0} aria-label={t('layer.down', { name })} data-testid="layer-down" onClick={() => moveLayer(layer.id, -1)}>▼</button>
      </span>
    </div>
  );
}

/** Flat areas or extruded blocks, for a user's polygon layer (reloads it in the worker as the other kind). */
export function DrawAs({ layer }: { layer: LayerState }) {
  const t = useT();
  const reload = useStore((s) => s.reloadLayerAs);
  const kind = layer.data?.kind;
  if (kind !== 'areas' && kind !== 'buildings') return null;
  if (!layer.id.startsWith('user-')) return null;
  return (
    <label className="field">
      <span>{t('layer.drawAs')}</span>
      <select className="span2" value={kind} data-testid="layer-draw-as" disabled={layer.status === 'loading'}
        onChange={(e) => void reload(layer.id, e.target.value === 'buildings' ? 'buildings' : 'areas')}>
        <option value="areas">{t('layer.drawAs.areas')}</option>
        <option value="buildings">{t('layer.drawAs.buildings')}</option>
      </select>
    </label>
  );
}

/** Heights of an extruded layer: from the file, one constant, or a numeric property times a scale. */
export function ExtrudeControls({ layer, keys }: { layer: LayerState; keys: readonly AttributeKey[] }) {
  const t = useT();
  const fmt = useNumberFormat(0);
  const setExtrusion = useStore((s) => s.setExtrusion);
  const d = layer.data;
  const e = layer.extrude;
  const numeric = keys.filter((k) => k.numeric > 0);
  const missing = useMemo(
    () => (d && d.kind === 'buildings' && e?.by === 'property' ? layerExtrusion(d.data, e).missing : 0),
    [d, e],
  );
  if (!d || d.kind !== 'buildings') return null;
  const mode = e === undefined ? '' : e.by === 'constant' ? ':constant' : e.property;
  return (
    <>
      <label className="field">
        <span>{t('extrude.title')}</span>
        <select className="span2" value={mode} data-testid="extrude-by"
          onChange={(ev) => {
            const v = ev.target.value;
            if (v === '') setExtrusion(layer.id, null);
            else if (v === ':constant') setExtrusion(layer.id, { by: 'constant', metres: 10 });
            else setExtrusion(layer.id, { by: 'property', property: v, scale: 1 });
          }}>
          <option value="">{t('extrude.file')}</option>
          <option value=":constant">{t('extrude.constant')}</option>
          {numeric.map((k) => (
            <option key={k.key} value={k.key}>{t('extrude.property', { key: k.key })}</option>
          ))}
        </select>
      </label>
      {e?.by === 'constant' ? (
        <label className="field">
          <span>{t('extrude.metres')}</span>
          <NumberInput value={e.metres} label={t('extrude.metres')} testId="extrude-metres" onChange={(metres) => setExtrusion(layer.id, { by: 'constant', metres })} />
        </label>
      ) : null}
      {e?.by === 'property' ? (
        <label className="field">
          <span>{t('extrude.scale')}</span>
          <NumberInput value={e.scale} label={t('extrude.scale')} testId="extrude-scale" onChange={(scale) => setExtrusion(layer.id, { ...e, scale })} />
        </label>
      ) : null}
      {missing > 0 ? <p className="muted small">{t('extrude.missing', { n: fmt(missing) })}</p> : null}
    </>
  );
}

/** Marker size of a point layer: one size, or area proportional to a numeric property. */
export function PointSizeControls({ layer, keys }: { layer: LayerState; keys: readonly AttributeKey[] }) {
  const t = useT();
  const fmt = useNumberFormat(0);
  const fmtValue = useNumberFormat(2);
  const setPointSize = useStore((s) => s.setPointSize);
  const d = layer.data;
  const size = layer.pointSize;
  const radii = useMemo(() => (d && d.kind === 'points' && size ? pointRadii(rowsOf(d.data.properties), size) : null), [d, size]);
  if (!d || d.kind !== 'points') return null;
  const numeric = keys.filter((k) => k.numeric > 0);
  return (
    <>
      <label className="field">
        <span>{t('pointSize.title')}</span>
        <select className="span2" value={size?.property ?? ''} data-testid="point-size-by"
          onChange={(ev) => setPointSize(layer.id, ev.target.value === '' ? null : { property: ev.target.value, maxRadiusM: size?.maxRadiusM ?? 20 })}>
          <option value="">{t('pointSize.fixed')}</option>
          {numeric.map((k) => (
            <option key={k.key} value={k.key}>{k.key}</option>
          ))}
        </select>
      </label>
      {size ? (
        <label className="field">
          <span>{t('pointSize.max')}</span>
          <NumberInput value={size.maxRadiusM} min={1} label={t('pointSize.max')} testId="point-size-max" onChange={(maxRadiusM) => setPointSize(layer.id, { ...size, maxRadiusM })} />
        </label>
      ) : null}
      {size && radii ? <p className="muted small">{t('pointSize.note', { key: size.property, max: fmtValue(radii.maxValue), n: fmt(radii.missing) })}</p> : null}
    </>
  );
}
