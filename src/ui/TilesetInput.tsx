// 3D Tiles in the layer panel: a field to stream a tileset.json URL, and each tileset with its
// visibility, removal, load stats (tiles in memory, cache bytes, buildings) and any error as text.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/index.ts';
import type { TilesetInfo } from '../store/tiles.ts';
import { TILE_CACHE } from '../scene/TilesLayer.tsx';
import { useNumberFormat, useT } from './useT.ts';

/** Tileset `id`'s row: the one row its load stats redraw. */
function TilesetRow({ id }: { id: string }) {
  const tileset = useStore((s) => s.tilesets.find((x) => x.id === id));
  return tileset ? <TilesetRowOf tileset={tileset} /> : null;
}

function TilesetRowOf({ tileset }: { tileset: TilesetInfo }) {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const fmt1 = useNumberFormat(1);
  const setVisible = useStore((s) => s.setTilesetVisible);
  const remove = useStore((s) => s.removeTileset);
  const { stats, error } = tileset;
  return (
    <li className="layer tileset" data-tileset={tileset.id} data-status={tileset.status} data-tiles={stats.tiles}
      data-features={stats.features} data-idle={String(!stats.loading)}>
      <div className="layer-title">
        <label>
          <input type="checkbox" checked={tileset.visible} onChange={(e) => setVisible(tileset.id, e.target.checked)} aria-label={t('tiles.show')} />
          <span title={tileset.url}>{tileset.name}</span>
        </label>
      </div>
      {tileset.status === 'loading' ? <div className="layer-stats">{t('tiles.loading')}</div> : null}
      {error ? (
        <div className="layer-error" role="alert" data-testid="tileset-error">
          {t('tiles.failed', { message: t(error.key, error.params) })}
        </div>
      ) : null}
      {tileset.status === 'ready' ? (
        <div className="layer-stats" data-testid="tileset-stats">
          {t('tiles.stats', { tiles: fmt0(stats.tiles), mb: fmt1(stats.bytes / 2 ** 20), features: fmt0(stats.features) })}
          {stats.loading ? <span>{t('tiles.streaming')}</span> : null}
        </div>
      ) : null}
      <button type="button" className="link" onClick={() => remove(tileset.id)} data-testid="tileset-remove">{t('tiles.remove')}</button>
    </li>
  );
}

export function TilesetInput() {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const ids = useStore(useShallow((s) => s.tilesets.map((ts) => ts.id)));
  const addTileset = useStore((s) => s.addTileset);
  const [url, setUrl] = useState('');
  return (
    <div className="tilesets">
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          const u = url.trim();
          if (u === '') return;
          void addTileset(u);
          setUrl('');
        }}
      >
        <span>{t('tiles.urlLabel')}</span>
        <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…/tileset.json" data-testid="tileset-url" />
        <button type="submit" data-testid="tileset-add">{t('tiles.add')}</button>
      </form>
      {ids.length > 0 ? (
        <>
          <ul className="layers">
            {ids.map((id) => <TilesetRow key={id} id={id} />)}
          </ul>
          <p className="muted small">{t('tiles.cache', { mb: fmt0(TILE_CACHE.maxBytes / 2 ** 20) })}</p>
        </>
      ) : null}
    </div>
  );
}
