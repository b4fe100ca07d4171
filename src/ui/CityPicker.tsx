// The city picker in the header: the built-in cities (Monaco, Yeouido in Seoul). `?city=yeouido` opens
// with Yeouido; a choice here opens the city in place of the one shown and is written into the address.
import { useStore } from '../store/index.ts';
import { BUILTIN_CITY_IDS, cityFromUrl, isBuiltinCityId, shownBuiltinCity } from '../store/builtinCities.ts';
import { useT } from './useT.ts';
import './basemap.css';

/** Opens the city the page asks for (`?city=`), else the default city (Monaco). */
export function loadStartCity(): Promise<void> {
  const id = cityFromUrl();
  return id === 'monaco' ? useStore.getState().loadDefaultCity() : useStore.getState().openBuiltinCity(id);
}

export function CityPicker() {
  const t = useT();
  const shown = useStore((s) => shownBuiltinCity(s)?.id ?? 'custom');
  return (
    <label className="city-picker">
      <span>{t('city.label')}</span>
      <select
        value={shown}
        data-testid="city-picker"
        onChange={(e) => {
          const id = e.target.value;
          if (!isBuiltinCityId(id)) return;
          const url = new URL(window.location.href);
          if (id === 'monaco') url.searchParams.delete('city');
          else url.searchParams.set('city', id);
          window.history.replaceState(window.history.state, '', url);
          void useStore.getState().openBuiltinCity(id);
        }}
      >
        {BUILTIN_CITY_IDS.map((id) => (
          <option key={id} value={id}>
            {t(`city.${id}`)}
          </option>
        ))}
        {shown === 'custom' ? (
          <option value="custom" disabled>
            {t('city.custom')}
          </option>
        ) : null}
      </select>
    </label>
  );
}
