// The carbon map's sectors, baseline beside scenario: used for the city's totals and for one cell.
import type { ReactNode } from 'react';
import { useT } from './useT.ts';
import { ScrollTable } from './ScrollTable.tsx';

export const SECTORS = ['buildings', 'transport', 'sinks', 'net'] as const;
export type Sector = (typeof SECTORS)[number];

export function SectorTable(props: {
  scenario: (k: Sector) => number;
  baseline: ((k: Sector) => number) | null;
  format: (v: number) => string;
  /** Extra content after each scenario value (e.g. the difference from the baseline). */
  after?: (k: Sector) => ReactNode;
  testId?: string;
}) {
  const t = useT();
  const { scenario, baseline, format, after } = props;
  return (
    <>
      <ScrollTable>
      <table className="summary" {...(props.testId ? { 'data-testid': props.testId } : {})}>
        <thead>
          <tr><th>{t('carbon.sector')}</th><th>{t('traffic.baseline')}</th><th>{t('traffic.scenario')}</th></tr>
        </thead>
        <tbody>
          {SECTORS.map((k) => (
            <tr key={k} data-sector={k}>
              <th scope="row">{t(`carbon.${k}`)}</th>
              <td>{baseline ? format(baseline(k)) : '—'}</td>
              <td>{format(scenario(k))}{after?.(k)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </ScrollTable>
      <div className="muted small">{t('unit.tPerYear')}</div>
    </>
  );
}
