// The carbon panel: grid and basis, what-ifs (fleet shift, grid electricity, a district retrofit),
// totals by sector against the baseline, districts, display options, legend and every assumption.
import { problemText } from '../core/language/problemText.ts';
import { CityProfile } from './CityProfile.tsx';
import { PROFILES, cityProfileOf } from '../store/carbon.ts';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LandCover } from '../core/carbon/model/index.ts';
import { CRS_CODES, crsInfo, isCrsCode } from '../core/crs/index.ts';
import { CarbonLegend } from './legends.tsx';
import { type CarbonState, useStore } from '../store/index.ts';
import { CarbonFactors } from './CarbonFactors.tsx';
import { AssumptionsList } from './AssumptionsList.tsx';
import { SectorTable } from './SectorTable.tsx';
import { useNumberFormat, useT } from './useT.ts';
import { ScrollTable } from './ScrollTable.tsx';

const CELL_SIZES = [25, 50, 100, 250, 500] as const;

const DRAWABLE_COVERS: readonly LandCover[] = ['park', 'forest', 'garden', 'grass'];

/** Shoelace area of a flat ring, m². */
function ringArea(ring: readonly number[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) a += (ring[j]! - ring[i]!) * (ring[j + 1]! + ring[i + 1]!);
  return Math.abs(a / 2);
}

function GreenAreas({ busy }: { busy: boolean }) {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const drawing = useStore((s) => s.carbon.drawing);
  const extra = useStore((s) => s.carbon.params.extraGreen) ?? [];
  const [cover, setCover] = useState<LandCover>('park');
  const { startDrawing, finishDrawing, undoDrawingPoint, cancelDrawing, removeExtraGreen } = useStore.getState();
  return (
    <div className="green-areas">
      <h3>{t('carbon.green')}</h3>
      <ul className="plain small">
        {extra.map((g, i) => (
          <li key={i}>
            {t('carbon.green.item', { cover: t(`cover.${g.cover}`), area: fmt0(ringArea(g.ring)) })}{' '}
            <button type="button" className="link" onClick={() => removeExtraGreen(i)} disabled={busy}>{t('carbon.green.remove')}</button>
          </li>
        ))}
      </ul>
      {drawing ? (
        <div role="status">
          <p className="small">{t('carbon.green.hint')}</p>
          <div className="buttons">
            <button type="button" className="primary" onClick={finishDrawing} disabled={drawing.points.length < 6} data-testid="green-finish">{t('carbon.green.finish')}</button>
            <button type="button" onClick={undoDrawingPoint} disabled={drawing.points.length === 0}>{t('carbon.green.undo')}</button>
            <button type="button" onClick={cancelDrawing}>{t('carbon.green.cancel')}</button>
          </div>
        </div>
      ) : (
        <div className="field">
          <span>{t('carbon.green.cover')}</span>
          <select value={cover} aria-label={t('carbon.green.cover')} onChange={(e) => setCover(e.target.value as LandCover)} disabled={busy}>
            {DRAWABLE_COVERS.map((k) => (
              <option key={k} value={k}>{t(`cover.${k}`)}</option>
            ))}
          </select>
          <span />
          <button type="button" onClick={() => startDrawing(cover)} disabled={busy} data-testid="green-draw" className="span3">{t('carbon.green.draw')}</button>
        </div>
      )}
    </div>
  );
}

function ImportCarbonMap() {
  const t = useT();
  const language = useStore((s) => s.language);
  const fmt = useNumberFormat(1);
  const c = useStore(
    useShallow((s) => ({
      importFile: s.carbon.importFile,
      importError: s.carbon.importError,
      importProperty: s.carbon.importProperty,
      importCrs: s.carbon.importCrs,
      imported: s.carbon.imported,
      importVisible: s.carbon.importVisible,
    })),
  );
  const { chooseCarbonFile, setImportChoice, showImportedCarbon, removeImportedCarbon, setImportVisible } = useStore.getState();
  const info = c.importFile?.info;
  const imp = c.imported;
  return (
    <details className="import" open={Boolean(c.importFile || imp)}>
      <summary>{t('carbon.import')}</summary>
      <p className="muted small">{t('carbon.import.note')}</p>
      <label className="field">
        <span>{t('carbon.import.file')}</span>
        <input
          type="file" accept=".geojson,.json,.csv,.tsv,.txt" data-testid="carbon-import-file" className="span2"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then((text) => chooseCarbonFile(file.name, text));
          }}
        />
      </label>
      {c.importError ? (
        <div className="layer-error" role="alert">
          {`${c.importError.file}: ${c.importError.problem ? problemText(language, c.importError.problem) : c.importError.message}`}
        </div>
      ) : null}
      {info ? (
        <>
          <label className="field">
            <span>{t('carbon.import.property')}</span>
            <select value={c.importProperty ?? ''} onChange={(e) => setImportChoice({ property: e.target.value })} data-testid="carbon-import-property">
              {info.properties.map((p) => (
                <option key={p.name} value={p.name}>{p.name} ({fmt(p.min)} – {fmt(p.max)})</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('carbon.import.crs')}</span>
            <select value={c.importCrs} onChange={(e) => {
              const code = Number(e.target.value);
              setImportChoice({ crs: isCrsCode(code) ? code : 'auto' });
            }} data-testid="carbon-import-crs">
              <option value="auto">{t('carbon.import.auto', { crs: info.crs ? `EPSG:${info.crs.code}` : '—', how: info.crs ? t(`carbon.import.how.${info.crs.chosen}`) : '—' })}</option>
              {CRS_CODES.map((code) => (
                <option key={code} value={code}>EPSG:{code} · {crsInfo(code).name}</option>
              ))}
            </select>
          </label>
          {info.crs?.guess && info.crs.guess.confidence !== 'certain' && c.importCrs === 'auto' ? <div className="warn">{t('carbon.import.ambiguous')}</div> : null}
          <div className="buttons">
            <button type="button" className="primary" onClick={() => void showImportedCarbon()} data-testid="carbon-import-show">{t('carbon.import.show')}</button>
          </div>
        </>
      ) : null}
      {imp ? (
        <div className="small" data-testid="carbon-import-result">
          {t('carbon.import.shown', {
            name: imp.name, kept: imp.total - imp.skipped, total: imp.total, property: imp.property,
            min: fmt(imp.valueRange[0]), max: fmt(imp.valueRange[1]), crs: `EPSG:${imp.crs.code}`,
          })}
          {imp.skipped > 0 ? <div className="warn">{t('carbon.import.skipped', { n: imp.skipped, first: imp.firstSkipped ?? '' })}</div> : null}
          <label className="check">
            <input type="checkbox" checked={c.importVisible} onChange={(e) => setImportVisible(e.target.checked)} />
            {t('carbon.import.visible')}
          </label>
          <button type="button" className="link" onClick={removeImportedCarbon}>{t('carbon.import.remove')}</button>
        </div>
      ) : null}
    </details>
  );
}

export function CarbonPanel() {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const fmt1 = useNumberFormat(1);
  // The fields drawn here (the imported map, the green areas being drawn and the profile have their own components).
  const c = useStore(
    useShallow((s) => ({
      status: s.carbon.status,
      error: s.carbon.error,
      params: s.carbon.params,
      result: s.carbon.result,
      baseline: s.carbon.baseline,
      districtNames: s.carbon.districtNames,
      drawing: s.carbon.drawing !== null,
      visible: s.carbon.visible,
      display: s.carbon.display,
      show: s.carbon.show,
    })),
  );
  const { runCarbon, setCarbonParams, setCarbonDisplay, keepCarbonBaseline } = useStore.getState();
  const busy = c.status === 'running' || c.status === 'preparing';
  const profileGrid = useStore((s) => PROFILES[cityProfileOf(s)].gridTPerMWh.value);
  const p = c.params;
  const r = c.result;
  const b = c.baseline;
  const pct = (v: number | undefined) => Math.round((v ?? 0) * 100);
  const setShift = (key: 'car_bev' | 'car_fcev', share: number): void => {
    const next = { ...p.fleetShift };
    if (share > 0) next[key] = share;
    else delete next[key];
    setCarbonParams({ fleetShift: next });
  };
  const diff = (v: number, base: number | undefined) =>
    base === undefined || base === v ? null : <span className={v > base ? 'up' : 'down'}> ({v > base ? '+' : ''}{fmt0(v - base)})</span>;

  return (
    <section className="panel carbon-panel" aria-label={t('carbon.title')} data-testid="carbon-panel" data-status={c.status}>
      <h2>{t('carbon.title')}</h2>
      <p className="muted small">{t('carbon.intro')}</p>
      {c.error ? (
        <div className="layer-error" role="alert">
          {c.error === 'no-buildings' ? t('carbon.noBuildings') : t('carbon.failed', { message: c.error })}
        </div>
      ) : null}
      <CityProfile busy={busy} />
      <label className="field">
        <span>{t('carbon.cellSize')}</span>
        <select value={p.cellSize} disabled={busy} onChange={(e) => setCarbonParams({ cellSize: Number(e.target.value) })}>
          {CELL_SIZES.map((s) => (
            <option key={s} value={s}>{s} m</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('carbon.basis')}</span>
        <select value={p.basis} disabled={busy} onChange={(e) => setCarbonParams({ basis: e.target.value as CarbonState['params']['basis'] })}>
          <option value="ttw">{t('carbon.basis.ttw')}</option>
          <option value="wtw">{t('carbon.basis.wtw')}</option>
        </select>
      </label>
      <h3>{t('carbon.whatifs')}</h3>
      <label className="field">
        <span>{t('carbon.ev')}</span>
        <input type="range" min={0} max={100} step={5} value={pct(p.fleetShift.car_bev)} disabled={busy}
          onChange={(e) => setShift('car_bev', Number(e.target.value) / 100)} aria-label={t('carbon.ev')} data-testid="carbon-ev" />
        <output>{pct(p.fleetShift.car_bev)} %</output>
      </label>
      <label className="field">
        <span>{t('carbon.fcev')}</span>
        <input type="range" min={0} max={100} step={5} value={pct(p.fleetShift.car_fcev)} disabled={busy}
          onChange={(e) => setShift('car_fcev', Number(e.target.value) / 100)} aria-label={t('carbon.fcev')} />
        <output>{pct(p.fleetShift.car_fcev)} %</output>
      </label>
      <label className="field">
        <span>{t('carbon.grid')}</span>
        <input type="range" min={0} max={0.6} step={0.01} value={p.gridTPerMWh ?? profileGrid} disabled={busy}
          onChange={(e) => setCarbonParams({ gridTPerMWh: Number(e.target.value) })} aria-label={t('carbon.grid')} />
        <output>{(p.gridTPerMWh ?? profileGrid).toFixed(3)} {t('unit.tPerMWh')}</output>
      </label>
      {c.districtNames.length > 0 ? (
        <>
          <label className="field">
            <span>{t('carbon.retrofit')}</span>
            <input type="range" min={0} max={60} step={5} value={pct(p.retrofit?.reduction)} disabled={busy}
              onChange={(e) => setCarbonParams({ retrofit: { district: p.retrofit?.district ?? 0, reduction: Number(e.target.value) / 100 } })}
              aria-label={t('carbon.retrofit')} />
            <output>{pct(p.retrofit?.reduction) === 0 ? '0' : `−${pct(p.retrofit?.reduction)}`} %</output>
          </label>
          <label className="field">
            <span>{t('carbon.retrofitDistrict')}</span>
            <select value={p.retrofit?.district ?? 0} disabled={busy}
              onChange={(e) => setCarbonParams({ retrofit: { district: Number(e.target.value), reduction: p.retrofit?.reduction ?? 0 } })}>
              {c.districtNames.map((n, i) => (
                <option key={i} value={i}>{n}</option>
              ))}
            </select>
          </label>
        </>
      ) : null}
      <GreenAreas busy={busy} />
      <CarbonFactors busy={busy} />
      <div className="buttons">
        <button type="button" className="primary" onClick={() => void runCarbon()} disabled={busy || c.drawing} data-testid="carbon-run">
          {busy ? t('carbon.computing') : r ? t('carbon.update') : t('carbon.compute')}
        </button>
      </div>
      {r ? (
        <>
          <div className="small" data-testid="carbon-result">
            {t('carbon.cells', { cells: fmt0(r.grid.nonEmptyCells), seconds: r.seconds < 1 ? r.seconds.toFixed(2) : fmt1(r.seconds) })}
            <div className="muted">{t(`carbon.transportFrom.${r.transportSource}`)}</div>
          </div>
          <SectorTable
            testId="carbon-totals"
            scenario={(k) => r.grid.totals[k]}
            baseline={b ? (k) => b.grid.totals[k] : null}
            format={fmt0}
            after={(k) => diff(r.grid.totals[k], b?.grid.totals[k])}
          />
          {b !== r ? <button type="button" className="link" onClick={keepCarbonBaseline}>{t('traffic.setBaseline')}</button> : null}
          {r.districts ? (
            <details>
              <summary>{t('carbon.districts')}</summary>
              <ScrollTable>
              <table className="summary">
                <thead>
                  <tr><th /><th>{t('carbon.buildings')}</th><th>{t('carbon.transport')}</th><th>{t('carbon.sinks')}</th><th>{t('carbon.net')}</th></tr>
                </thead>
                <tbody>
                  {Array.from({ length: r.districts.net.length }, (_, d) => (
                    <tr key={d}>
                      <th scope="row">{c.districtNames[d] ?? t('carbon.outside')}</th>
                      <td>{fmt0(r.districts!.buildings[d]!)}</td>
                      <td>{fmt0(r.districts!.transport[d]!)}</td>
                      <td>{fmt0(r.districts!.sinks[d]!)}</td>
                      <td>{fmt0(r.districts!.net[d]!)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </ScrollTable>
            </details>
          ) : null}
          <label className="check">
            <input type="checkbox" checked={c.visible} onChange={(e) => setCarbonDisplay({ visible: e.target.checked })} />
            {t('carbon.visible')}
          </label>
          <div className="buttons">
            {(['columns', 'flat'] as const).map((d) => (
              <button key={d} type="button" aria-pressed={c.display === d} onClick={() => setCarbonDisplay({ display: d })}>{t(`carbon.display.${d}`)}</button>
            ))}
          </div>
          <label className="field">
            <span>{t('carbon.show')}</span>
            <select value={c.show} onChange={(e) => setCarbonDisplay({ show: e.target.value as CarbonState['show'] })} data-testid="carbon-show">
              <option value="scenario">{t('carbon.show.scenario')}</option>
              <option value="difference">{t('carbon.show.difference')}</option>
            </select>
          </label>
          <ImportCarbonMap />
          <CarbonLegend />
          <AssumptionsList items={r.assumptions} />
        </>
      ) : null}
    </section>
  );
}
