// A selected carbon-map cell: its emissions by sector, against the baseline on the same grid.
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/index.ts';
import { SectorTable } from './SectorTable.tsx';
import { useNumberFormat, useT } from './useT.ts';

export function CarbonCellInfo({ cell }: { cell: number }) {
  const t = useT();
  const fmt1 = useNumberFormat(1);
  const { r, baseline } = useStore(useShallow((s) => ({ r: s.carbon.result, baseline: s.carbon.baseline })));
  const select = useStore((s) => s.select);
  if (!r || cell < 0 || cell >= r.grid.length) return null;
  const b = baseline && baseline.grid.length === r.grid.length ? baseline : null;
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
