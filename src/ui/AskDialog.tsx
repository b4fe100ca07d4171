// The questions the app asks instead of surprising: whether a far-away file opens as a new city, and which
// coordinate system a file is in (each candidate with where it would put the data). One at a time, in the
// UI's language; Escape or "no" declines and nothing loaded is lost. Also the way back to the city a new
// city replaced.
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { crsInfo } from '../core/crs/index.ts';
import type { CrsPlace } from '../store/ask.ts';
import { useStore } from '../store/index.ts';
import { useNumberFormat, useT } from './useT.ts';
import './dialog.css';

const DIRS = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const;
/** Within this distance of the city's origin a candidate counts as "in the city shown", km. */
const HERE_KM = 15;

function CrsChoice({ place }: { place: CrsPlace }) {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const fmt3 = useNumberFormat(3);
  const known = Number.isFinite(place.lon) && Number.isFinite(place.lat);
  const where = place.km === null || place.bearing === null
    ? null
    : place.km < HERE_KM
      ? t('ask.crs.here')
      : t('ask.crs.away', { km: fmt0(place.km), dir: t(`ask.dir.${DIRS[Math.round(place.bearing / 45) % 8]!}`) });
  return (
    <button type="button" className="ask-choice" data-crs={place.code} onClick={() => useStore.getState().answerAsk(String(place.code))}>
      <span className="ask-choice-name">EPSG:{place.code} · {crsInfo(place.code).name}</span>
      <span className="ask-choice-where">
        {known ? t('ask.crs.at', { lat: fmt3(place.lat), lon: fmt3(place.lon) }) : t('ask.crs.unknownPlace')}
        {where ? ` · ${where}` : ''}
      </span>
    </button>
  );
}

/** The open question, as a modal dialog over the app. */
export function AskDialog() {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const { ask, previous } = useStore(useShallow((s) => ({ ask: s.ask, previous: s.previousCity !== null && s.previousCity.length > 0 })));
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ask) return;
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') useStore.getState().answerAsk(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ask]);
  if (!ask) {
    return previous ? (
      <div className="reopen-city">
        <button type="button" onClick={() => void useStore.getState().reopenPreviousCity()} data-testid="reopen-city">{t('ask.reopen')}</button>
        <button type="button" className="close" aria-label={t('info.close')} onClick={() => useStore.setState({ previousCity: null })}>×</button>
      </div>
    ) : null;
  }
  const answer = (a: string | null) => () => useStore.getState().answerAsk(a);
  return (
    <div className="ask-backdrop">
      <div className="ask-dialog" role="dialog" aria-modal="true" aria-labelledby="ask-title" aria-describedby="ask-body" ref={ref} data-testid="ask-dialog" data-ask={ask.kind}>
        {ask.kind === 'far' ? (
          <>
            <h2 id="ask-title">{t('ask.far.title')}</h2>
            <p id="ask-body">{t('ask.far.body', { name: ask.name, km: fmt0(ask.km) })}</p>
            <div className="ask-buttons">
              <button type="button" className="primary" onClick={answer('open')} data-answer="open">{t('ask.far.open')}</button>
              <button type="button" onClick={answer(null)} data-answer="keep">{t('ask.far.keep')}</button>
            </div>
          </>
        ) : (
          <>
            <h2 id="ask-title">{t('ask.crs.title', { name: ask.name })}</h2>
            <p id="ask-body">{t('ask.crs.body')}</p>
            <div className="ask-choices">
              {ask.candidates.map((c) => <CrsChoice key={c.code} place={c} />)}
            </div>
            <div className="ask-buttons">
              <button type="button" onClick={answer(null)} data-answer="cancel">{t('ask.crs.cancel')}</button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
