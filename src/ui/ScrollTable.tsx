// A table box that scrolls sideways when its table is wider than the panel, instead of clipping it. Only
// while it does scroll is it a keyboard stop (a named region), so a keyboard user can scroll it with the
// arrow keys; a table that fits adds no tab stop.
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useT } from './useT.ts';

export function ScrollTable({ label, children, className }: { label?: string; children: ReactNode; className?: string }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Any overflow at all counts (axe-core calls a box scrollable from one pixel on).
    const measure = (): void => setScrolls(el.scrollWidth > el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  // Also after every render: new rows or columns (results arriving) may make it scroll without a resize.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) setScrolls(el.scrollWidth > el.clientWidth);
  });
  const name = t('layout.tableScroll', { name: label ?? t('layout.table') });
  return (
    <div
      ref={ref}
      className={className ? `table-wrap ${className}` : 'table-wrap'}
      data-scrolls={scrolls}
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': name } : {})}
    >
      {children}
    </div>
  );
}
