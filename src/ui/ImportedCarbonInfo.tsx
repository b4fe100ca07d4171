// A feature of an imported carbon map: its value and, for polygons, its properties (as text).
import { propertyText, unpackProperties } from '../core/geo/index.ts';
import { useStore } from '../store/index.ts';
import { useNumberFormat, useT } from './useT.ts';

export function ImportedCarbonInfo({ id }: { id: number }) {
  const t = useT();
  const fmt = useNumberFormat(2);
  const imp = useStore((s) => s.carbon.imported);
  const select = useStore((s) => s.select);
  if (!imp) return null;
  const values = imp.polygons?.values ?? imp.points?.values;
  if (!values || id < 0 || id >= values.length) return null;
  const props = imp.polygons ? unpackProperties(imp.polygons.layer.properties, id) : {};
  const v = values[id]!;
  return (
    <aside className="panel info-panel" aria-label={t('info.title')} data-testid="info-panel">
      <header>
        <div>
          <div className="info-kicker">{t('carbon.import.title')} · {imp.name}</div>
          <h2 className="info-title">{t('carbon.import.value', { property: imp.property })}: {Number.isFinite(v) ? fmt(v) : '—'}</h2>
        </div>
        <button type="button" className="close" onClick={() => select(null)} aria-label={t('info.close')}>×</button>
      </header>
      {Object.keys(props).length > 0 ? (
        <table className="props">
          <tbody>
            {Object.entries(props).map(([k, val]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{propertyText(val)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </aside>
  );
}
