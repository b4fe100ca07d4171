// The legends of the model layers, with numbers, units and the direction of better and worse: the V/C
// scale of traffic (with closed links), a change between two runs (coloured by better/worse, never by
// sign alone), and the carbon map in scenario or difference mode. Colours come from src/scene's styles.
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/index.ts';
import { CARBON_RAMP, CARBON_STEPS, cellValues, maxAbsOf } from '../scene/carbonStyle.ts';
import { CHANGE_RAMP, CLOSED_CSS, NO_RESULT_CSS, VC_MAX, VC_RAMP, VC_TICKS, WORSE_WHEN } from '../scene/trafficStyle.ts';
import { Legend } from './Legend.tsx';
import { useNumberFormat, useT } from './useT.ts';

type Fmt = (n: number) => string;

/** A signed number with a true minus sign and a plus for positive values. */
export function signed(fmt: Fmt, v: number): string {
  if (v === 0) return fmt(0);
  return `${v < 0 ? '−' : '+'}${fmt(Math.abs(v))}`;
}

/**
 * A change beside a figure, coloured and worded by better/worse (never by sign): blue ▼/▲ "better",
 * vermilion "worse" (Okabe & Ito's colour-blind-safe pair), the word for screen readers and for anyone.
 */
export function ChangeMark({ percent, worse, text }: { percent: number; worse: 'higher' | 'lower'; text: string }) {
  const t = useT();
  const bad = worse === 'higher' ? percent > 0 : percent < 0;
  return (
    <span className={bad ? 'change-worse' : 'change-better'} data-change={bad ? 'worse' : 'better'}>
      {' '}({text}, {t(bad ? 'scale.worse' : 'scale.better')})
    </span>
  );
}

/** V/C on the network: numbers at each step, free-flowing to over capacity, and closed links. */
export function TrafficLegend({ hasResult }: { hasResult: boolean }) {
  const t = useT();
  const fmt = useNumberFormat(1);
  return (
    <Legend
      testId="traffic-legend"
      title={t('scale.vc.title')}
      ramp={{
        colors: VC_RAMP,
        min: fmt(0),
        max: `≥ ${fmt(VC_MAX)}`,
        ticks: VC_TICKS.map((v, i) => (i === VC_TICKS.length - 1 ? `≥ ${fmt(v)}` : fmt(v))),
        low: t('scale.vc.low'),
        high: t('scale.vc.high'),
      }}
      items={[
        { color: CLOSED_CSS, label: t('scale.closed'), mark: 'cross' },
        ...(hasResult ? [] : [{ color: NO_RESULT_CSS, label: t('scale.noResult') }]),
      ]}
      note={t('scale.vc.note')}
    />
  );
}

/** Ticks of a change scale from −end to +end (five steps, as CHANGE_RAMP). */
function changeTicks(fmt: Fmt, end: number): string[] {
  return [-1, -0.5, 0, 0.5, 1].map((x) => signed(fmt, x * end));
}

/** A change B − A on each road (flow or V/C): purple better, orange worse, the direction stated. */
export function TrafficChangeLegend({ measure, maxAbs }: { measure: 'flow' | 'vc'; maxAbs: number }) {
  const t = useT();
  const fmt = useNumberFormat(measure === 'flow' ? 0 : 2);
  // The map's colour ends are at ±maxAbs exactly, so the legend's numbers are too.
  const end = maxAbs;
  // CHANGE_RAMP runs better → worse; with 'higher is worse' that is − → +, else + → −.
  const higherWorse = WORSE_WHEN[measure] === 'higher';
  const ticks = changeTicks(fmt, end);
  return (
    <Legend
      testId="traffic-change-legend"
      title={t(measure === 'flow' ? 'scale.change.flow' : 'scale.change.vc')}
      ramp={{
        colors: CHANGE_RAMP,
        min: ticks[0]!,
        max: ticks[4]!,
        ticks: higherWorse ? ticks : ticks.slice().reverse(),
        unit: measure === 'flow' ? t('unit.vehPerHour') : t('scale.vc.unit'),
        low: t('scale.better'),
        high: t('scale.worse'),
      }}
      items={[{ color: CLOSED_CSS, label: t('scale.closedInB'), mark: 'cross' }]}
      note={t(measure === 'flow' ? 'scale.change.flowNote' : 'scale.change.vcNote')}
    />
  );
}

/** The carbon map's scale for values up to ±maxAbs t CO₂e/yr per cell, in scenario or difference mode. */
export function CarbonScale({ maxAbs, mode, cellSize, versus = 'baseline' }: { maxAbs: number; mode: 'scenario' | 'difference'; cellSize?: number; versus?: 'baseline' | 'ab' }) {
  const t = useT();
  const fmt = useNumberFormat(maxAbs >= 100 ? 0 : 1);
  const ticks = CARBON_STEPS.map((x) => signed(fmt, x * maxAbs));
  const diff = mode === 'difference';
  const ab = diff && versus === 'ab';
  return (
    <Legend
      testId="carbon-legend"
      title={ab ? t('scale.carbon.abTitle') : diff ? t('scale.carbon.diffTitle') : t('scale.carbon.title')}
      ramp={{
        colors: CARBON_RAMP,
        min: ticks[0]!,
        max: ticks[ticks.length - 1]!,
        ticks,
        unit: cellSize ? t('scale.carbon.unitCell', { size: cellSize }) : t('unit.tPerYear'),
        low: ab ? t('scale.carbon.abLow') : diff ? t('scale.carbon.diffLow') : t('scale.carbon.low'),
        high: ab ? t('scale.carbon.abHigh') : diff ? t('scale.carbon.diffHigh') : t('scale.carbon.high'),
      }}
      note={ab ? t('scale.carbon.abNote') : diff ? t('scale.carbon.diffNote') : t('scale.carbon.note')}
    />
  );
}

/** The carbon panel's legend: the largest cell of what the map shows, in the mode it shows. */
export function CarbonLegend() {
  const { r, baseline, show } = useStore(useShallow((s) => ({ r: s.carbon.result, baseline: s.carbon.baseline, show: s.carbon.show })));
  if (!r) return null;
  const diff = show === 'difference' && baseline !== null && baseline.grid.length === r.grid.length;
  const maxAbs = maxAbsOf(cellValues(r, baseline, diff ? 'difference' : 'scenario'));
  return <CarbonScale maxAbs={maxAbs} mode={diff ? 'difference' : 'scenario'} cellSize={r.grid.spec.cellSize} />;
}
