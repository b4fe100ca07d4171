// A layer's attribute table: search, sort by a column, click a row to select its feature and fly the
// camera to it; selecting a feature on the map highlights and scrolls to its row. Values are text.
// Features without a location (geometry null) have their rows too, marked "no location" (nothing to fly to).
import { useEffect, useMemo, useRef, useState } from 'react';
import { attributeKeys, tableOrder } from '../core/attributes/index.ts';
import { propertyText } from '../core/geo/index.ts';
import { rowsOf } from '../scene/styleByProperty.ts';
import { useStore } from '../store/index.ts';
import { viewControl } from '../scene/viewControl.ts';
import { layerName } from './layerName.ts';
import { useNumberFormat, useT } from './useT.ts';

const MAX_ROWS = 300;
const MAX_COLUMNS = 6;

export function AttributeTable() {
  const t = useT();
  const fmt = useNumberFormat(0);
  const layer = useStore((s) => s.layers.find((l) => l.id === s.tableLayer));
  const selected = useStore((s) => s.selected);
  const openTable = useStore((s) => s.openTable);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: string; descending: boolean } | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const properties = layer?.data?.data.properties;
  const rows = useMemo(() => (properties ? rowsOf(properties) : []), [properties]);
  const keys = useMemo(() => attributeKeys(rows).slice(0, MAX_COLUMNS).map((k) => k.key), [rows]);
  const order = useMemo(
    () => tableOrder(rows, { keys, query, ...(sort ? { sortKey: sort.key, descending: sort.descending } : {}) }),
    [rows, keys, query, sort],
  );
  const unlocatedList = layer?.data?.unlocated;
  const unlocated = useMemo(() => new Set(unlocatedList ?? []), [unlocatedList]);
  const selectedId = selected && layer && selected.layerId === layer.id ? selected.featureId : -1;
  useEffect(() => {
    if (selectedId < 0) return;
    body.current?.querySelector(`tr[data-feature="${selectedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  if (!layer || !layer.data) return null;
  const pick = (i: number): void => {
    useStore.getState().select({ layerId: layer.id, featureId: i });
    if (!unlocated.has(i)) viewControl()?.lookAt(layer.id, i, 350, 35);
  };
  const shown = order.slice(0, MAX_ROWS);
  return (
    <section className="panel table-panel" aria-label={t('table.title', { name: layerName(t, layer) })} data-testid="attribute-table">
      <header>
        <h2>{t('table.title', { name: layerName(t, layer) })}</h2>
        <button type="button" className="close" onClick={() => openTable(null)} aria-label={t('info.close')}>×</button>
      </header>
      <input type="search" placeholder={t('table.search')} aria-label={t('table.search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="table-search" />
      <div className="small muted">{t('table.rows', { shown: fmt(order.length), total: fmt(rows.length) })}</div>
      <div className="table-scroll">
        <table className="attributes">
          <thead>
            <tr>
              <th>#</th>
              {keys.map((k) => (
                <th key={k}>
                  <button type="button" className="link" aria-label={t('table.sort', { key: k })}
                    onClick={() => setSort((s) => ({ key: k, descending: s?.key === k ? !s.descending : false }))}>
                    {k}{sort?.key === k ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={body}>
            {shown.map((i) => (
              <tr key={i} data-feature={i} aria-selected={i === selectedId} onClick={() => pick(i)} {...(unlocated.has(i) ? { 'data-unlocated': '' } : {})}>
                <td>
                  {i}
                  {unlocated.has(i) ? <span className="no-location" title={t('table.noLocationTitle')}>{t('table.noLocation')}</span> : null}
                </td>
                {keys.map((k) => (
                  <td key={k}>{Object.hasOwn(rows[i]!, k) ? propertyText(rows[i]![k]) : ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {order.length > MAX_ROWS ? <div className="small muted">{t('table.more', { n: MAX_ROWS })}</div> : null}
    </section>
  );
}
