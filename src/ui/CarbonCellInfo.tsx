// A selected carbon-map cell: its emissions by sector, against the baseline on the same grid.
import { useStore } from '../store/index.ts';
import { useNumberFormat, useT } from './useT.ts';

const SECTORS = ['buildings', 'transport', 'sinks', 'net'] as const;

export function CarbonCellInfo({ cell }: { cell: number }) {
  const t = useT();
  const fmt1 = useNumberFormat(1);
  const c = useStore((s) => s.carbon);
  const select = useStore((s) => s.select);
  const r = c.result;
  if (!r || cell < 0 || cell >= r.grid.length) return null;
  const b = c.baseline && c.baseline.grid.length === r.grid.length ? c.baseline : null;
  return (
    <aside className="panel info-panel" aria-label={t('info.title')} data-testid="info-panel">
      <header>
        <div>
          <div className="info-kicker">{t('carbon.cellOf', { size: r.grid.spec.cellSize })}</div>
          <h2 className="info-title">{t('carbon.cell', { id: cell })}</h2>
        </div>
        <button type="button" className="close" onClick={() => select(null)} aria-label={t('info.close')}>×</button>
      </header>
      <table className="summary">
        <thead>
          <tr><th>{t('carbon.sector')}</th><th>{t('traffic.baseline')}</th><th>{t('traffic.scenario')}</th></tr>
        </thead>
        <tbody>
          {SECTORS.map((k) => (
            <tr key={k} data-sector={k}>
              <th scope="row">{t(`carbon.${k}`)}</th>
              <td>{b ? fmt1(b.grid.attributes[k].value[cell]!) : '—'}</td>
              <td>{fmt1(r.grid.attributes[k].value[cell]!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="muted small">{t('unit.tPerYear')}</div>
    </aside>
  );
}
