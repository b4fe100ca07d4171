// A number field that only reports values it accepts: finite, not empty, at least `min` (above it with
// `strict`). While the user types something else the field shows it and the value stays as it was.
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
  return (
    <input
      type="number" className="number" min={min} step="any" value={value} aria-label={label} data-testid={testId}
      onChange={(e) => {
        const v = Number(e.target.value);
        if (e.target.value !== '' && Number.isFinite(v) && (strict ? v > min : v >= min)) onChange(v);
      }}
    />
  );
}
