// The scenario panel: which scenario is open (baseline and named ones), its edits (each removable),
// undo/redo, the pipeline run with each stage's state (computed or from cache), A/B comparison of KPIs
// as a table and a chart, and saving, sharing and exporting.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  type KpiComparison,
  MAX_LINK_CHARS,
  STAGES,
  canonicalJson,
  cellsCsv,
  cellsGeoJson,
  compareKpis,
  routedDemandDiffers,
  districtsCsv,
  encodeShareFragment,
  issueText,
  linksCsv,
  linksGeoJson,
  listEdits,
  stationsCsv,
  stationsGeoJson,
} from '../core/scenario/index.ts';
import { viewControl } from '../scene/viewControl.ts';
import { BASELINE_ID, entryScenario, resultKey, useStore } from '../store/index.ts';
import { UTF8_BOM } from '../core/scenario/export.ts';
import { fileStem, saveFile } from './download.ts';
import { buildReport, reportHtml } from './report.ts';
import { embeddedFontCss } from './reportFonts.ts';
import { editText, entryName } from './editText.ts';
import { linkName } from './linkName.ts';
import type { MessageKey } from './i18n/index.ts';
import { useNumberFormat, useT } from './useT.ts';
import { linkDifferences } from '../scene/trafficStyle.ts';
import { cellValues, maxAbsOf } from '../scene/carbonStyle.ts';
import { CarbonScale, TrafficChangeLegend } from './legends.tsx';
import { ScrollTable } from './ScrollTable.tsx';
import { hydrogenRowsUncompared, kpiRounded, kpiUnitKey, kpiVerdict } from './kpiText.ts';



function ScenarioPicker() {
  const t = useT();
  const { scenarios, active } = useStore(useShallow((s) => ({ scenarios: s.scenarios, active: s.activeScenario })));
  const busy = useStore((s) => s.pipeline.status === 'running');
  const [mode, setMode] = useState<null | 'new' | 'rename'>(null);
  const [text, setText] = useState('');
  const { selectScenario, saveScenarioAs, renameScenario, duplicateScenario, deleteScenario } = useStore.getState();
  const current = scenarios.find((e) => e.id === active);
  const submit = (): void => {
    if (mode === 'new') saveScenarioAs(text);
    else if (mode === 'rename') renameScenario(active, text);
    setMode(null);
  };
  return (
    <div className="scenario-picker">
      <label className="field">
        <span>{t('scenario.list')}</span>
        <select className="span2" value={active} disabled={busy} onChange={(e) => selectScenario(e.target.value)} data-testid="scenario-select">
          {scenarios.map((e) => (
            <option key={e.id} value={e.id}>{entryName(t, e.id, e.scenario.name)}</option>
          ))}
        </select>
      </label>
      {mode ? (
        <form className="buttons" onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <input autoFocus aria-label={t('scenario.saveAsName')} value={text} maxLength={200} onChange={(e) => setText(e.target.value)} data-testid="scenario-name" />
          <button type="submit" className="primary" disabled={text.trim() === ''}>{t('scenario.ok')}</button>
          <button type="button" onClick={() => setMode(null)}>{t('scenario.cancelEdit')}</button>
        </form>
      ) : (
        <div className="buttons">
          <button type="button" disabled={busy} onClick={() => { setText(''); setMode('new'); }} data-testid="scenario-save-as">{t('scenario.saveAs')}</button>
          <button type="button" disabled={busy} onClick={() => duplicateScenario(active)}>{t('scenario.duplicate')}</button>
          <button type="button" disabled={busy || active === BASELINE_ID} onClick={() => { setText(current?.scenario.name ?? ''); setMode('rename'); }} data-testid="scenario-rename">{t('scenario.rename')}</button>
          <button type="button" disabled={busy || active === BASELINE_ID} onClick={() => deleteScenario(active)}>{t('scenario.delete')}</button>
        </div>
      )}
    </div>
  );
}

export function HistoryButtons() {
  const t = useT();
  const { canUndo, canRedo } = useStore(useShallow((s) => ({ canUndo: s.history.past.length > 0, canRedo: s.history.future.length > 0 })));
  const busy = useStore((s) => s.pipeline.status === 'running');
  return (
    <div className="buttons history-buttons" role="group">
      <button type="button" disabled={!canUndo || busy} onClick={() => useStore.getState().undo()} title={t('scenario.undoHint')} data-testid="undo">↶ {t('scenario.undo')}</button>
      <button type="button" disabled={!canRedo || busy} onClick={() => useStore.getState().redo()} title={t('scenario.redoHint')} data-testid="redo">↷ {t('scenario.redo')}</button>
    </div>
  );
}

function EditList() {
  const t = useT();
  const lang = useStore((s) => s.language);
  // The list is derived from the models' edit state; recomputed when one of them changes.
  const deps = useStore(useShallow((s) => [s.traffic.edits, s.traffic.demandScale, s.traffic.zoneFactors, s.traffic.targetGap, s.carbon.params, s.hydrogen.edits, s.hydrogen.fcevShare, s.hydrogen.objective, s.hydrogen.stationChoice, s.hydrogen.useTraffic, s.hydrogenFromSupply, s.frame]));
  const busy = useStore((s) => s.pipeline.status === 'running');
  const edits = useMemo(() => (deps ? listEdits(useStore.getState().scenarioNow()) : []), [deps]);
  return (
    <section aria-label={t('scenario.edits', { n: edits.length })}>
      <h3>{t('scenario.edits', { n: edits.length })}</h3>
      {edits.length === 0 ? <p className="muted small">{t('scenario.noEdits')}</p> : null}
      <ul className="plain edit-list" data-testid="scenario-edits">
        {edits.map((e) => {
          const what = editText(lang, e, (link) => linkName(useStore.getState(), link));
          return (
            <li key={e.id} data-edit={e.id} className={`edit-${e.domain}`}>
              <span>{what}</span>
              <button type="button" className="link" disabled={busy} aria-label={t('scenario.removeEdit', { what })} title={t('scenario.removeEdit', { what })} onClick={() => useStore.getState().removeScenarioEdit(e.id)}>✕</button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function StageList() {
  const t = useT();
  const fmt = useNumberFormat(2);
  const p = useStore(useShallow((s) => ({ stages: s.pipeline.stages, progress: s.pipeline.progress })));
  return (
    <ol className="plain stages small" data-testid="scenario-stages">
      {STAGES.map((name) => {
        const st = p.stages[name];
        const state = !st ? '' : st.state === 'running' ? t('scenario.stageRunning', { pct: Math.round(p.progress * 100) }) : st.hash === null ? t('scenario.stageSkipped') : st.cached ? t('scenario.stageCached') : t('scenario.stageRan', { s: fmt(st.seconds) });
        return (
          <li key={name} data-stage={name} data-cached={st?.state === 'done' ? String(st.cached) : undefined}>
            <span>{t(`scenario.stage.${name}`)}</span> <span className="muted">{state}</span>
          </li>
        );
      })}
    </ol>
  );
}

function RunBox() {
  const t = useT();
  const fmt = useNumberFormat(2);
  // Not the progress: StageList draws that.
  const p = useStore(useShallow((s) => ({ status: s.pipeline.status, seconds: s.pipeline.seconds, error: s.pipeline.error })));
  const h2 = useStore((s) => s.hydrogenFromSupply);
  const running = p.status === 'running';
  return (
    <section>
      <label className="check">
        <input type="checkbox" checked={h2} disabled={running} onChange={(e) => useStore.getState().setHydrogenFromSupply(e.target.checked)} />
        {t('scenario.h2InCarbon')}
      </label>
      <div className="buttons">
        <button type="button" className="primary" disabled={running} onClick={() => void useStore.getState().runScenario()} data-testid="scenario-run">{t('scenario.run')}</button>
        {running ? <button type="button" onClick={() => useStore.getState().cancelScenario()}>{t('scenario.cancel')}</button> : null}
      </div>
      <StageList />
      {p.seconds !== null && !running ? <p className="muted small" data-testid="scenario-seconds">{t('scenario.runTime', { s: fmt(p.seconds) })}</p> : null}
      {p.error ? <div className="layer-error" role="alert">{p.error === 'misfit' ? t('scenario.misfit') : t('scenario.failed', { message: p.error })}</div> : null}
    </section>
  );
}

/** Colour-blind-safe pair (Okabe & Ito): blue for better, vermilion for worse. */
const BETTER = '#0072B2';
const WORSE = '#D55E00';


/** Percent change per KPI, and CO₂e by sector for A and B, as horizontal bars (Observable Plot, loaded on first use). */
function KpiChart({ rows }: { rows: readonly KpiComparison[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const data = useMemo(
    () => rows.filter((r) => r.percent !== null).map((r) => ({ label: t(`scenario.kpi.${r.key}` as MessageKey), percent: r.percent!, verdict: kpiVerdict(r) })),
    [rows, t],
  );
  const sectors = useMemo(
    () =>
      rows
        .filter((r) => r.key.startsWith('co2e.'))
        .flatMap((r) => [
          { sector: t(`scenario.kpi.${r.key}` as MessageKey), side: 'A', value: r.a ?? 0 },
          { sector: t(`scenario.kpi.${r.key}` as MessageKey), side: 'B', value: r.b ?? 0 },
        ]),
    [rows, t],
  );
  const percentReach = useMemo(() => Math.max(1, ...data.map((d) => Math.abs(d.percent))), [data]);
  useEffect(() => {
    const el = ref.current;
    if (!el || data.length === 0) return;
    const charts: Element[] = [];
    let cancelled = false;
    void import('@observablehq/plot').then((Plot) => {
      if (cancelled) return;
      const style = { fontSize: '12px', fontFamily: 'inherit', background: 'transparent' };
      // Room under the tick labels for the axis label: Plot's 30 px, made for 10 px text, let the two
      // overlap at 12 px (in the panel and in the report).
      const marginBottom = 44;
      charts.push(
        Plot.plot({
          width: 330,
          height: 54 + 24 * data.length,
          marginLeft: 150,
          marginBottom,
          style,
          // Symmetric about 0 and at least ±1 %, so no change draws no bar (a domain fitted to all-zero
          // changes filled the width) and the ticks are readable percentages.
          x: { label: t('scenario.kpiChart'), grid: true, domain: [-percentReach, percentReach], ticks: 4, tickFormat: (v: number) => `${v} %` },
          y: { label: null, domain: data.map((d) => d.label), axis: null },
          marks: [
            // Long names wrap onto a second line instead of running off the left edge.
            Plot.axisY({ label: null, tickSize: 0, lineWidth: 12 }),
            Plot.barX(data, { y: 'label', x: 'percent', fill: (d: (typeof data)[number]) => (d.verdict === 'better' ? BETTER : d.verdict === 'worse' ? WORSE : '#8a94a3') }),
            Plot.ruleX([0]),
          ],
        }),
      );
      if (sectors.length > 0) {
        charts.push(
          Plot.plot({
            width: 330,
            height: 54 + 30 * (sectors.length / 2),
            marginLeft: 150,
            marginBottom,
            style,
            x: { label: t('scenario.sectorChart'), grid: true, tickFormat: '~s' },
            y: { label: null, axis: null },
            fy: { label: null, domain: [...new Set(sectors.map((d) => d.sector))] },
            color: { domain: ['A', 'B'], range: ['#8a94a3', BETTER], legend: false },
            marks: [
              Plot.barX(sectors, { fy: 'sector', y: 'side', x: 'value', fill: 'side' }),
              Plot.ruleX([0]),
            ],
          }),
        );
      }
      el.replaceChildren(...charts);
    });
    return () => {
      cancelled = true;
      for (const c of charts) c.remove();
    };
  }, [data, sectors, percentReach, t]);
  return <div ref={ref} className="kpi-chart" data-testid="kpi-chart" role="img" aria-label={`${t('scenario.kpiChart')}; ${t('scenario.sectorChart')}`} />;
}

/** What the map shows of the comparison, with the difference layer's legends. */
function MapViewChoice() {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const { mapView, measure, a, b, isConnector } = useStore(useShallow((s) => ({ mapView: s.mapView, measure: s.diffMeasure, a: s.results.a, b: s.results.b, isConnector: s.traffic.view?.isConnector ?? null })));
  const diff = useMemo(() => {
    if (!a || !b) return null;
    const flow = a.traffic && b.traffic && isConnector ? linkDifferences(b.traffic.flows.length, isConnector, a.traffic, b.traffic, measure).maxAbs : 0;
    // The same per-cell difference the map draws (src/scene/carbonStyle.ts).
    const cell = a.carbon && b.carbon ? maxAbsOf(cellValues(b.carbon, a.carbon, 'difference')) : 0;
    const stations = (b.hydrogen?.result.solution?.stations ?? []).map((st) => {
      const before = a.hydrogen?.result.solution?.stations.find((x) => x.id === st.id)?.deliveredKgPerDay ?? 0;
      return { id: st.id, name: st.name, a: before, b: st.deliveredKgPerDay };
    });
    for (const st of a.hydrogen?.result.solution?.stations ?? []) if (!stations.some((x) => x.id === st.id)) stations.push({ id: st.id, name: st.name, a: st.deliveredKgPerDay, b: 0 });
    return { flow, cell, stations: stations.filter((x) => Math.abs(x.b - x.a) > 1e-6) };
  }, [a, b, measure, isConnector]);
  if (!a || !b) return null;
  return (
    <div className="map-view">
      <div className="buttons" role="radiogroup" aria-label={t('scenario.mapView')}>
        {(['b', 'difference', 'split'] as const).map((v) => (
          <button key={v} type="button" role="radio" aria-checked={mapView === v} aria-pressed={mapView === v} onClick={() => useStore.getState().setMapView(v)} data-map-view={v}>
            {t(`scenario.mapView.${v}`)}
          </button>
        ))}
      </div>
      {mapView === 'difference' && diff ? (
        <div data-testid="difference-legend">
          <div className="buttons small" role="radiogroup" aria-label={t('scenario.diffLinks')}>
            {(['flow', 'vc'] as const).map((m) => (
              <button key={m} type="button" role="radio" aria-checked={measure === m} aria-pressed={measure === m} onClick={() => useStore.getState().setDiffMeasure(m)} data-diff-measure={m}>
                {t(m === 'flow' ? 'scenario.diffFlow' : 'scenario.diffVc')}
              </button>
            ))}
          </div>
          <TrafficChangeLegend measure={measure} maxAbs={diff.flow} />
          <CarbonScale maxAbs={diff.cell} mode="difference" versus="ab" />
          {diff.stations.length > 0 ? (
            <ScrollTable>
            <table className="summary kpis">
              <caption className="small">{t('scenario.diffStations')}</caption>
              <thead><tr><th scope="col">{t('scenario.station')}</th><th scope="col">A</th><th scope="col">B</th><th scope="col">{t('scenario.change')}</th></tr></thead>
              <tbody>
                {diff.stations.map((x) => (
                  <tr key={x.id}><th scope="row">{x.name}</th><td>{fmt0(x.a)}</td><td>{fmt0(x.b)}</td><td>{x.b - x.a > 0 ? '+' : ''}{fmt0(x.b - x.a)}</td></tr>
                ))}
              </tbody>
            </table>
            </ScrollTable>
          ) : <p className="muted small">{t('scenario.diffStationsNone')}</p>}
        </div>
      ) : null}
    </div>
  );
}

function Compare() {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const fmt2 = useNumberFormat(2);
  const { scenarios, compare, running } = useStore(useShallow((s) => ({ scenarios: s.scenarios, compare: s.compare, running: s.pipeline.status === 'running' })));
  const a = scenarios.find((e) => e.id === compare.a);
  const b = scenarios.find((e) => e.id === compare.b);
  const rows = useMemo(() => (a?.kpis && b?.kpis ? compareKpis(a.kpis, b.kpis) : []), [a?.kpis, b?.kpis]);
  const stale = [a, b].some((e) => e && e.kpis && e.kpisFor !== resultKey(entryScenario(useStore.getState(), e)));
  /** A figure at the table's precision; a change too small to show is 0, never "-0". */
  const num = (v: number | null, unit: string): string => {
    if (v === null) return '—';
    const r = kpiRounded(v, unit);
    return r.whole ? fmt0(r.value) : fmt2(r.value);
  };
  const signed = (v: number, unit: string): string => {
    const text = num(v, unit);
    return text !== '0' && v > 0 ? `+${text}` : text;
  };
  const pick = (side: 'a' | 'b') => (
    <label className="field">
      <span>{t(side === 'a' ? 'scenario.compareA' : 'scenario.compareB')}</span>
      <select className="span2" value={compare[side]} disabled={running} onChange={(e) => useStore.getState().setCompare({ [side]: e.target.value })} data-testid={`compare-${side}`}>
        {scenarios.map((e) => <option key={e.id} value={e.id}>{entryName(t, e.id, e.scenario.name)}</option>)}
      </select>
    </label>
  );
  return (
    <section aria-label={t('scenario.compare')}>
      <h3>{t('scenario.compare')}</h3>
      {pick('a')}
      {pick('b')}
      <div className="buttons">
        <button type="button" disabled={running} onClick={() => void useStore.getState().runComparison()} data-testid="compare-run">{t('scenario.runCompare')}</button>
      </div>
      {rows.length === 0 ? <p className="muted small">{t('scenario.noKpis')}</p> : (
        <>
          {stale ? <p className="warn">{t('scenario.kpisStale')}</p> : null}
          {a?.kpis && b?.kpis && routedDemandDiffers(a.kpis, b.kpis) ? (
            <p className="warn" data-testid="unrouted-differs">
              {t('scenario.unroutedDiffers', { a: fmt0(a.kpis.unroutedVehPerHour ?? 0), b: fmt0(b.kpis.unroutedVehPerHour ?? 0) })}
              {hydrogenRowsUncompared(rows) ? ` ${t('scenario.unroutedDiffers.hydrogen')}` : null}
            </p>
          ) : null}
          <ScrollTable>
          <table className="summary kpis" data-testid="kpi-table">
            <thead>
              <tr><th scope="col">{t('scenario.kpi')}</th><th scope="col">A</th><th scope="col">B</th><th scope="col">{t('scenario.change')}</th><th scope="col">{t('scenario.percent')}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const v = kpiVerdict(r);
                return (
                  <tr key={r.key} data-kpi={r.key}>
                    <th scope="row">{t(`scenario.kpi.${r.key}` as MessageKey)} <span className="muted">{t(kpiUnitKey(r.unit))}</span></th>
                    <td>{num(r.a, r.unit)}</td>
                    <td data-value={r.b ?? ''}>{num(r.b, r.unit)}</td>
                    <td className={v ?? undefined}>{r.change === null ? '—' : signed(r.change, r.unit)}{v ? <span className="sr-only"> ({t(v === 'better' ? 'scenario.better' : 'scenario.worse')})</span> : null}</td>
                    <td className={v ?? undefined}>{r.percent === null ? '—' : signed(r.percent, '%')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </ScrollTable>
          <KpiChart rows={rows} />
        </>
      )}
      <MapViewChoice />
    </section>
  );
}

function shareUrl(): { url: string } | { tooBig: number } {
  const fragment = encodeShareFragment(useStore.getState().scenarioNow());
  if (fragment.length > MAX_LINK_CHARS) return { tooBig: fragment.length };
  return { url: `${location.origin}${location.pathname}${location.search}#${fragment}` };
}

function Files() {
  const t = useT();
  const issues = useStore((s) => s.scenarioIssues);
  const language = useStore((s) => s.language);
  const [share, setShare] = useState<{ url: string; copied?: boolean } | { tooBig: number } | null>(null);
  const exportScenario = (): void => {
    const s = useStore.getState().scenarioNow();
    saveFile(`${fileStem(s.name)}.citytwin.json`, JSON.stringify(JSON.parse(canonicalJson(s)), null, 2), 'application/json');
  };
  const openFile = async (file: File): Promise<void> => {
    useStore.getState().openScenarioText(file.name, await file.text());
  };
  const makeLink = async (): Promise<void> => {
    const r = shareUrl();
    setShare(r);
    if (!('url' in r)) return;
    // Said copied only once the clipboard took it (it may refuse: no permission, an insecure address).
    const copied = navigator.clipboard ? await navigator.clipboard.writeText(r.url).then(() => true, () => false) : false;
    setShare({ ...r, copied });
  };
  return (
    <section aria-label={t('scenario.files')}>
      <h3>{t('scenario.files')}</h3>
      <div className="buttons">
        <button type="button" onClick={exportScenario} data-testid="scenario-export">{t('scenario.exportFile')}</button>
        <label className="file-button">
          {t('scenario.importFile')}
          <input type="file" accept=".json,application/json" data-testid="scenario-import" onChange={(e) => { const f = e.target.files?.[0]; if (f) void openFile(f); e.target.value = ''; }} />
        </label>
        <button type="button" onClick={() => void makeLink()} data-testid="scenario-share">{t('scenario.share')}</button>
      </div>
      {share && 'url' in share ? (
        <div className="small" data-testid="share-link">
          <p>{t('scenario.shareReady')}</p>
          <input readOnly value={share.url} onFocus={(e) => e.target.select()} aria-label={t('scenario.share')} />
          {share.copied === undefined ? null : <p className="muted" data-testid="share-copied">{t(share.copied ? 'scenario.shareCopied' : 'scenario.shareNotCopied')}</p>}
        </div>
      ) : share ? <p className="warn" role="alert">{t('scenario.shareTooBig', { n: share.tooBig, max: MAX_LINK_CHARS })}</p> : null}
      {issues ? (
        <div className="layer-error" role="alert" data-testid="scenario-issues">
          <p>{t(issues.kind === 'fit' ? 'scenario.misfitList' : 'scenario.badFile', { source: issues.source, n: issues.issues.length })}</p>
          <ul>{issues.issues.slice(0, 20).map((i, k) => <li key={k}><code>{i.path}</code>: {issueText(language, i)}</li>)}</ul>
          <button type="button" className="link" onClick={() => useStore.getState().setScenarioIssues(null)}>✕</button>
        </div>
      ) : null}
    </section>
  );
}

/** Downloads of the shown scenario's (B's) results. */
function ResultFiles() {
  const t = useT();
  const b = useStore((s) => s.results.b);
  const stem = (): string => fileStem(useStore.getState().scenarios.find((e) => e.id === useStore.getState().compare.b)?.scenario.name ?? 'scenario');
  const csv = (suffix: string, text: string): void => saveFile(`${stem()}.${suffix}.csv`, [UTF8_BOM, text], 'text/csv;charset=utf-8');
  const geo = (suffix: string, value: unknown): void => saveFile(`${stem()}.${suffix}.geojson`, JSON.stringify(value), 'application/geo+json');
  const s = useStore.getState();
  const view = s.traffic.view;
  const frame = s.frame;
  const png = async (): Promise<void> => {
    const blob = await viewControl()?.snapshot();
    if (blob) saveFile(`${stem()}.png`, blob, 'image/png');
  };
  const report = async (): Promise<void> => {
    const st = useStore.getState();
    const ea = st.scenarios.find((e) => e.id === st.compare.a);
    const eb = st.scenarios.find((e) => e.id === st.compare.b);
    if (!ea?.kpis || !eb?.kpis) return;
    const blob = await viewControl()?.snapshot();
    const mapPng = blob ? await new Promise<string>((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result)); r.readAsDataURL(blob); }) : null;
    const sb = entryScenario(st, eb);
    const doc = buildReport({
      language: st.language,
      a: { name: entryName(t, ea.id, ea.scenario.name), kpis: ea.kpis },
      b: { name: entryName(t, eb.id, eb.scenario.name), kpis: eb.kpis, notes: sb.notes, edits: listEdits(sb) },
      linkName: (link) => linkName(st, link),
      city: sb.city.name,
      mapPng,
      charts: [...document.querySelectorAll<SVGSVGElement>('[data-testid=kpi-chart] > svg')],
      date: new Date(),
    });
    // The interface's font goes with the report, for the characters it shows (reportFonts.ts).
    const fonts = await embeddedFontCss(doc.body.textContent ?? '');
    saveFile(`${stem()}.report.html`, reportHtml(doc, fonts), 'text/html;charset=utf-8');
  };
  if (!b) return <section><h3>{t('scenario.results')}</h3><p className="muted small">{t('scenario.noResults')}</p></section>;
  return (
    <section aria-label={t('scenario.results')}>
      <h3>{t('scenario.results')}</h3>
      <div className="buttons small">
        {b.traffic && view ? <button type="button" onClick={() => csv('links', linksCsv(view, b.traffic!))} data-testid="export-links-csv">{t('scenario.csvLinks')}</button> : null}
        {b.carbon && frame ? <button type="button" onClick={() => csv('cells', cellsCsv(b.carbon!.grid, frame))} data-testid="export-cells-csv">{t('scenario.csvCells')}</button> : null}
        {b.carbon?.districts ? <button type="button" onClick={() => csv('districts', districtsCsv(b.carbon!.districts!, s.carbon.districtNames))}>{t('scenario.csvDistricts')}</button> : null}
        {b.hydrogen ? <button type="button" onClick={() => csv('stations', stationsCsv(b.hydrogen!.result))}>{t('scenario.csvStations')}</button> : null}
        {b.traffic && view && frame ? <button type="button" onClick={() => geo('links', linksGeoJson(view, b.traffic!, frame))}>{t('scenario.geoLinks')}</button> : null}
        {b.carbon && frame ? <button type="button" onClick={() => geo('cells', cellsGeoJson(b.carbon!.grid, frame))}>{t('scenario.geoCells')}</button> : null}
        {b.hydrogen ? <button type="button" onClick={() => geo('stations', stationsGeoJson(b.hydrogen!.result))}>{t('scenario.geoStations')}</button> : null}
        <button type="button" onClick={() => void png()} data-testid="export-png">{t('scenario.png')}</button>
        <button type="button" onClick={() => void report()} data-testid="export-report">{t('scenario.report')}</button>
      </div>
    </section>
  );
}

function Notes() {
  const t = useT();
  const { id, notes } = useStore(useShallow((s) => ({ id: s.activeScenario, notes: s.scenarios.find((e) => e.id === s.activeScenario)?.scenario.notes ?? '' })));
  return (
    <label className="notes small">
      {t('scenario.notes')}
      <textarea rows={2} value={notes} maxLength={20000} onChange={(e) => useStore.getState().setScenarioNotes(id, e.target.value)} />
    </label>
  );
}

export function ScenarioPanel() {
  const t = useT();
  return (
    <section className="panel scenario-panel" aria-label={t('scenario.title')} data-testid="scenario-panel">
      <h2>{t('scenario.title')}</h2>
      <p className="muted small">{t('scenario.intro')}</p>
      <ScenarioPicker />
      <HistoryButtons />
      <EditList />
      <RunBox />
      <Compare />
      <Files />
      <ResultFiles />
      <Notes />
    </section>
  );
}
