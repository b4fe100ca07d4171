// A legend: colour swatches with labels, or a stepped scale with numbers at its steps, plus an optional
// note. Reused by every layer (base map, traffic, carbon map, hydrogen). A scale shows its unit and, for a
// change, which end is better and which is worse; a swatch can carry a mark (a closed road's cross).
import './legend.css';

export interface LegendItem {
  readonly color: string;
  readonly label: string;
  /** A mark drawn over the swatch, as on the map: 'cross' for closed links. */
  readonly mark?: 'cross';
}

export interface LegendRamp {
  /** CSS colours from low to high (evenly spaced stops). */
  readonly colors: readonly string[];
  /** Label of the low end and of the high end. */
  readonly min: string;
  readonly max: string;
  readonly unit?: string;
  /**
   * Labels at evenly spaced positions from the low end to the high end (replace min and max when given);
   * with as many ticks as colours, each tick names the value of its colour.
   */
  readonly ticks?: readonly string[];
  /** Words under the two ends (e.g. "better" and "worse", "absorbs" and "emits"). */
  readonly low?: string;
  readonly high?: string;
}

export interface LegendProps {
  readonly title?: string;
  readonly items?: readonly LegendItem[];
  /** A continuous scale: CSS colours from low to high, with labels. */
  readonly ramp?: LegendRamp;
  readonly note?: string;
  readonly testId?: string;
}

function Swatch({ item }: { item: LegendItem }) {
  return (
    <span className="swatch legend-swatch" style={{ background: item.color }} aria-hidden="true">
      {item.mark === 'cross' ? (
        <svg viewBox="0 0 14 10" width="14" height="10" focusable="false">
          <path d="M3 1 L11 9 M11 1 L3 9" stroke="#ffffff" strokeWidth="1.6" />
        </svg>
      ) : null}
    </span>
  );
}

export function Legend({ title, items, ramp, note, testId }: LegendProps) {
  const ticks = ramp ? (ramp.ticks && ramp.ticks.length >= 2 ? ramp.ticks : [ramp.min, ramp.max]) : [];
  // Colours and ticks are both evenly spaced, so a tick sits on the colour of its value.
  const gradient = ramp ? `linear-gradient(to right, ${ramp.colors.join(', ')})` : '';
  return (
    <div className="legend" role="group" aria-label={title} data-testid={testId}>
      {title ? <div className="legend-title">{title}</div> : null}
      {ramp ? (
        <div className="legend-ramp">
          <div className="ramp" style={{ background: gradient }} aria-hidden="true" data-ramp={ramp.colors.join(' ')} />
          <div className="ramp-ticks" aria-label={`${ticks.join(', ')}${ramp.unit ? ` ${ramp.unit}` : ''}`}>
            {ticks.map((tk, i) => (
              <span key={i} style={{ left: `${(100 * i) / (ticks.length - 1)}%` }} className={i === 0 ? 'first' : i === ticks.length - 1 ? 'last' : undefined}>
                {tk}
              </span>
            ))}
          </div>
          {ramp.low || ramp.high ? (
            <div className="ramp-ends">
              <span>{ramp.low ? `← ${ramp.low}` : ''}</span>
              <span>{ramp.high ? `${ramp.high} →` : ''}</span>
            </div>
          ) : null}
          {ramp.unit ? <div className="ramp-unit">{ramp.unit}</div> : null}
        </div>
      ) : null}
      {items && items.length > 0 ? (
        <ul className="legend-items">
          {items.map((it) => (
            <li key={it.label}>
              <Swatch item={it} />
              <span>{it.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {note ? <div className="legend-note">{note}</div> : null}
    </div>
  );
}
