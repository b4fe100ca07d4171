// A number field that reports only values it accepts: finite, not empty, at least `min` (above it with
// `strict`). What the user types is kept as typed while it is not such a value ('', '0' on the way to
// '0.5'); leaving the field shows the value in force again.
import { useState } from 'react';

interface Props {
  value: number;
  onChange: (v: number) => void;
  label: string;
  testId?: string;
  min?: number;
  /** The value must be greater than `min`, not equal to it (a scale factor of 0 means nothing). */
  strict?: boolean;
}

export function NumberInput({ value, onChange, label, testId, min = 0, strict = false }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      type="number" className="number" min={min} step="any" value={draft ?? value} aria-label={label} data-testid={testId}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        const v = Number(text);
        if (text.trim() !== '' && Number.isFinite(v) && (strict ? v > min : v >= min)) onChange(v);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
