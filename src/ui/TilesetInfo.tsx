// The selected building of a 3D Tiles tileset: the properties of its row in the tile's property table,
// under the names the source file used, as text nodes only.
import { useStore } from '../store/index.ts';
import { useT } from './useT.ts';

export function TilesInfo() {
  const t = useT();
  const pick = useStore((s) => s.tilePick);
  const selected = useStore((s) => s.selected);
  const tileset = useStore((s) => s.tilesets.find((ts) => ts.id === s.selected?.layerId));
  const pickTileFeature = useStore((s) => s.pickTileFeature);
  if (!pick || !selected || !tileset || pick.layerId !== selected.layerId || pick.featureId !== selected.featureId) return null;
  const name = pick.properties.find(([k]) => k === 'name')?.[1];
  return (
    <aside className="panel info-panel" aria-label={t('info.title')} data-testid="info-panel" data-tileset={tileset.id} data-feature={pick.featureId}>
      <header>
        <div>
          <div className="info-kicker">{t('tiles.info.kicker', { name: tileset.name })}</div>
          <h2 className="info-title">{name ?? t('tiles.info.title', { id: pick.featureId })}</h2>
        </div>
        <button type="button" className="close" onClick={() => pickTileFeature(null)} aria-label={t('info.close')}>
          ×
        </button>
      </header>
      <h3>{t('info.properties')}</h3>
      {pick.properties.length === 0 ? (
        <p className="muted">{t('info.noProperties')}</p>
      ) : (
        <table className="props">
          <tbody>
            {pick.properties.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
