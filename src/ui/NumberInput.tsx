// A number field that reports only values it accepts: finite, not empty, at least `min` (above it with
// `strict`). What the user types is kept as typed while it is not such a value ('', '0' on the way to
// '0.5'); leaving the field shows the value in force again. By default each accepted keystroke is
// reported; with `commitOn="blur"` the value is reported once, on leaving the field or Enter, and only
// when it differs from the value in force (so typing is not a model run or an undo step per keystroke).
import { useState } from 'react';

interface Props {
  value: number;
  onChange: (v: number) => void;
  label: string;
  testId?: string;
  min?: number;
  /** The value must be greater than `min`, not equal to it (a scale factor of 0 means nothing). */
  strict?: boolean;
  disabled?: boolean;
  /** The spinner's step (default 'any'). */
  step?: number | 'any';
  /** CSS class of the input (default 'number'). */
  className?: string;
  /** 'change' (default): report every accepted keystroke; 'blur': report on leaving the field or Enter. */
  commitOn?: 'change' | 'blur';
  /** How the value in force is shown (rounding), default as it is. */
  shown?: (v: number) => number | string;
}

export function NumberInput({ value, onChange, label, testId, min = 0, strict = false, disabled, step = 'any', className = 'number', commitOn = 'change', shown }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const accepts = (text: string, v: number): boolean => text.trim() !== '' && Number.isFinite(v) && (strict ? v > min : v >= min);
  const commit = (): void => {
    if (draft === null) return;
    const v = Number(draft);
    setDraft(null);
    if (accepts(draft, v) && v !== value) onChange(v);
  };
  return (
    <input
      type="number" className={className} min={min} step={step} value={draft ?? (shown ? shown(value) : value)} aria-label={label} data-testid={testId} disabled={disabled}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        if (commitOn === 'blur') return;
        const v = Number(text);
        if (accepts(text, v)) onChange(v);
      }}
      onBlur={commitOn === 'blur' ? commit : () => setDraft(null)}
      onKeyDown={commitOn === 'blur' ? (e) => {
        if (e.key === 'Enter') commit();
      } : undefined}
    />
  );
}
