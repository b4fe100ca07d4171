// A selected carbon-map cell: its emissions by sector, against the baseline on the same grid.
import { useStore } from '../store/index.ts';
import { SectorTable } from './SectorTable.tsx';
import { useNumberFormat, useT } from './useT.ts';

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
      <SectorTable
        scenario={(k) => r.grid.attributes[k].value[cell]!}
        baseline={b ? (k) => b.grid.attributes[k].value[cell]! : null}
        format={fmt1}
      />
    </aside>
  );
}
