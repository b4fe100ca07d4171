// Jobs with progress and cancel, notices (errors, restarts), the skipped-feature list, attribution.
import { useEffect, useRef } from 'react';
import { useStore } from '../store/index.ts';
import type { MessageKey } from './i18n/index.ts';
import { layerName } from './layerName.ts';
import { useNumberFormat, useT } from './useT.ts';

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

/** How long an information notice stays, ms; errors stay until dismissed. */
export const INFO_NOTICE_MS = 12_000;

export function Notices() {
  const t = useT();
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismiss);
  // Each information notice goes by itself INFO_NOTICE_MS after it came (on a kiosk nobody would close it).
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const live = new Set(notices.map((n) => n.id));
    for (const [id, timer] of timers.current) {
      if (!live.has(id)) {
        clearTimeout(timer);
        timers.current.delete(id);
      }
    }
    for (const n of notices) {
      if (n.level === 'info' && !timers.current.has(n.id)) timers.current.set(n.id, setTimeout(() => dismiss(n.id), INFO_NOTICE_MS));
    }
  }, [notices, dismiss]);
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach(clearTimeout);
  }, []);
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
  const fmt = useNumberFormat(0);
  const layer = useStore((s) => s.layers.find((l) => l.id === s.skippedOpen));
  const close = useStore((s) => s.openSkipped);
  const data = layer?.data;
  if (!layer || !data) return null;
  // Features dropped before drawing (duplicate ids, bad lines, ambiguous members, unreadable city objects), then geometry problems.
  const rows = [...(data.rejected ?? []), ...data.data.skipped];
  const warnings = data.warnings ?? [];
  const warningCount = data.warningCount ?? 0;
  const name = layerName(t, layer);
  const title = warningCount === 0 ? t('skip.title', { name }) : rows.length === 0 ? t('warn.title', { name }) : t('skip.titleBoth', { name });
  return (
    <aside className="panel skipped-panel" aria-label={title}>
      <header>
        <h2>{title}</h2>
        <button type="button" className="close" onClick={() => close(null)} aria-label={t('info.close')}>
          ×
        </button>
      </header>
      {warningCount > 0 && rows.length > 0 ? <h3>{t('skip.heading', { n: fmt(rows.length) })}</h3> : null}
      {rows.length === 0 ? null : <ol className="skipped">
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
      </ol>}
      {warningCount > 0 ? (
        <>
          <h3>{t('warn.heading', { n: fmt(warningCount) })}</h3>
          <ol className="skipped warnings" data-testid="warning-list">
            {warnings.slice(0, MAX_LISTED).map((w, k) => (
              <li key={k} data-feature={w.index}>
                {t('warn.row', {
                  where: w.index >= 0 ? t('warn.feature', { index: w.index }) : t('warn.file'),
                  reason: t(`warn.${w.code}` as MessageKey, { detail: w.detail ?? '' }),
                  path: w.path,
                })}
                {w.line !== undefined ? ` · ${t('skip.line', { line: w.line })}` : ''}
              </li>
            ))}
          </ol>
          {warningCount > Math.min(warnings.length, MAX_LISTED) ? (
            <p className="small muted">{t('warn.more', { shown: fmt(Math.min(warnings.length, MAX_LISTED)), n: fmt(warningCount) })}</p>
          ) : null}
        </>
      ) : null}
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
