// The basemap control in the header: where the ground under the city comes from — the city's own data
// (offline, the default), OpenStreetMap's tiles, VWorld with a key, or another XYZ template — with each
// source's terms, and how many tiles have loaded.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type BasemapKind, type BasemapSetting, OSM_USAGE_URL, VWORLD_LAYERS, type VWorldLayer, resolveSource } from '../core/basemap/index.ts';
import { useStore } from '../store/index.ts';
import { useT } from './useT.ts';
import './basemap.css';

const KINDS: readonly BasemapKind[] = ['data', 'osm', 'vworld', 'custom'];

export function BasemapControl() {
  const t = useT();
  const { setting, paramError, tiles } = useStore(useShallow((s) => ({ setting: s.basemap, paramError: s.basemapParamError, tiles: s.basemapTiles })));
  const [open, setOpen] = useState(false);
  // The form's draft: a key or template is used on "Use", not on every keystroke.
  const [draft, setDraft] = useState<BasemapSetting>(setting);
  useEffect(() => setDraft(setting), [setting]);
  const problem = resolveSource(draft).problem;
  const apply = (next: BasemapSetting): void => {
    if (resolveSource(next).problem === null) useStore.getState().setBasemap(next);
  };
  const pick = (kind: BasemapKind): void => {
    const next: BasemapSetting = { ...draft, kind };
    setDraft(next);
    if (kind === 'data' || kind === 'osm') apply(next);
  };
  return (
    <div className="basemap-control">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="basemap-button">
        {t('basemap.label')}: {t(`basemap.kind.${setting.kind}`)}
      </button>
      {open ? (
        <div className="basemap-panel panel" role="group" aria-label={t('basemap.label')} data-testid="basemap-panel">
          {paramError ? <p className="basemap-error">{t('basemap.paramError', { message: paramError })}</p> : null}
          {KINDS.map((kind) => (
            <label key={kind} className="basemap-kind">
              <input type="radio" name="basemap-kind" value={kind} checked={draft.kind === kind} onChange={() => pick(kind)} data-kind={kind} />
              {t(`basemap.kind.${kind}`)}
            </label>
          ))}
          {draft.kind === 'data' ? <p className="muted">{t('basemap.dataNote')}</p> : null}
          {draft.kind === 'osm' ? (
            <p className="muted">
              {t('basemap.osmNote')}{' '}
              <a href={OSM_USAGE_URL} target="_blank" rel="noreferrer">
                {t('basemap.usagePolicy')}
              </a>
            </p>
          ) : null}
          {draft.kind === 'vworld' ? (
            <>
              <label className="basemap-field">
                {t('basemap.key')}
                <input type="text" value={draft.key ?? ''} autoComplete="off" spellCheck={false} onChange={(e) => setDraft({ ...draft, key: e.target.value })} data-testid="basemap-key" />
              </label>
              <label className="basemap-field">
                {t('basemap.layer')}
                <select value={draft.layer ?? 'Base'} onChange={(e) => setDraft({ ...draft, layer: e.target.value as VWorldLayer })}>
                  {VWORLD_LAYERS.map((l) => (
                    <option key={l} value={l}>
                      {t(`basemap.vworld.${l}`)}
                    </option>
                  ))}
                </select>
              </label>
              <p className="muted">{t('basemap.vworldNote')}</p>
            </>
          ) : null}
          {draft.kind === 'custom' ? (
            <>
              <label className="basemap-field">
                {t('basemap.template')}
                <input type="url" value={draft.template ?? ''} placeholder="https://…/{z}/{x}/{y}.png" spellCheck={false} onChange={(e) => setDraft({ ...draft, template: e.target.value })} data-testid="basemap-template" />
              </label>
              <label className="basemap-field">
                {t('basemap.customAttribution')}
                <input type="text" value={draft.attribution ?? ''} onChange={(e) => setDraft({ ...draft, attribution: e.target.value })} />
              </label>
            </>
          ) : null}
          {draft.kind === 'vworld' || draft.kind === 'custom' ? (
            <>
              {problem ? <p className="basemap-error">{t(`basemap.problem.${problem}`)}</p> : null}
              <button type="button" disabled={problem !== null} onClick={() => apply(draft)} data-testid="basemap-apply">
                {t('basemap.apply')}
              </button>
            </>
          ) : null}
          {setting.kind !== 'data' && tiles.wanted > 0 ? (
            <p className="muted" data-testid="basemap-status">
              {t(tiles.failed > 0 ? 'basemap.statusFailed' : 'basemap.status', { ...tiles })}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
