// The sun tab: the sun and its shadows (on/off, day, time of day in true solar time, play, solstice and
// equinox presets) and the sunlight-access study (일조 분석) around the selected building, with its legend,
// the criterion and its sources.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SEASONS, standardUtcOffset, sunPosition, utcOfSolarTime } from '../core/sun/index.ts';
import { CRITERION_SOURCES, STEP_CHOICES } from '../core/sunlight/index.ts';
import type { Assumption } from '../core/assumption/index.ts';
import { sunPlace, useStore } from '../store/index.ts';
import { CRITERION_COLORS, type CriterionKey, SUN_HOURS_MAX, criterionOf, sunHoursColor } from '../scene/SunlightLayer.tsx';
import { AssumptionsList } from './AssumptionsList.tsx';
import { NumberInput } from './NumberInput.tsx';
import { useNumberFormat, useT } from './useT.ts';
import './sun.css';

const hhmm = (minute: number): string => {
  const m = ((Math.round(minute) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** Playing: minutes of sun time per tick and the tick, ms (a day from 05:00 to 19:00 in about 17 s). */
const PLAY_STEP_MIN = 5;
const PLAY_TICK_MS = 100;
const PLAY_FROM_MIN = 5 * 60;
const PLAY_TO_MIN = 19 * 60;

const ASSUMPTIONS: readonly Assumption[] = [
  { key: 'sun.position', value: 'NOAA Solar Calculator', source: 'NOAA GML Solar Calculator equations (gml.noaa.gov/grad/solcalc/calcdetails.html), after J. Meeus, Astronomical Algorithms (1998); geometric elevation, no refraction' },
  { key: 'sun.clock', value: 'true solar time', source: 'Times of day are apparent (true) solar time at the city: 12:00 is when the sun crosses the meridian (진태양시), as the courts use' },
  { key: 'sunlight.window.total', value: '08:00–16:00 ≥ 4', unit: 'h', source: CRITERION_SOURCES[0]! },
  { key: 'sunlight.window.continuous', value: '09:00–15:00 ≥ 2', unit: 'h', source: CRITERION_SOURCES.slice(1).join('; ') },
  { key: 'sunlight.sampling', value: 'step midpoints', source: 'CityTwin assumption: each time step counts as sunlit when the ray at its middle reaches the sun; hours are whole steps' },
  { key: 'sunlight.buildings', value: 'roofs extruded from the ground', source: 'CityTwin assumption: every roof triangle of the buildings layer is a prism from the ground (z = 0) to its height; flat ground; trees and terrain are not modelled' },
  { key: 'sunlight.points', value: 'ground level', source: 'CityTwin assumption: points are on the ground (the CLI takes a height per point, properties.z)' },
];

function SunControls() {
  const t = useT();
  const fmt = useNumberFormat(1);
  const { enabled, date, minute, playing } = useStore(useShallow((s) => ({ enabled: s.sun.enabled, date: s.sun.date, minute: s.sun.minute, playing: s.sun.playing })));
  const frame = useStore((s) => s.frame);
  const { setSunEnabled, setSunDate, setSunMinute, setSunSeason, setSunPlaying } = useStore.getState();
  const { lon, lat } = sunPlace(frame);
  const utcMs = utcOfSolarTime(date, minute / 60, lon);
  const p = sunPosition(utcMs, lon, lat);
  const offset = standardUtcOffset(lon, lat);
  const clock = new Date(utcMs + offset * 3_600_000);
  const clockText = `${String(clock.getUTCHours()).padStart(2, '0')}:${String(clock.getUTCMinutes()).padStart(2, '0')}`;

  useEffect(() => {
    if (!playing) return undefined;
    const id = window.setInterval(() => {
      const m = useStore.getState().sun.minute + PLAY_STEP_MIN;
      useStore.getState().setSunMinute(m > PLAY_TO_MIN || m < PLAY_FROM_MIN ? PLAY_FROM_MIN : m);
    }, PLAY_TICK_MS);
    return () => window.clearInterval(id);
  }, [playing]);

  return (
    <>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setSunEnabled(e.target.checked)} data-testid="sun-enable" />
        {t('sun.enable')}
      </label>
      <div className="sun-row">
        <label htmlFor="sun-date">{t('sun.date')}</label>
        <input id="sun-date" type="date" value={date} onChange={(e) => e.target.value && setSunDate(e.target.value)} data-testid="sun-date" />
      </div>
      <div className="sun-presets" role="group" aria-label={t('sun.presets')}>
        {[...SEASONS].reverse().map((season) => (
          <button key={season} type="button" onClick={() => setSunSeason(season)} data-season={season}>{t(`sun.preset.${season}`)}</button>
        ))}
      </div>
      <div className="sun-row sun-time">
        <label htmlFor="sun-minute">{t('sun.time')}</label>
        <output htmlFor="sun-minute" data-testid="sun-time">{hhmm(minute)}</output>
      </div>
      <div className="sun-row">
        <input id="sun-minute" type="range" min={0} max={1440} step={5} value={minute} onChange={(e) => setSunMinute(Number(e.target.value))} data-testid="sun-minute" />
        <button type="button" className="sun-play" aria-pressed={playing} onClick={() => setSunPlaying(!playing)} data-testid="sun-play">
          {playing ? t('sun.pause') : t('sun.play')}
        </button>
      </div>
      <p className="muted small">{t('sun.clock', { time: clockText, offset: offset >= 0 ? `+${offset}` : String(offset) })}</p>
      <p className="small" data-testid="sun-position">
        {p.elevation > 0 ? t('sun.position', { azimuth: fmt(p.azimuth), elevation: fmt(p.elevation) }) : t('sun.night')}
      </p>
    </>
  );
}

function Legend({ view }: { view: 'hours' | 'criterion' }) {
  const t = useT();
  if (view === 'hours') {
    const stops = Array.from({ length: 9 }, (_, h) => `${sunHoursColor(h)} ${(h / SUN_HOURS_MAX) * 100}%`);
    return (
      <div className="sun-legend" data-testid="sun-legend">
        <div className="muted small">{t('sun.legend.hours')}</div>
        <div className="sun-ramp" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }} />
        <div className="sun-ramp-labels small"><span>0</span><span>2</span><span>4</span><span>6</span><span>8</span></div>
      </div>
    );
  }
  return (
    <ul className="sun-legend" data-testid="sun-legend">
      {(Object.keys(CRITERION_COLORS) as CriterionKey[]).map((k) => (
        <li key={k} className="small"><span className="swatch" style={{ background: CRITERION_COLORS[k] }} />{t(`sun.legend.${k}`)}</li>
      ))}
    </ul>
  );
}

function SunlightStudy() {
  const t = useT();
  const fmt = useNumberFormat(1);
  const study = useStore((s) => s.sun.study);
  const selected = useStore((s) => s.selected);
  const selectedIsBuilding = useStore((s) => (s.selected ? s.layers.find((l) => l.id === s.selected!.layerId)?.data?.kind === 'buildings' : false));
  const { runSunlightStudy, cancelSunlightStudy, setSunlightOptions, clearSunlightStudy } = useStore.getState();
  const r = study.result;
  let passing = 0, inside = 0;
  if (r) for (let i = 0; i < r.count; i++) {
    if (r.flags[i]! & 4) inside++;
    else if (criterionOf(r.flags[i]!) !== 'none') passing++;
  }
  const outside = r ? r.count - inside : 0;
  const solsticeLike = r ? /-12-2[0-3]$/.test(r.options.date) : true;
  return (
    <section className="sun-study" aria-label={t('sun.study.title')} data-testid="sun-study" data-status={study.status}>
      <h3>{t('sun.study.title')}</h3>
      <p className="muted small">{t('sun.study.intro')}</p>
      <p className="small" data-testid="sun-study-target">
        {selected && selectedIsBuilding ? t('sun.study.around', { name: `#${selected.featureId}` }) : t('sun.study.select')}
      </p>
      <div className="sun-grid">
        <label>{t('sun.study.margin')}
          <NumberInput value={study.margin} min={5} onChange={(v) => setSunlightOptions({ margin: Math.min(1000, v) })} label={t('sun.study.margin')} testId="sun-margin" commitOn="blur" />
        </label>
        <label>{t('sun.study.spacing')}
          <NumberInput value={study.spacing} min={0.5} onChange={(v) => setSunlightOptions({ spacing: v })} label={t('sun.study.spacing')} testId="sun-spacing" commitOn="blur" />
        </label>
        <label>{t('sun.study.step')}
          <select value={study.stepMin} onChange={(e) => setSunlightOptions({ stepMin: Number(e.target.value) })} data-testid="sun-step">
            {STEP_CHOICES.filter((s) => s >= 5).map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
      </div>
      <div className="sun-actions">
        {study.status === 'running' ? (
          <>
            <button type="button" onClick={cancelSunlightStudy} data-testid="sun-cancel">{t('sun.study.cancel')}</button>
            <progress max={1} value={study.progress} aria-label={t('sun.study.running', { percent: Math.round(study.progress * 100) })} />
            <span className="small">{t('sun.study.running', { percent: Math.round(study.progress * 100) })}</span>
          </>
        ) : (
          <button type="button" className="primary" disabled={!selectedIsBuilding} onClick={() => void runSunlightStudy()} data-testid="sun-run">{t('sun.study.run')}</button>
        )}
        {r && study.status !== 'running' ? <button type="button" className="link" onClick={clearSunlightStudy}>{t('sun.study.clear')}</button> : null}
      </div>
      {study.status === 'error' ? (
        <p className="error small" role="alert">{study.error === 'select-building' ? t('sun.study.needBuilding') : t('sun.study.failed', { message: study.error ?? '' })}</p>
      ) : null}
      {r ? (
        <div data-testid="sun-study-result">
          <p className="small" data-testid="sun-study-summary">
            {t('sun.study.summary', { passing, points: outside, share: fmt(outside > 0 ? (100 * passing) / outside : 0), date: r.options.date, inside })}
          </p>
          <p className="muted small">{t('sun.study.timing', { points: r.count, steps: r.samples.length, prisms: r.buildingPrisms, seconds: fmt(r.seconds) })}</p>
          {solsticeLike ? null : <p className="small warn">{t('sun.study.notSolstice', { date: r.options.date })}</p>}
          <label className="check">
            <input type="checkbox" checked={study.visible} onChange={(e) => setSunlightOptions({ visible: e.target.checked })} />
            {t('sun.study.show')}
          </label>
          <div className="sun-row" role="radiogroup" aria-label={t('sun.study.view')}>
            <span className="small">{t('sun.study.view')}</span>
            {(['criterion', 'hours'] as const).map((v) => (
              <label key={v} className="check small">
                <input type="radio" name="sun-view" checked={study.view === v} onChange={() => setSunlightOptions({ view: v })} data-view={v} />
                {t(`sun.study.view.${v}`)}
              </label>
            ))}
          </div>
          <Legend view={study.view} />
        </div>
      ) : null}
      <p className="muted small">{t('sun.criterion')}</p>
      <AssumptionsList items={ASSUMPTIONS} />
    </section>
  );
}

export function SunPanel() {
  const t = useT();
  return (
    <section className="panel sun-panel" aria-label={t('sun.title')} data-testid="sun-panel">
      <h2>{t('sun.title')}</h2>
      <p className="muted small">{t('sun.intro')}</p>
      <SunControls />
      <SunlightStudy />
    </section>
  );
}
