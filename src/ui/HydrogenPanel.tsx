// The hydrogen panel: the supply model and its what-ifs (objective, station choice, FCEV shares, the
// supply mix, stations placed / removed / resized), run and cancel, and the results against the
// baseline: cost and CO2 per kg delivered, unmet demand, trailer trips, per-station figures, charts, the
// well-to-wheel CO2 of the fuel-cell fleet, what went wrong when it did, and every assumption.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { H2_VEHICLE_CLASSES, SOURCE_TYPES, modelSettings, modelSources, modelStations } from '../core/hydrogen/index.ts';
import type { HydrogenResult, ObjectiveKind, ZoneResult } from '../core/hydrogen/index.ts';
import { CLOSED_COLOR, SOURCE_COLORS, UTILISATION_RAMP, utilisationColor } from '../scene/hydrogenGeometry.ts';
import { useStore } from '../store/index.ts';
import type { HydrogenState } from '../store/hydrogen.ts';
import { AssumptionsList } from './AssumptionsList.tsx';
import { Legend } from './Legend.tsx';
import { useNumberFormat, useT } from './useT.ts';
import { NumberInput } from './NumberInput.tsx';
import { ScrollTable } from './ScrollTable.tsx';

interface ModelStation {
  readonly id: string;
  readonly name: string;
  readonly capacity: number;
  readonly candidate: boolean;
  readonly placed: boolean;
}

/** The model's stations with their edited capacities, then the stations placed on the map. */
function stationsOf(h: Pick<HydrogenState, 'model' | 'edits'>): ModelStation[] {
  const out: ModelStation[] = modelStations(h.model).map((s) => ({
    id: s.id,
    name: s.name,
    capacity: h.edits.capacity[s.id] ?? s.capacityKgPerDay,
    candidate: s.candidate,
    placed: false,
  }));
  for (const a of h.edits.added) out.push({ id: a.id, name: a.name, capacity: h.edits.capacity[a.id] ?? a.capacityKgPerDay, candidate: true, placed: true });
  return out;
}

/**
 * The fields of the hydrogen slice a component draws, compared shallowly: it re-renders only when one of
 * them changes, not on every update of the slice.
 */
function useHydrogen<K extends keyof HydrogenState>(...keys: K[]): Pick<HydrogenState, K> {
  return useStore(
    useShallow((s) => {
      const picked = {} as Pick<HydrogenState, K>;
      for (const k of keys) picked[k] = s.hydrogen[k];
      return picked;
    }),
  );
}

/** The table's number fields: narrow, shown to 0.001, committed on leaving the field or Enter (not a solve per keystroke). */
const EDIT_FIELD = { className: 'num', commitOn: 'blur', shown: (v: number): number => Math.round(v * 1000) / 1000 } as const;

function Diff({ v, base, fmt, lowerIsBetter = true }: { v: number; base: number | undefined; fmt: (n: number) => string; lowerIsBetter?: boolean }) {
  if (base === undefined) return null;
  const d = v - base;
  if (fmt(Math.abs(d)) === fmt(0)) return <span className="muted"> (±0)</span>;
  const good = lowerIsBetter ? d < 0 : d > 0;
  return <span className={good ? 'down' : 'up'} data-diff={d}> ({d > 0 ? '+' : '−'}{fmt(Math.abs(d))})</span>;
}

/** Shortens a chart label to fit `width` px at `size` px type (wide CJK glyphs count a full em, others about 0.58). */
function fitLabel(label: string, width: number, size: number): string {
  const em = (c: string): number => (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(c) ? 1 : 0.58);
  let used = 0;
  const chars = Array.from(label);
  for (let i = 0; i < chars.length; i++) {
    used += em(chars[i]!) * size;
    if (used > width) return `${chars.slice(0, Math.max(1, i - 1)).join('')}…`;
  }
  return label;
}

/**
 * Plain SVG horizontal bars: per item its name on a line of its own across the chart's width (names such as
 * "By-product hydrogen, petrochemical complex" were cut at 14 characters beside the bar), then the bar and
 * its value; drawn at 1:1 so its type stays 12 px.
 */
function Bars({ rows, max, fmt, testId, title }: { rows: readonly { label: string; value: number; color: string; second?: number }[]; max: number; fmt: (n: number) => string; testId: string; title: string }) {
  const rowH = 34;
  const barW = 200;
  const font = 12;
  const width = barW + 100;
  const height = rows.length * rowH + 4;
  const scale = (v: number): number => (max > 0 ? (barW * Math.max(0, v)) / max : 0);
  return (
    <svg className="h2-chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid={testId}>
      {rows.map((r, i) => (
        <g key={i} transform={`translate(0, ${i * rowH + 2})`}>
          <text x={0} y={12} fontSize={font}><title>{r.label}</title>{fitLabel(r.label, width, font)}</text>
          {r.second !== undefined ? <rect x={0} y={16} width={scale(r.second)} height={14} fill="none" stroke="#6b7280" strokeDasharray="2 2" /> : null}
          <rect x={0} y={19} width={scale(r.value)} height={8} fill={r.color} />
          <text x={barW + 4} y={28} fontSize={font}>{r.second !== undefined ? `${fmt(r.value)} / ${fmt(r.second)}` : fmt(r.value)}</text>
        </g>
      ))}
    </svg>
  );
}

function Problem({ r }: { r: HydrogenResult }) {
  const t = useT();
  if (r.status === 'optimal') return null;
  return (
    <div className="layer-error" role="alert" data-testid="hydrogen-problem">
      <strong>{t(`hydrogen.status.${r.status}`)}</strong>
      <div>{r.message}</div>
      {r.details.length > 0 ? (
        <ul className="plain small">
          {r.details.map((d, i) => <li key={i}>{d}</li>)}
        </ul>
      ) : null}
      {r.errors.length > 0 ? (
        <>
          <div>{t('hydrogen.errors', { n: r.errors.length })}</div>
          <ul className="plain small" data-testid="hydrogen-errors">
            {r.errors.map((e, i) => (
              <li key={i}><code>{e.path}</code>: {e.message}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Results() {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const fmt2 = useNumberFormat(2);
  const h = useHydrogen('baseline', 'carbonFactor', 'paused', 'ran', 'result', 'visible');
  const { keepHydrogenBaseline, useHydrogenInCarbon, setHydrogenDisplay, select } = useStore.getState();
  const r = h.result;
  if (!r) return null;
  const sol = r.solution;
  const b = h.baseline?.solution ?? undefined;
  const isBase = h.baseline === r;
  const sum = sol?.summary;
  const bs = b?.summary;
  const figures: { key: string; label: string; v: number; base: number | undefined; fmt: (n: number) => string; unit: string; lowerIsBetter?: boolean }[] = sum
    ? [
        { key: 'krwPerKg', label: t('hydrogen.fig.krwPerKg'), v: sum.krwPerKgDelivered, base: bs?.krwPerKgDelivered, fmt: fmt0, unit: t('scenario.unit.krwKg') },
        { key: 'co2PerKg', label: t('hydrogen.fig.co2PerKg'), v: sum.kgCo2ePerKgDelivered, base: bs?.kgCo2ePerKgDelivered, fmt: fmt2, unit: t('scenario.unit.kgKg') },
        { key: 'demand', label: t('hydrogen.fig.demand'), v: sum.demandKgPerDay, base: bs?.demandKgPerDay, fmt: fmt0, unit: t('hydrogen.unit.kgDay'), lowerIsBetter: false },
        { key: 'delivered', label: t('hydrogen.fig.delivered'), v: sum.deliveredKgPerDay, base: bs?.deliveredKgPerDay, fmt: fmt0, unit: t('hydrogen.unit.kgDay'), lowerIsBetter: false },
        { key: 'unmet', label: t('hydrogen.fig.unmet'), v: sum.unmetKgPerDay, base: bs?.unmetKgPerDay, fmt: fmt0, unit: t('hydrogen.unit.kgDay') },
        { key: 'trips', label: t('hydrogen.fig.trips'), v: sum.trailerTripsPerDay, base: bs?.trailerTripsPerDay, fmt: fmt2, unit: t('hydrogen.unit.perDay') },
        { key: 'cost', label: t('hydrogen.fig.cost'), v: sum.totalKrwPerDay, base: bs?.totalKrwPerDay, fmt: fmt0, unit: t('hydrogen.unit.krwDay') },
        { key: 'co2', label: t('hydrogen.fig.co2'), v: sum.totalKgCo2ePerDay, base: bs?.totalKgCo2ePerDay, fmt: fmt0, unit: t('hydrogen.unit.kgCo2eDay') },
        { key: 'open', label: t('hydrogen.fig.open'), v: sum.stationsOpen, base: bs?.stationsOpen, fmt: fmt0, unit: '', lowerIsBetter: false },
      ]
    : [];
  const w = sol?.wellToWheel;
  const bw = b?.wellToWheel;
  const bySource = sol ? sol.sources.map((s) => ({ label: s.name, value: s.suppliedKgPerDay, color: SOURCE_COLORS[s.type] })) : [];
  const maxSource = Math.max(0, ...bySource.map((r2) => r2.value));
  const byStation = sol ? sol.stations.map((s) => ({ label: s.name, value: s.deliveredKgPerDay, second: s.demandKgPerDay, color: utilisationColor(s.utilisation, s.open) })) : [];
  const maxStation = Math.max(0, ...byStation.map((r2) => Math.max(r2.value, r2.second)));
  const baseStation = (id: string) => b?.stations.find((s) => s.id === id);
  const stationName = (id: string) => sol?.stations.find((s) => s.id === id)?.name ?? id;
  // A zone made from traffic is named after its station; a model's own zone by its id.
  const zoneLabel = (z: ZoneResult) =>
    z.atStation ? t('hydrogen.atStation', { name: stationName(z.id) }) : z.catchmentOf !== undefined ? t('hydrogen.catchmentOf', { name: stationName(z.catchmentOf) }) : z.id;
  return (
    <div data-testid="hydrogen-result" data-status={r.status}>
      <div className="small" data-testid="hydrogen-status-line">
        {t(`hydrogen.status.${r.status}`)} · {t('hydrogen.solveTime', { s: r.solver.seconds < 1 ? r.solver.seconds.toFixed(2) : fmt2(r.solver.seconds), mip: r.solver.mip ? 'MIP' : 'LP' })}
        {h.ran ? <div className="muted">{t(`hydrogen.demandFrom.${h.ran.demand}`)}{h.ran.stations === 'layer' ? ` · ${t('hydrogen.stationsFromLayer')}` : ''}</div> : null}
      </div>
      <Problem r={r} />
      {sum && w && sol ? (
        <>
          <ScrollTable>
          <table className="summary h2-figures" data-testid="hydrogen-figures">
            <thead>
              <tr><th /><th>{t('hydrogen.scenario')}</th><th>{t('hydrogen.vsBaseline')}</th></tr>
            </thead>
            <tbody>
              {figures.map((f) => (
                <tr key={f.key} data-figure={f.key}>
                  <th scope="row">{f.label}{f.unit ? <span className="muted"> {f.unit}</span> : null}</th>
                  <td className="value" data-value={f.v}>{f.fmt(f.v)}</td>
                  <td>{isBase ? <span className="muted">{t('hydrogen.isBaseline')}</span> : <Diff v={f.v} base={f.base} fmt={f.fmt} {...(f.lowerIsBetter === false ? { lowerIsBetter: false } : {})} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollTable>
          {!isBase ? <button type="button" className="link" onClick={keepHydrogenBaseline} data-testid="hydrogen-keep-baseline">{t('hydrogen.keepBaseline')}</button> : null}
          <h3>{t('hydrogen.wtw')}</h3>
          <ScrollTable>
          <table className="summary" data-testid="hydrogen-wtw">
            <tbody>
              <tr data-figure="fcev">
                <th scope="row">{t('hydrogen.wtw.fcev')}<span className="muted"> {t('hydrogen.unit.kgCo2eDay')}</span></th>
                <td className="value">{fmt0(w.fcevKgCo2ePerDay)}</td>
                <td>{isBase ? null : <Diff v={w.fcevKgCo2ePerDay} base={bw?.fcevKgCo2ePerDay} fmt={fmt0} />}</td>
              </tr>
              <tr data-figure="replaced">
                <th scope="row">{t('hydrogen.wtw.replaced')}<span className="muted"> {t('hydrogen.unit.kgCo2eDay')}</span></th>
                <td className="value">{fmt0(w.replacedKgCo2ePerDay)}</td>
                <td>{isBase ? null : <Diff v={w.replacedKgCo2ePerDay} base={bw?.replacedKgCo2ePerDay} fmt={fmt0} />}</td>
              </tr>
              <tr data-figure="saved">
                <th scope="row">{t('hydrogen.wtw.saved')}<span className="muted"> {t('unit.tPerYear')}</span></th>
                <td className="value">{fmt0(w.savedTPerYear)}</td>
                <td>{isBase ? null : <Diff v={w.savedTPerYear} base={bw?.savedTPerYear} fmt={fmt0} lowerIsBetter={false} />}</td>
              </tr>
              <tr data-figure="intensity">
                <th scope="row">{t('hydrogen.wtw.intensity')}<span className="muted"> {t('scenario.unit.kgKg')}</span></th>
                <td className="value">{fmt2(w.hydrogenKgCo2ePerKg)}</td>
                <td>{isBase ? null : <Diff v={w.hydrogenKgCo2ePerKg} base={bw?.hydrogenKgCo2ePerKg} fmt={fmt2} />}</td>
              </tr>
            </tbody>
          </table>
          </ScrollTable>
          <p className="muted small">{t('hydrogen.wtw.note', { car: fmt0(w.fcevKmPerDay.car), bus: fmt0(w.fcevKmPerDay.bus), truck: fmt0(w.fcevKmPerDay.truck) })}</p>
          {w.hydrogenKgCo2ePerKg > 0 ? (
            <div className="buttons">
              <button type="button" onClick={useHydrogenInCarbon} data-testid="hydrogen-to-carbon">{t('hydrogen.toCarbon', { value: fmt2(w.hydrogenKgCo2ePerKg) })}</button>
              {h.carbonFactor !== null ? <span className="muted small">{t('hydrogen.toCarbon.done', { value: fmt2(h.carbonFactor) })}</span> : null}
            </div>
          ) : null}
          <h3>{t('hydrogen.stationsTable')}</h3>
          <ScrollTable>
          <table className="summary h2-stations" data-testid="hydrogen-station-table">
            <thead>
              <tr>
                <th>{t('hydrogen.station')}</th><th>{t('hydrogen.demandShort')}</th><th>{t('hydrogen.deliveredShort')}</th><th>{t('hydrogen.unmetShort')}</th><th>{t('hydrogen.utilShort')}</th><th>{t('scenario.unit.krwKg')}</th>
              </tr>
            </thead>
            <tbody>
              {sol.stations.map((s, i) => {
                const bst = isBase ? undefined : baseStation(s.id);
                return (
                  <tr key={s.id} data-station={s.id} className={s.open ? '' : 'muted'}>
                    <th scope="row">
                      <button type="button" className="link" onClick={() => select({ layerId: 'hydrogen', featureId: i })}>{s.name}</button>
                      {s.open ? null : <span className="muted"> ({t('hydrogen.closed')})</span>}
                    </th>
                    <td data-col="demand">{fmt0(s.demandKgPerDay)}</td>
                    <td data-col="delivered">{fmt0(s.deliveredKgPerDay)}{bst ? <Diff v={s.deliveredKgPerDay} base={bst.deliveredKgPerDay} fmt={fmt0} lowerIsBetter={false} /> : null}</td>
                    <td data-col="unmet">{fmt0(s.unmetKgPerDay)}</td>
                    <td data-col="util">{fmt0(s.utilisation * 100)} %</td>
                    <td data-col="krwPerKg">{s.deliveredKgPerDay > 0 ? fmt0(s.krwPerKg) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </ScrollTable>
          <h3>{t('hydrogen.zonesTable')}</h3>
          <ScrollTable>
          <table className="summary h2-zones" data-testid="hydrogen-zone-table">
            <thead>
              <tr><th>{t('hydrogen.zone')}</th><th>{t('hydrogen.demandShort')}</th><th>{t('hydrogen.servedAt')}</th><th>{t('hydrogen.unmetShort')}</th></tr>
            </thead>
            <tbody>
              {sol.zones.map((z) => (
                <tr key={`${z.atStation ? 's' : 'z'}:${z.id}`} data-zone={z.id}>
                  <th scope="row">{zoneLabel(z)}</th>
                  <td data-col="demand">{fmt0(z.demandKgPerDay)}</td>
                  <td data-col="served">
                    {z.allocations.length === 0 ? '—' : z.allocations.map((a) => (
                      <div key={a.station}>
                        {sol.stations[a.stationIndex]?.name ?? a.station}: {fmt0(a.kgPerDay)}
                        {a.detourKm > 0 ? <span className="muted"> {t('hydrogen.detourKm', { km: fmt2(a.detourKm) })}</span> : null}
                      </div>
                    ))}
                  </td>
                  <td data-col="unmet">{fmt0(z.unmetKgPerDay)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollTable>
          <p className="muted small" data-testid="hydrogen-zones-note">
            {r.network?.catchment.mode === 'nearest'
              ? t('hydrogen.zonesNote.nearest')
              : t('hydrogen.zonesNote.capacitated', { km: fmt2(r.network?.catchment.maxDetourKm ?? 0), moved: fmt0(sum.movedKgPerDay), krw: fmt0(sum.detourKrwPerDay) })}
          </p>
          <h3>{t('hydrogen.chart.mix')}</h3>
          <Bars rows={bySource} max={maxSource} fmt={fmt0} testId="hydrogen-chart-mix" title={t('hydrogen.chart.mix')} />
          <h3>{t('hydrogen.chart.stations')}</h3>
          <Bars rows={byStation} max={maxStation} fmt={fmt0} testId="hydrogen-chart-stations" title={t('hydrogen.chart.stations')} />
          <p className="muted small">{t('hydrogen.chart.stationsNote')}</p>
          <Legend
            title={t('hydrogen.legend.util')}
            ramp={{ colors: UTILISATION_RAMP, min: '0 %', max: '100 %', ticks: ['0 %', '20 %', '40 %', '60 %', '80 %', '100 %'] }}
            items={[{ color: CLOSED_COLOR, label: t('hydrogen.closed') }, ...SOURCE_TYPES.map((k) => ({ color: SOURCE_COLORS[k], label: t(`hydrogen.type.${k}`) }))]}
            note={t('hydrogen.legend.note')}
          />
          <label className="check">
            <input type="checkbox" checked={h.visible} onChange={(e) => setHydrogenDisplay({ visible: e.target.checked })} />
            {t('hydrogen.show')}
          </label>
          <label className="check">
            <input type="checkbox" checked={h.paused} onChange={(e) => setHydrogenDisplay({ paused: e.target.checked })} />
            {t('hydrogen.pause')}
          </label>
        </>
      ) : null}
      {r.assumptions.length > 0 ? <AssumptionsList items={r.assumptions} /> : null}
    </div>
  );
}

function Sources({ busy }: { busy: boolean }) {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const h = useHydrogen('edits', 'model', 'result');
  const { setSourceEdit } = useStore.getState();
  const sources = modelSources(h.model);
  const supplied = new Map((h.result?.solution?.sources ?? []).map((s) => [s.id, s.suppliedKgPerDay]));
  return (
    <details open>
      <summary>{t('hydrogen.sources')}</summary>
      <ScrollTable>
      <table className="summary h2-sources" data-testid="hydrogen-sources">
        <thead>
          <tr><th>{t('hydrogen.source')}</th><th>{t('hydrogen.on')}</th><th>{t('hydrogen.capacityShort')}</th><th>{t('scenario.unit.kgKg')}</th><th>{t('hydrogen.suppliedShort')}</th></tr>
        </thead>
        <tbody>
          {sources.map((s) => {
            const e = h.edits.sources[s.id];
            const enabled = e?.enabled !== false;
            return (
              <tr key={s.id} data-source={s.id}>
                <th scope="row" title={s.name}>
                  <span className="swatch" style={{ background: s.type ? SOURCE_COLORS[s.type] : '#999' }} aria-hidden="true" /> {s.name}
                  <div className="muted">{s.type ? t(`hydrogen.type.${s.type}`) : '—'}{s.outside ? ` · ${t('hydrogen.offMap')}` : ''}</div>
                </th>
                <td>
                  <input type="checkbox" checked={enabled} disabled={busy} aria-label={t('hydrogen.on')} data-testid={`hydrogen-source-on-${s.id}`}
                    onChange={(ev) => setSourceEdit(s.id, { enabled: ev.target.checked })} />
                </td>
                <td>
                  <NumberInput {...EDIT_FIELD} value={e?.capacityKgPerDay ?? s.capacityKgPerDay} label={t('hydrogen.capacityShort')} disabled={busy || !enabled} testId={`hydrogen-source-cap-${s.id}`}
                    onChange={(v) => setSourceEdit(s.id, { capacityKgPerDay: v })} />
                </td>
                <td>
                  <NumberInput {...EDIT_FIELD} value={e?.kgCo2ePerKg ?? s.kgCo2ePerKg ?? 0} label={t('scenario.unit.kgKg')} disabled={busy} testId={`hydrogen-source-co2-${s.id}`}
                    onChange={(v) => setSourceEdit(s.id, { kgCo2ePerKg: v })} />
                </td>
                <td>{supplied.has(s.id) ? fmt0(supplied.get(s.id)!) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </ScrollTable>
    </details>
  );
}

function Stations({ busy }: { busy: boolean }) {
  const t = useT();
  const h = useHydrogen('edits', 'model', 'placing');
  const { setStationCapacity, removeStation, restoreStation, setPlacing } = useStore.getState();
  const stations = stationsOf(h);
  const removed = new Set(h.edits.removed);
  return (
    <details open>
      <summary>{t('hydrogen.stations')}</summary>
      <ul className="plain small h2-station-list" data-testid="hydrogen-stations">
        {stations.map((s) => (
          <li key={s.id} data-station={s.id} className={removed.has(s.id) ? 'removed' : ''}>
            <span className="h2-name" title={s.name}>{s.name}</span>
            <span className="muted"> {s.placed ? t('hydrogen.placed') : s.candidate ? t('hydrogen.candidate') : t('hydrogen.existing')}</span>
            {removed.has(s.id) ? (
              <button type="button" className="link" onClick={() => restoreStation(s.id)} disabled={busy}>{t('hydrogen.restore')}</button>
            ) : (
              <>
                <NumberInput {...EDIT_FIELD} value={s.capacity} label={t('hydrogen.capacityOf', { name: s.name })} disabled={busy} testId={`hydrogen-station-cap-${s.id}`} onChange={(v) => setStationCapacity(s.id, v)} />
                <span className="muted"> {t('hydrogen.unit.kgDay')} </span>
                <button type="button" className="link" onClick={() => removeStation(s.id)} disabled={busy} data-testid={`hydrogen-remove-${s.id}`}>{t('hydrogen.remove')}</button>
              </>
            )}
          </li>
        ))}
      </ul>
      {h.placing ? (
        <div role="status" className="small">
          {t('hydrogen.placeHint')}{' '}
          <button type="button" onClick={() => setPlacing(false)}>{t('hydrogen.placeCancel')}</button>
        </div>
      ) : (
        <button type="button" onClick={() => setPlacing(true)} disabled={busy} data-testid="hydrogen-place">{t('hydrogen.place')}</button>
      )}
    </details>
  );
}

function Elapsed({ since }: { since: number }) {
  const t = useT();
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const id = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(id);
  }, []);
  return <span>{t('hydrogen.solving', { s: ((now - since) / 1000).toFixed(1) })}</span>;
}

/** Where a zone's drivers may refuel: any open station within a detour (with room), or the nearest only. */
function Catchment({ busy }: { busy: boolean }) {
  const t = useT();
  const h = useHydrogen('catchment', 'model');
  const setHydrogenOptions = useStore((s) => s.setHydrogenOptions);
  const own = modelSettings(h.model).catchment;
  const mode = h.catchment?.mode ?? own.mode;
  const km = h.catchment?.maxDetourKm ?? own.maxDetourKm;
  const set = (next: { mode: 'capacitated' | 'nearest'; maxDetourKm: number }): void => {
    const m = next.mode === own.mode ? null : next.mode;
    const d = next.maxDetourKm === own.maxDetourKm ? null : next.maxDetourKm;
    setHydrogenOptions({ catchment: m === null && d === null ? null : { mode: m, maxDetourKm: d } });
  };
  return (
    <>
      <label className="field">
        <span>{t('hydrogen.catchment')}</span>
        <select value={mode} disabled={busy} data-testid="hydrogen-catchment" onChange={(e) => set({ mode: e.target.value === 'nearest' ? 'nearest' : 'capacitated', maxDetourKm: km })}>
          <option value="capacitated">{t('hydrogen.catchment.capacitated')}</option>
          <option value="nearest">{t('hydrogen.catchment.nearest')}</option>
        </select>
      </label>
      {mode === 'capacitated' ? (
        <label className="field">
          <span>{t('hydrogen.catchment.detour')}</span>
          <NumberInput value={km} label={t('hydrogen.catchment.detour')} testId="hydrogen-detour" onChange={(v) => set({ mode, maxDetourKm: Math.min(100, v) })} />
          <output>km</output>
        </label>
      ) : null}
    </>
  );
}

export function HydrogenPanel() {
  const t = useT();
  const h = useHydrogen('edits', 'error', 'fcevShare', 'loadError', 'model', 'modelName', 'objective', 'placing', 'result', 'startedAt', 'stationChoice', 'status', 'useTraffic');
  const hasTraffic = useStore((s) => Boolean(s.traffic.result && s.traffic.view));
  const layerStationsChosen = useStore((s) => Boolean(s.inputs.stations));
  const { ensureHydrogenModel, solveHydrogen, cancelHydrogen, setHydrogenOptions, setFcevShare, setUnmetAllowed, resetHydrogenEdits, setHydrogenModelFile } = useStore.getState();
  const cityReady = useStore((s) => s.layers.some((l) => l.id === 'buildings' && l.status === 'ready'));
  useEffect(() => {
    if (cityReady) void ensureHydrogenModel();
  }, [cityReady, ensureHydrogenModel]);
  const busy = h.status === 'running';
  const own = modelSettings(h.model);
  const objective = h.objective ?? own.objective;
  const stationChoice = h.stationChoice ?? own.stationChoice;
  const unmetAllowed = h.edits.unmetAllowed ?? own.unmetAllowed;
  const modelName = own.name;
  return (
    <section className="panel hydrogen-panel" aria-label={t('hydrogen.title')} data-testid="hydrogen-panel" data-status={h.status}>
      <h2>{t('hydrogen.title')}</h2>
      <p className="muted small">{t('hydrogen.intro')}</p>
      <div className="small" data-testid="hydrogen-model">
        {h.model !== null ? t('hydrogen.model', { name: modelName || (h.modelName ?? '') }) : h.status === 'loading' ? t('hydrogen.loading') : t('hydrogen.noModel')}
      </div>
      <label className="field">
        <span>{t('hydrogen.file')}</span>
        <input type="file" accept=".json,application/json" className="span2" data-testid="hydrogen-file" disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then((txt) => setHydrogenModelFile(file.name, txt));
          }} />
      </label>
      {h.loadError ? <div className="layer-error" role="alert">{t('hydrogen.loadFailed', { message: h.loadError })}</div> : null}
      {h.error ? <div className="layer-error" role="alert">{t('hydrogen.failed', { message: h.error })}</div> : null}
      {h.model !== null ? (
        <>
          <div className="small muted">
            {hasTraffic && h.useTraffic ? t('hydrogen.demandFrom.traffic') : t('hydrogen.demandFrom.model')}
            {layerStationsChosen ? ` · ${t('hydrogen.stationsFromLayer')}` : ''}
          </div>
          {hasTraffic ? (
            <label className="check">
              <input type="checkbox" checked={h.useTraffic} disabled={busy} onChange={(e) => setHydrogenOptions({ useTraffic: e.target.checked })} />
              {t('hydrogen.useTraffic')}
            </label>
          ) : null}
          <h3>{t('hydrogen.whatifs')}</h3>
          <label className="field">
            <span>{t('hydrogen.objective')}</span>
            <select value={objective} disabled={busy} data-testid="hydrogen-objective" onChange={(e) => setHydrogenOptions({ objective: e.target.value as ObjectiveKind })}>
              <option value="cost">{t('hydrogen.objective.cost')}</option>
              <option value="co2">{t('hydrogen.objective.co2')}</option>
              <option value="weighted">{t('hydrogen.objective.weighted')}</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={stationChoice} disabled={busy} data-testid="hydrogen-station-choice" onChange={(e) => setHydrogenOptions({ stationChoice: e.target.checked })} />
            {t('hydrogen.stationChoice')}
          </label>
          <Catchment busy={busy} />
          <label className="check">
            <input type="checkbox" checked={unmetAllowed} disabled={busy} data-testid="hydrogen-unmet-allowed" onChange={(e) => setUnmetAllowed(e.target.checked === own.unmetAllowed ? undefined : e.target.checked)} />
            {t('hydrogen.unmetAllowed')}
          </label>
          {H2_VEHICLE_CLASSES.map((cls) => {
            const share = h.fcevShare[cls] ?? own.fcevShare[cls];
            return (
              <label className="field" key={cls}>
                <span>{t(`hydrogen.fcev.${cls}`)}</span>
                <input type="range" min={0} max={100} step={1} value={Math.round(share * 100)} disabled={busy} aria-label={t(`hydrogen.fcev.${cls}`)} data-testid={`hydrogen-fcev-${cls}`}
                  onChange={(e) => setFcevShare(cls, Number(e.target.value) / 100)} />
                <output>{Math.round(share * 100)} %</output>
              </label>
            );
          })}
          <Sources busy={busy} />
          <Stations busy={busy} />
          <div className="buttons">
            {busy ? (
              <button type="button" onClick={cancelHydrogen} data-testid="hydrogen-cancel">{t('hydrogen.cancel')}</button>
            ) : (
              <button type="button" className="primary" onClick={() => void solveHydrogen()} disabled={h.placing} data-testid="hydrogen-run">
                {h.result ? t('hydrogen.rerun') : t('hydrogen.run')}
              </button>
            )}
            <button type="button" onClick={resetHydrogenEdits} disabled={busy}>{t('hydrogen.resetEdits')}</button>
          </div>
          {busy && h.startedAt !== null ? (
            <div className="small" role="status" data-testid="hydrogen-progress">
              <progress aria-label={t('hydrogen.solvingLabel')} /> <Elapsed since={h.startedAt} />
            </div>
          ) : null}
          <Results />
        </>
      ) : null}
    </section>
  );
}
