// The computed carbon map in 3D: the non-empty grid cells as value columns (or flat tiles).
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/index.ts';
import { ValueColumns } from './ValueColumns.tsx';
import { cellValues, maxAbsOf } from './carbonStyle.ts';

import type { CarbonRun } from '../core/carbon/session/index.ts';

/** The shown carbon map (or its difference from the baseline), or `run` given (a side of the split view). */
export function CarbonGridLayer({ run }: { run?: CarbonRun } = {}) {
  const c = useStore(
    useShallow((s) => ({ result: s.carbon.result, baseline: s.carbon.baseline, show: s.carbon.show, display: s.carbon.display, visible: s.carbon.visible })),
  );
  const { display, visible } = c;
  const result = run ?? c.result;
  const baseline = run ? null : c.baseline;
  const show = run ? 'scenario' : c.show;
  const data = useMemo(() => {
    if (!result) return null;
    const all = cellValues(result, baseline, show);
    const { spec } = result.grid;
    const cells: number[] = [];
    for (let i = 0; i < all.length; i++) if (all[i] !== 0) cells.push(i);
    const xs = new Float64Array(cells.length);
    const ys = new Float64Array(cells.length);
    const values = new Float64Array(cells.length);
    cells.forEach((cell, k) => {
      xs[k] = spec.originX + ((cell % spec.nx) + 0.5) * spec.cellSize;
      ys[k] = spec.originY + (Math.floor(cell / spec.nx) + 0.5) * spec.cellSize;
      values[k] = all[cell]!;
    });
    return { xs, ys, values, ids: Int32Array.from(cells), maxAbs: maxAbsOf(all), size: spec.cellSize * 0.94 };
  }, [result, baseline, show]);
  if (!data) return null;
  return <ValueColumns layerId="carbon" {...data} display={display} visible={visible} />;
}
