// A hydrogen station picked on the map: its demand, what reached it and from where, unmet demand,
// utilisation, cost and CO2 per kg — against the baseline where there is one. Text only.
import { useStore } from '../store/index.ts';
import { useNumberFormat, useT } from './useT.ts';

/** The info panel for station `selected` (its index in the solution), shown by InfoPanel. */
export function HydrogenStationInfo({ station: selected }: { station: number }) {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const fmt2 = useNumberFormat(2);
  const sol = useStore((s) => s.hydrogen.result?.solution ?? null);
  const base = useStore((s) => s.hydrogen.baseline?.solution ?? null);
  const select = useStore((s) => s.select);
  const st = sol?.stations[selected];
  if (!sol || !st) return null;
  const b = base && base !== sol ? base.stations.find((x) => x.id === st.id) : undefined;
  const flows = sol.flows.filter((f) => f.stationIndex === selected);
  const facts: [string, string, number | undefined, number, (n: number) => string][] = [
    [t('hydrogen.info.capacity'), t('hydrogen.unit.kgDay'), b?.capacityKgPerDay, st.capacityKgPerDay, fmt0],
    [t('hydrogen.info.demand'), t('hydrogen.unit.kgDay'), b?.demandKgPerDay, st.demandKgPerDay, fmt0],
    [t('hydrogen.info.delivered'), t('hydrogen.unit.kgDay'), b?.deliveredKgPerDay, st.deliveredKgPerDay, fmt0],
    [t('hydrogen.info.unmet'), t('hydrogen.unit.kgDay'), b?.unmetKgPerDay, st.unmetKgPerDay, fmt0],
    [t('hydrogen.info.util'), '%', b ? b.utilisation * 100 : undefined, st.utilisation * 100, fmt0],
    [t('hydrogen.info.krwPerKg'), 'KRW/kg', b?.krwPerKg, st.krwPerKg, fmt0],
    [t('hydrogen.info.co2PerKg'), 'kg CO2e/kg', b?.kgCo2ePerKg, st.kgCo2ePerKg, fmt2],
  ];
  return (
    <aside className="panel info-panel" aria-label={t('info.title')} data-testid="info-panel" data-hydrogen-station={st.id}>
      <header>
        <div>
          <div className="info-kicker">{t('hydrogen.info.kicker')}</div>
          <h2 className="info-title">{st.name || t('names.station', { id: st.id })}</h2>
          <div className="info-subtitle">
            {st.name && st.name !== st.id ? <span data-testid="station-id">{t('names.station', { id: st.id })} · </span> : null}
            {st.open ? t('hydrogen.open') : t('hydrogen.closed')} · {st.candidate ? t('hydrogen.candidate') : t('hydrogen.existing')}
          </div>
        </div>
        <button type="button" className="close" onClick={() => select(null)} aria-label={t('info.close')}>×</button>
      </header>
      <table className="props" data-testid="hydrogen-station-facts">
        <tbody>
          {facts.map(([label, unit, bv, v, fmt]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>
                {fmt(v)} {unit}
                {bv !== undefined && fmt(bv) !== fmt(v) ? <span className="muted"> ({t('hydrogen.info.was', { value: fmt(bv) })})</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('hydrogen.info.flows')}</h3>
      {flows.length === 0 ? (
        <p className="muted small">{t('hydrogen.info.noFlows')}</p>
      ) : (
        <ul className="plain small">
          {flows.map((f, i) => (
            <li key={i}>
              {t('hydrogen.info.flow', {
                source: sol.sources[f.sourceIndex]?.name ?? f.source,
                kg: fmt0(f.kgPerDay),
                mode: t(`hydrogen.mode.${f.modeKind}`),
                km: fmt0(f.km),
                trips: fmt2(f.tripsPerDay),
              })}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
