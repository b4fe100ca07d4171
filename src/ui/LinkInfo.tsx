// Info for a selected traffic link: flow, capacity, V/C, free-flow and congested time, and the
// what-if edits (close / reopen, lanes ±1) that the next run takes into account.
import { linkLabel } from './linkName.ts';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/index.ts';
import { useNumberFormat, useT } from './useT.ts';

export function LinkInfo({ link }: { link: number }) {
  const t = useT();
  const fmt0 = useNumberFormat(0);
  const fmt1 = useNumberFormat(1);
  const fmt2 = useNumberFormat(2);
  const { view, r, edits, running } = useStore(
    useShallow((s) => ({ view: s.traffic.view, r: s.traffic.result, edits: s.traffic.edits, running: s.traffic.status === 'running' })),
  );
  const layers = useStore((s) => s.layers);
  const select = useStore((s) => s.select);
  const { closeLink, reopenLink, setLinkLanes } = useStore.getState();
  if (!view || link < 0 || link >= view.linkCount) return null;
  const connector = view.isConnector[link] === 1;
  const closed = edits.closed.includes(link);
  const laneEdit = edits.lanes.find((x) => x.link === link);
  const lanes = laneEdit?.lanes ?? view.lanes[link]!;
  const facts: Array<[string, string]> = [];
  facts.push([t('link.length'), `${fmt0(view.lengthM[link]!)} m`]);
  if (!connector) facts.push([t('link.lanes'), `${fmt0(lanes)}${laneEdit ? ` (${fmt0(view.lanes[link]!)})` : ''}`]);
  const capacity = r ? r.capacity[link]! : view.capacity[link]!;
  facts.push([t('link.capacity'), `${fmt0(capacity)} ${t('unit.vehPerHour')}`]);
  facts.push([t('link.fft'), `${fmt2(view.fftMin[link]! * 60)} s`]);
  if (r) {
    const v = r.flows[link]!;
    facts.push([t('link.flow'), `${fmt0(v)} ${t('unit.vehPerHour')}`]);
    facts.push([t('link.vc'), capacity > 0 ? fmt2(v / capacity) : '—']);
    facts.push([t('link.time'), `${fmt2(r.timesMin[link]! * 60)} s`]);
    facts.push([t('link.speed'), `${fmt1((view.lengthM[link]! / 1000) / (r.timesMin[link]! / 60))} ${t('unit.kmh')}`]);
  }
  // Name (or class) as the title, with the class and the link's id beside it.
  const label = linkLabel({ traffic: { view }, layers }, link, t);
  const roadClass = label.roadClass;
  return (
    <aside className="panel info-panel" aria-label={t('info.title')} data-testid="info-panel">
      <header>
        <div>
          <div className="info-kicker">{t('layer.traffic')}{roadClass ? ` · ${roadClass}` : ''}</div>
          <h2 className="info-title">{label.title}</h2>
          <div className="info-subtitle" data-testid="link-id">{label.id}</div>
        </div>
        <button type="button" className="close" onClick={() => select(null)} aria-label={t('info.close')}>×</button>
      </header>
      {closed ? <div className="warn">{t('link.closed')}</div> : null}
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {!r ? <p className="muted small">{t('link.noResult')}</p> : null}
      {!connector ? (
        <div className="buttons">
          {closed ? (
            <button type="button" onClick={() => reopenLink(link)} disabled={running}>{t('link.reopen')}</button>
          ) : (
            <button type="button" onClick={() => closeLink(link)} disabled={running} data-testid="link-close">{t('link.close')}</button>
          )}
          <button type="button" onClick={() => setLinkLanes(link, lanes - 1)} disabled={running || closed || lanes <= 1}>{t('link.removeLane')}</button>
          <button type="button" onClick={() => setLinkLanes(link, lanes + 1)} disabled={running || closed}>{t('link.addLane')}</button>
        </div>
      ) : null}
    </aside>
  );
}
