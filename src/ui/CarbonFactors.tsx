// Editing the carbon model's factors. Each input starts at the cited default the core resolves;
// a change becomes an override in the scenario (the worker validates it and explains any problem).
import { useMemo } from 'react';
import {
  BUILDING_USE_KEYS,
  CLIMATE_REGIONS,
  type ClimateRegion,
  type FactorOverrides,
  LAND_COVER_KEYS,
  VEHICLE_CLASSES,
  VEHICLE_CLASS_KEYS,
  resolveFactors,
} from '../core/carbon/model/index.ts';
import { useStore } from '../store/index.ts';
import { cityProfileOf } from '../store/carbon.ts';
import type { MessageKey } from './i18n/index.ts';
import { NumberInput } from './NumberInput.tsx';
import { useT } from './useT.ts';

/** One factor: its label and the shared number input (reports only finite, non-negative values; shown to 6 significant digits). */
function FactorField({ label, value, step, onChange, disabled }: { label: string; value: number; step: number; onChange: (v: number) => void; disabled: boolean }) {
  return (
    <label className="field">
      <span>{label}</span>
      <NumberInput value={value} label={label} step={step} disabled={disabled} className="span2" shown={sixDigits} onChange={onChange} />
    </label>
  );
}

const sixDigits = (v: number): number => Number(v.toPrecision(6));

export function CarbonFactors({ busy }: { busy: boolean }) {
  const t = useT();
  const overrides = useStore((s) => s.carbon.params.factors) ?? {};
  const profile = useStore((s) => cityProfileOf(s));
  const setCarbonParams = useStore((s) => s.setCarbonParams);
  // Current values: the cited defaults with the user's changes on top (the core's own resolution).
  const f = useMemo(() => {
    try {
      return resolveFactors({ ...overrides, profile });
    } catch {
      // A fleet mix being typed may not sum to 1 yet: show the other values meanwhile.
      const { fleetMix: _mix, ...rest } = overrides;
      return resolveFactors(rest);
    }
  }, [overrides, profile]);
  const set = (p: FactorOverrides): void => setCarbonParams({ factors: { ...overrides, ...p } });
  const fleetSum = VEHICLE_CLASS_KEYS.reduce((a, k) => a + (overrides.fleetMix?.[k] ?? f.fleetMix[k]), 0);
  return (
    <details className="factors">
      <summary>{t('carbon.factors')}</summary>
      <p className="muted small">{t('carbon.factors.note')}</p>
      <label className="field">
        <span>{t('carbon.factors.region')}</span>
        <select value={f.region} disabled={busy} className="span2" onChange={(e) => set({ region: e.target.value as ClimateRegion, eui: {} })}>
          {CLIMATE_REGIONS.map((r) => (
            <option key={r} value={r}>{t(`carbon.factors.region.${r}`)}</option>
          ))}
        </select>
      </label>
      <h4>{t('carbon.factors.eui')}</h4>
      {BUILDING_USE_KEYS.map((u) => (
        <FactorField key={u} label={t(`use.${u}` as MessageKey)} value={f.eui[u]} step={1} disabled={busy}
          onChange={(v) => set({ eui: { ...overrides.eui, [u]: v } })} />
      ))}
      <h4>{t('carbon.factors.emission')}</h4>
      <FactorField label={t('carbon.factors.gas')} value={f.gasTPerMWh} step={0.001} disabled={busy} onChange={(v) => set({ gasTPerMWh: v })} />
      <FactorField label={t('carbon.factors.heat')} value={f.districtHeatTPerMWh} step={0.001} disabled={busy} onChange={(v) => set({ districtHeatTPerMWh: v })} />
      <FactorField label={t('carbon.factors.hydrogen')} value={f.hydrogenKgPerKg} step={0.1} disabled={busy} onChange={(v) => set({ hydrogenKgPerKg: v })} />
      <FactorField label={t('carbon.factors.peak')} value={f.peakHourShare} step={0.005} disabled={busy} onChange={(v) => set({ peakHourShare: v })} />
      <FactorField label={t('carbon.factors.days')} value={f.daysPerYear} step={1} disabled={busy} onChange={(v) => set({ daysPerYear: v })} />
      <h4>{t('carbon.factors.sinks')}</h4>
      {LAND_COVER_KEYS.map((c) => (
        <FactorField key={c} label={t(`cover.${c}` as MessageKey)} value={f.sinkTPerHa[c]} step={0.1} disabled={busy}
          onChange={(v) => set({ sinkTPerHa: { ...overrides.sinkTPerHa, [c]: v } })} />
      ))}
      <h4>{t('carbon.factors.fleet')}</h4>
      {VEHICLE_CLASSES.map((row) => (
        <FactorField key={row.key} label={row.label} value={overrides.fleetMix?.[row.key] ?? f.fleetMix[row.key]} step={0.01} disabled={busy}
          onChange={(v) => set({ fleetMix: { ...f.fleetMix, ...overrides.fleetMix, [row.key]: v } })} />
      ))}
      <div className={Math.abs(fleetSum - 1) > 1e-6 ? 'warn' : 'muted small'}>Σ = {fleetSum.toFixed(3)}</div>
      <button type="button" className="link" disabled={busy} onClick={() => setCarbonParams({ factors: {} })}>{t('carbon.factors.reset')}</button>
    </details>
  );
}
