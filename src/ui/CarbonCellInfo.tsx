// A selected carbon-map cell, named by its district where the city has districts (the cell id beside it):
// its emissions by sector, against the baseline on the same grid.
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/index.ts';
import { SectorTable } from './SectorTable.tsx';
import { useNumberFormat, useT } from './useT.ts';

export function CarbonCellInfo({ cell }: { cell: number }) {
  const t = useT();
  const fmt1 = useNumberFormat(1);
  const { r, baseline, districtNames } = useStore(useShallow((s) => ({ r: s.carbon.result, baseline: s.carbon.baseline, districtNames: s.carbon.districtNames })));
  const select = useStore((s) => s.select);
  if (!r || cell < 0 || cell >= r.grid.length) return null;
  const b = baseline && baseline.grid.length === r.grid.length ? baseline : null;
  const d = r.cellDistrict?.[cell];
  const district = d === undefined ? null : d >= 0 ? (districtNames[d] ?? null) : '';
  return (
    <aside className="panel info-panel" aria-label={t('info.title')} data-testid="info-panel">
      <header>
        <div>
          <div className="info-kicker">{t('carbon.cellOf', { size: r.grid.spec.cellSize })}</div>
          <h2 className="info-title" data-testid="cell-title">{district ? t('names.district', { name: district }) : district === '' ? t('names.outside') : t('carbon.cell', { id: cell })}</h2>
          {district !== null ? <div className="info-subtitle" data-testid="cell-id">{t('names.cell', { id: cell })}</div> : null}
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
