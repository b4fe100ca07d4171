// A legend: colour swatches with labels, or a continuous ramp, plus an optional note. Reused by
// every layer (base map, traffic, carbon map).
export interface LegendItem {
  readonly color: string;
  readonly label: string;
}

export interface LegendProps {
  readonly title?: string;
  readonly items?: readonly LegendItem[];
  /** A continuous scale: CSS colours from low to high, with end labels. */
  readonly ramp?: { readonly colors: readonly string[]; readonly min: string; readonly max: string; readonly unit?: string };
  readonly note?: string;
}

export function Legend({ title, items, ramp, note }: LegendProps) {
  return (
    <div className="legend" role="group" aria-label={title}>
      {title ? <div className="legend-title">{title}</div> : null}
      {items && items.length > 0 ? (
        <ul className="legend-items">
          {items.map((it) => (
            <li key={it.label}>
              <span className="swatch" style={{ background: it.color }} aria-hidden="true" />
              <span>{it.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {ramp ? (
        <div className="legend-ramp">
          <div className="ramp" style={{ background: `linear-gradient(to right, ${ramp.colors.join(', ')})` }} aria-hidden="true" />
          <div className="ramp-labels">
            <span>{ramp.min}</span>
            <span>{ramp.unit ?? ''}</span>
            <span>{ramp.max}</span>
          </div>
        </div>
      ) : null}
      {note ? <div className="legend-note">{note}</div> : null}
    </div>
  );
}
