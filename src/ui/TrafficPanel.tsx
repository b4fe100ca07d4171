// The traffic panel: build the network, run (and re-run) the assignment with progress and cancel,
// scale demand, read the summary against the baseline, see the most congested links and every
// assumption behind the model.
import { problemText } from '../core/language/problemText.ts';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/index.ts';
import { viewControl } from '../scene/viewControl.ts';
import { ChangeMark, TrafficLegend } from './legends.tsx';
import { linkLabel } from './linkName.ts';
import { AssumptionsList } from './AssumptionsList.tsx';
import { LazyDetails } from './LazyDetails.tsx';
import { useNumberFormat, useT } from './useT.ts';
import { ScrollTable } from './ScrollTable.tsx';
import { fragmentation } from '../core/traffic/session/fragmentation.ts';

const GAPS = [1e-3, 1e-4, 1e-6, 1e-8] as const;

function fmtGap(g: number): string {
  return g.toExponential(1);
}

function flyToLink(link: number): void {
  useStore.getState().select({ layerId: 'traffic', featureId: link });
  viewControl()?.lookAt('traffic', link, 500, 40);
}

/** The running assignment's iteration and gap: the one part of the panel a progress tick redraws. */
function TrafficProgress({ targetGap }: { targetGap: number }) {
  const t = useT();
  const progress = useStore((s) => s.traffic.progress);
  return (
    <div className="small" role="status" data-testid="traffic-progress">
      {progress ? t('traffic.running', { iteration: progress.iteration, gap: fmtGap(progress.relativeGap) }) : t('traffic.preparing')}
      <progress max={1} value={progress ? Math.min(1, Math.log10(progress.relativeGap) / Math.log10(targetGap)) : 0} />
    </div>
  );
}

export function TrafficPanel() {
  const t = useT();
  const language = useStore((s) => s.language);
  const fmt0 = useNumberFormat(0);
  const fmt1 = useNumberFormat(1);
  // Every field the panel draws but the progress (TrafficProgress draws that).
  const traffic = useStore(
    useShallow((s) => {
      const { progress: _progress, ...drawn } = s.traffic;
      return drawn;
    }),
  );
  const { prepareTraffic, runTraffic, cancelTraffic, setDemandScale, setTargetGap, resetEdits, keepAsBaseline, setTrafficDisplay } = useStore.getState();
  const { view, result, baseline, status } = traffic;
  const split = view ? fragmentation(view.stats) : null;
  const running = status === 'running';
  const busy = running || status === 'preparing';
  const editCount = traffic.edits.closed.length + traffic.edits.lanes.length + traffic.zoneFactors.length;

  // `worse`: which way of a change is worse (a lower mean speed is worse): colour follows better/worse, not the sign.
  const row = (label: string, value: (r: NonNullable<typeof result>) => number, unit: string, digits = 0, worse: 'higher' | 'lower' = 'higher') => {
    if (!result) return null;
    const f = digits ? fmt1 : fmt0;
    const v = value(result);
    const b = baseline ? value(baseline) : undefined;
    const diff = b !== undefined && b !== 0 ? ((v - b) / b) * 100 : undefined;
    return (
      <tr key={label}>
        <th scope="row">{label}</th>
        <td>{b !== undefined ? `${f(b)} ${unit}` : '—'}</td>
        <td>
          {f(v)} {unit}
          {diff !== undefined && Math.abs(diff) >= 0.05 ? <ChangeMark percent={diff} worse={worse} text={`${diff > 0 ? '+' : ''}${fmt1(diff)} %`} /> : null}
        </td>
      </tr>
    );
  };

  return (
    <section className="panel traffic-panel" aria-label={t('traffic.title')} data-testid="traffic-panel" data-status={status}>
      <h2>{t('traffic.title')}</h2>
      <p className="muted small">{t('traffic.intro')}</p>
      {traffic.tntp ? <p className="small" data-testid="traffic-tntp">{t('traffic.tntpSource', { name: traffic.tntp })}</p> : null}
      {traffic.error ? (
        <div className="layer-error" role="alert">
          {traffic.error === 'no-roads'
            ? t('traffic.noRoads')
            : t('traffic.failed', { message: traffic.errorProblem ? problemText(language, traffic.errorProblem) : traffic.error })}
        </div>
      ) : null}
      {!view ? (
        <button type="button" onClick={() => void prepareTraffic()} disabled={busy}>
          {status === 'preparing' ? t('traffic.preparing') : t('traffic.prepare')}
        </button>
      ) : (
        <>
          <div className="small" data-testid="traffic-network">
            {t('traffic.network', { links: fmt0(view.stats['roadLinks'] ?? view.linkCount), zones: fmt0(view.zones.count), trips: fmt0(view.totalDemand * traffic.demandScale) })}
          </div>
          {split ? <p className="warn" data-testid="traffic-fragmented">{t('traffic.fragmented', { kept: fmt0(split.kept), total: fmt0(split.total) })}</p> : null}
          <label className="field">
            <span>{t('traffic.demandScale')}</span>
            <input
              type="range" min={0.5} max={2} step={0.05} value={traffic.demandScale} disabled={running}
              onChange={(e) => setDemandScale(Number(e.target.value))} aria-label={t('traffic.demandScale')}
            />
            <output>{fmt0(traffic.demandScale * 100)} %</output>
          </label>
          <label className="field">
            <span>{t('traffic.targetGap')}</span>
            <select value={traffic.targetGap} disabled={running} onChange={(e) => setTargetGap(Number(e.target.value))}>
              {GAPS.map((g) => (
                <option key={g} value={g}>{fmtGap(g)}</option>
              ))}
            </select>
          </label>
          {editCount > 0 || traffic.demandScale !== 1 ? (
            <div className="small">
              {t('traffic.edits', { closed: traffic.edits.closed.length, lanes: traffic.edits.lanes.length, zones: traffic.zoneFactors.length })}{' '}
              <button type="button" className="link" onClick={resetEdits} disabled={running}>{t('traffic.resetEdits')}</button>
            </div>
          ) : null}
          <div className="buttons">
            {running ? (
              <button type="button" onClick={cancelTraffic} data-testid="traffic-cancel">{t('traffic.cancel')}</button>
            ) : (
              <button type="button" className="primary" onClick={() => void runTraffic()} data-testid="traffic-run">
                {result ? t('traffic.rerun') : t('traffic.run')}
              </button>
            )}
          </div>
          {running ? <TrafficProgress targetGap={traffic.targetGap} /> : null}
        </>
      )}
      {result ? (
        <>
          <div className="small" data-testid="traffic-result">
            {t('traffic.result', { iterations: result.iterations, gap: fmtGap(result.relativeGap), seconds: fmt1(result.seconds), warm: result.warmStarted ? t('traffic.warm') : '' })}
            {result.stopReason !== 'converged' ? <div className="warn">{t(`traffic.stopped.${result.stopReason}`)}</div> : null}
          </div>
          <ScrollTable>
          <table className="summary">
            <thead>
              <tr><th /><th>{t('traffic.baseline')}</th><th>{t('traffic.scenario')}</th></tr>
            </thead>
            <tbody>
              {row(t('traffic.vehKm'), (r) => r.summary.vehKm, 'km')}
              {row(t('traffic.vehHours'), (r) => r.summary.vehHours, 'h', 1)}
              {row(t('traffic.meanSpeed'), (r) => r.summary.meanSpeedKmh, t('unit.kmh'), 1, 'lower')}
              {result.summary.unassignedDemand > 0 ? row(t('traffic.unassigned'), (r) => r.summary.unassignedDemand, t('unit.vehPerHour')) : null}
            </tbody>
          </table>
          </ScrollTable>
          {baseline !== result ? (
            <button type="button" className="link" onClick={keepAsBaseline}>{t('traffic.setBaseline')}</button>
          ) : null}
          <h3>{t('traffic.topCongested')}</h3>
          <ol className="congested">
            {result.summary.topCongested.slice(0, 5).map(({ link, vc }) => {
              // The street's name where the data has one, with its class and the link's id beside it.
              const label = linkLabel(useStore.getState(), link, t);
              return (
                <li key={link} data-link={link}>
                  <button type="button" className="link" onClick={() => flyToLink(link)}>
                    {label.title}
                  </button>{' '}
                  <span className="muted">{[label.name ? label.roadClass : '', label.id].filter(Boolean).join(' · ')}</span>{' '}
                  {t('traffic.vc', { vc: vc.toFixed(2) })}
                </li>
              );
            })}
          </ol>
          <label className="check">
            <input type="checkbox" checked={traffic.showFlows} onChange={(e) => setTrafficDisplay({ showFlows: e.target.checked })} />
            {t('traffic.showFlows')}
          </label>
          <label className="check">
            <input type="checkbox" checked={traffic.showVehicles} onChange={(e) => setTrafficDisplay({ showVehicles: e.target.checked })} />
            {t('traffic.vehicles')}
          </label>
          {traffic.showVehicles ? (
            <button type="button" onClick={() => setTrafficDisplay({ vehiclesPaused: !traffic.vehiclesPaused })} data-testid="vehicles-pause">
              {traffic.vehiclesPaused ? t('traffic.play') : t('traffic.pause')}
            </button>
          ) : null}
          <TrafficLegend hasResult />
          <LazyDetails summary={t('traffic.history')}>
            {() => (
            <ol className="history small">
              {result.history.map((h) => (
                <li key={h.iteration} value={h.iteration}>
                  {fmtGap(h.relativeGap)} · TSTT {fmt0(h.tstt)}
                </li>
              ))}
            </ol>
            )}
          </LazyDetails>
        </>
      ) : null}
      {view ? (
        <LazyDetails summary={t('traffic.zones')}>
          {() => (
            <>
          <p className="muted small">{t('traffic.zonesNote')}</p>
          <ScrollTable>
          <table className="props zones">
            <thead>
              <tr><th>{t('traffic.zone')}</th><th>{t('traffic.zoneOut')}</th><th>{t('traffic.zoneIn')}</th><th>×</th></tr>
            </thead>
            <tbody>
              {Array.from({ length: view.zones.count }, (_, z) => (
                <tr key={z}>
                  <td>{z + 1}</td>
                  <td>{fmt0(view.zones.production[z]!)}</td>
                  <td>{fmt0(view.zones.attraction[z]!)}</td>
                  <td>
                    <input
                      type="number" min={0} max={5} step={0.1} disabled={running}
                      value={traffic.zoneFactors.find((f) => f.zone === z)?.factor ?? 1}
                      onChange={(e) => useStore.getState().setZoneFactor(z, Number(e.target.value))}
                      aria-label={t('traffic.zoneFactor', { zone: z + 1 })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollTable>
            </>
          )}
        </LazyDetails>
      ) : null}
      {view ? (
        <AssumptionsList items={view.assumptions} />
      ) : null}
    </section>
  );
}
