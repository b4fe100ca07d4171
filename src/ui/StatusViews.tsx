// Jobs with progress and cancel, notices (errors, restarts), the skipped-feature list, attribution.
import { useStore } from '../store/index.ts';
import type { MessageKey } from './i18n/index.ts';
import { layerName } from './layerName.ts';
import { useT } from './useT.ts';

export function JobBar() {
  const t = useT();
  const jobs = useStore((s) => s.jobs);
  const cancelJob = useStore((s) => s.cancelJob);
  if (jobs.length === 0) return null;
  return (
    <div className="jobs" role="status" aria-live="polite">
      {jobs.map((j) => {
        const params = j.params && 'nameKey' in j.params ? { name: t(j.params['nameKey'] as MessageKey) } : j.params;
        return (
          <div className="job" key={j.id} data-job={j.id}>
            <span>
              {t(j.key, params)}
              {j.phase ? ` · ${t(`jobs.phase.${j.phase}`)}` : ''}
            </span>
            <progress max={1} value={j.progress} />
            <button type="button" onClick={() => cancelJob(j.id)}>
              {t('jobs.cancel')}
            </button>
          </div>
        );
      })}
    </div>
  );
}

export function Notices() {
  const t = useT();
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'} data-notice={n.key}>
          <span>{t(n.key, n.params)}</span>
          <button type="button" onClick={() => dismiss(n.id)} aria-label={t('notice.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** How many skipped features are listed at most; the count above the list is always complete. */
const MAX_LISTED = 500;

export function SkippedList() {
  const t = useT();
  const layer = useStore((s) => s.layers.find((l) => l.id === s.skippedOpen));
  const close = useStore((s) => s.openSkipped);
  const data = layer?.data;
  if (!layer || !data) return null;
  // Features dropped before drawing (duplicate ids, bad lines, unreadable city objects), then geometry problems.
  const rows = [...(data.rejected ?? []), ...data.data.skipped];
  return (
    <aside className="panel skipped-panel" aria-label={t('skip.title', { name: layerName(t, layer) })}>
      <header>
        <h2>{t('skip.title', { name: layerName(t, layer) })}</h2>
        <button type="button" className="close" onClick={() => close(null)} aria-label={t('info.close')}>
          ×
        </button>
      </header>
      <ol className="skipped">
        {rows.slice(0, MAX_LISTED).map((s, k) => (
          <li key={k}>
            {t('skip.row', {
              index: s.index,
              id: s.id !== undefined ? ` (id ${s.id})` : '',
              reason: t(`skip.${s.code}` as MessageKey, { detail: s.detail ?? '' }),
            })}
            {'line' in s && s.line !== undefined ? ` · ${t('skip.line', { line: s.line })}` : ''}
          </li>
        ))}
      </ol>
    </aside>
  );
}

export function Attribution() {
  const t = useT();
  const osm = useStore((s) => s.layers.some((l) => l.visible && l.status === 'ready' && l.attribution === 'osm'));
  if (!osm) return null;
  return (
    <div className="attribution" data-testid="attribution">
      <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noreferrer">
        {t('attribution.osm')}
      </a>
    </div>
  );
}
