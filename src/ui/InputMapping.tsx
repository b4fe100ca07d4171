// A loaded layer as a model input: pick its role, map its properties (and category values) to what the
// model reads, and see a preview of the first features as the model will read them before applying.
import { useMemo, useState } from 'react';
import { attributeKeys, sampleRows } from '../core/attributes/index.ts';
import {
  type FieldMapping,
  type InputMapping,
  type InputRole,
  ROLE_SPECS,
  type RoleField,
  categoryOf,
  guessMapping,
  previewMapping,
  rolesFor,
} from '../core/layerinput/index.ts';
import { propertyText } from '../core/geo/index.ts';
import { type LayerState, useStore } from '../store/index.ts';
import type { MessageKey } from './i18n/index.ts';
import { layerName } from './layerName.ts';
import { NumberInput } from './NumberInput.tsx';
import { useNumberFormat, useT } from './useT.ts';

/** Features read for the preview and coverage (a spread sample of a big layer). */
const PREVIEW_SAMPLE = 5000;
/** Distinct values offered for translation per category field. */
const VALUE_ROWS = 12;

const fieldLabel = (id: string): MessageKey => `input.field.${id}` as MessageKey;
const roleLabel = (role: InputRole): MessageKey => `input.role.${role}` as MessageKey;

/** The commonest values of a property (as text), most frequent first. */
function topValues(rows: readonly Record<string, unknown>[], key: string, max: number): string[] {
  const count = new Map<string, number>();
  for (const r of rows) {
    if (!Object.hasOwn(r, key)) continue;
    const v = r[key];
    if (v === null || v === undefined || v === '') continue;
    const text = propertyText(v).trim();
    count.set(text, (count.get(text) ?? 0) + 1);
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max).map(([v]) => v);
}

function FieldRow({ field, mapping, keys, rows, onChange }: {
  field: RoleField; mapping: FieldMapping | undefined; keys: readonly string[]; rows: readonly Record<string, unknown>[]; onChange: (m: FieldMapping | undefined) => void;
}) {
  const t = useT();
  const property = mapping?.property;
  const values = useMemo(() => (field.kind === 'category' && property !== undefined ? topValues(rows, property, VALUE_ROWS) : []), [field, property, rows]);
  return (
    <>
      <tr data-field={field.id}>
        <th scope="row">{t(fieldLabel(field.id))}{field.required ? ' *' : ''}</th>
        <td>
          <select value={property ?? ''} aria-label={t(fieldLabel(field.id))} data-testid={`map-${field.id}`}
            onChange={(e) => onChange(e.target.value === '' ? undefined : { property: e.target.value })}>
            <option value="">{t('input.noProperty')}</option>
            {keys.map((k) => (
              <option key={k} value={k}>{k}</option>
            ))}
          </select>
        </td>
        <td>
          {field.kind === 'number' && property !== undefined ? (
            <NumberInput value={mapping?.scale ?? 1} min={0} strict label={`${t(fieldLabel(field.id))} ${t('input.scale')}`}
              onChange={(scale) => onChange({ ...mapping, property, scale })} />
          ) : null}
        </td>
      </tr>
      {values.length > 0 && property !== undefined ? (
        <tr className="value-map">
          <td colSpan={3}>
            <div className="small muted">{t('input.values', { key: property })}</div>
            <table className="attributes">
              <tbody>
                {values.map((v) => {
                  const read = categoryOf(field, mapping, v);
                  return (
                    <tr key={v}>
                      <td>{v}</td>
                      <td>
                        <select value={mapping?.values?.[v] ?? ''} aria-label={`${property} = ${v}`} data-testid={`map-${field.id}-value`}
                          onChange={(e) => {
                            const next: Record<string, string> = { ...mapping?.values };
                            if (e.target.value === '') delete next[v];
                            else Object.defineProperty(next, v, { value: e.target.value, enumerable: true, configurable: true, writable: true });
                            onChange({ ...mapping, property, values: next });
                          }}>
                          <option value="">{t('input.valueAuto')}{read !== undefined && mapping?.values?.[v] === undefined ? ` (${read})` : ''}</option>
                          {field.categories?.map((c) => (
                            <option key={c} value={c}>{c}</option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function MappingEditor({ layer }: { layer: LayerState }) {
  const t = useT();
  const fmt = useNumberFormat(0);
  const fmtM = useNumberFormat(1);
  const data = layer.data!;
  const current = useStore((s) => Object.values(s.inputs).find((i) => i?.layerId === layer.id));
  const setInput = useStore((s) => s.setInput);
  const clearInput = useStore((s) => s.clearInput);
  const notify = useStore((s) => s.notify);
  const rows = useMemo(() => sampleRows(data.data.properties, PREVIEW_SAMPLE), [data]);
  const keys = useMemo(() => attributeKeys(rows).map((k) => k.key), [rows]);
  const roles = rolesFor(data.kind);
  const [mapping, setMapping] = useState<InputMapping>(() => current?.mapping ?? guessMapping(roles[0]!, keys));
  const preview = useMemo(() => previewMapping(mapping, rows), [mapping, rows]);
  const spec = ROLE_SPECS[mapping.role];
  const name = layerName(t, layer);

  const apply = async (): Promise<void> => {
    if (mapping.role === 'carbonMap') {
      // Someone else's carbon map: shown through the carbon map's import, with the mapped value property.
      const property = mapping.fields['value']?.property;
      if (property === undefined) return;
      const s = useStore.getState();
      const text = await (await fetch(layer.source)).text();
      await s.chooseCarbonFile(layer.fileName ?? name, text);
      s.setImportChoice({ property, ...(data.crs ? { crs: data.crs.code } : {}) });
      await s.showImportedCarbon();
    } else setInput(layer.id, mapping);
    notify('info', 'input.applied', { name, role: t(roleLabel(mapping.role)) });
  };

  return (
    <div className="input-mapping">
      <label className="field">
        <span>{t('input.role')}</span>
        <select className="span2" value={mapping.role} data-testid="input-role" onChange={(e) => setMapping(guessMapping(e.target.value as InputRole, keys))}>
          {roles.map((r) => (
            <option key={r} value={r}>{t(roleLabel(r))}</option>
          ))}
        </select>
      </label>
      <table className="mapping">
        <thead>
          <tr>
            <th>{t('input.field')}</th>
            <th>{t('input.property')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {spec.fields.map((f) => (
            <FieldRow key={`${mapping.role}-${f.id}`} field={f} mapping={mapping.fields[f.id]} keys={keys} rows={rows}
              onChange={(m) => {
                const fields = { ...mapping.fields };
                if (m) fields[f.id] = m;
                else delete fields[f.id];
                setMapping({ role: mapping.role, fields });
              }} />
          ))}
        </tbody>
      </table>
      <ul className="small coverage" data-testid="input-coverage">
        {preview.coverage.map((c) => (
          <li key={c.id}>{t('input.coverage', { field: t(fieldLabel(c.id)), n: fmt(c.usable), total: fmt(preview.total) })}</li>
        ))}
      </ul>
      {preview.missingRequired.map((id) => (
        <p key={id} className="layer-error" role="alert">{t('input.missingRequired', { field: t(fieldLabel(id)) })}</p>
      ))}
      <div className="small muted">{t('input.preview')}</div>
      <div className="table-scroll">
        <table className="attributes" data-testid="input-preview">
          <thead>
            <tr>
              <th>#</th>
              {spec.fields.map((f) => (
                <th key={f.id}>{t(fieldLabel(f.id))}</th>
              ))}
              {preview.heights ? <th>{t('input.heightFrom')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r, i) => (
              <tr key={i}>
                <td>{i}</td>
                {spec.fields.map((f) => {
                  const v = r[f.id];
                  return <td key={f.id}>{v === undefined ? '—' : typeof v === 'number' ? fmtM(v) : v}</td>;
                })}
                {preview.heights ? <td>{`${fmtM(preview.heights[i]!.m)} m (${t(`height.source.${preview.heights[i]!.source}` as MessageKey)})`}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">{t('input.defaultNote')}</p>
      <div className="buttons">
        <button type="button" className="primary" disabled={preview.missingRequired.length > 0} onClick={() => void apply()} data-testid="input-apply">{t('input.apply')}</button>
        {current ? (
          <button type="button" onClick={() => clearInput(current.mapping.role)} data-testid="input-stop">{t('input.stop')}</button>
        ) : null}
      </div>
    </div>
  );
}

/** The mapping panel for the layer chosen in the layer list. */
export function InputMappingPanel() {
  const t = useT();
  const layer = useStore((s) => s.layers.find((l) => l.id === s.mappingLayer && l.status === 'ready' && l.data));
  const openMapping = useStore((s) => s.openMapping);
  if (!layer) return null;
  return (
    <section className="panel mapping-panel" aria-label={t('input.title', { name: layerName(t, layer) })} data-testid="input-mapping">
      <header>
        <h2>{t('input.title', { name: layerName(t, layer) })}</h2>
        <button type="button" className="close" onClick={() => openMapping(null)} aria-label={t('info.close')}>×</button>
      </header>
      <MappingEditor key={layer.id} layer={layer} />
    </section>
  );
}

/** In a layer's row: which model input it is, and the button that opens the mapping. */
export function LayerInputBadge({ layer }: { layer: LayerState }) {
  const t = useT();
  const role = useStore((s) => (Object.entries(s.inputs).find(([, v]) => v?.layerId === layer.id)?.[0] as InputRole | undefined));
  const openMapping = useStore((s) => s.openMapping);
  if (layer.status !== 'ready' || !layer.data) return null;
  return (
    <div className="layer-stats">
      {role ? <span className="badge" data-testid="input-badge">{t('input.using', { role: t(roleLabel(role)) })} </span> : null}
      <button type="button" className="link" onClick={() => openMapping(layer.id)} data-testid="open-mapping">{t('input.open')}</button>
    </div>
  );
}
