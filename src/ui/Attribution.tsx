// Map credits beyond the data layers' OpenStreetMap line (StatusViews' Attribution): the basemap
// source's attribution while its tiles are drawn, and the shown built-in city's other sources.
import { useMemo } from 'react';
import { resolveSource } from '../core/basemap/index.ts';
import { useStore } from '../store/index.ts';
import { shownBuiltinCity } from '../store/builtinCities.ts';
import { useT } from './useT.ts';
import './basemap.css';

export function MapCredits() {
  const t = useT();
  const setting = useStore((s) => s.basemap);
  const credits = useStore((s) => shownBuiltinCity(s)?.credits);
  const source = useMemo(() => resolveSource(setting).source, [setting]);
  if (!source && (credits?.length ?? 0) === 0) return null;
  return (
    <div className="map-credits" data-testid="map-credits">
      {source ? (
        <span data-testid="basemap-credit">
          {source.attributionUrl ? (
            <a href={source.attributionUrl} target="_blank" rel="noreferrer">
              {t('credit.basemap', { text: source.attribution })}
            </a>
          ) : (
            t('credit.basemap', { text: source.attribution })
          )}
        </span>
      ) : null}
      {credits?.map((key) => (
        <span key={key} data-credit={key}>
          {t(key)}
        </span>
      ))}
    </div>
  );
}
