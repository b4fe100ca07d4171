// The city profile in the carbon panel: which country's figures the models take by default (grid and
// gas factors, climate region, speed limits of untagged roads, trip method, currency), why this one,
// and a choice of another. Each figure carries its source as a tooltip; the full texts are in Assumptions.
import { useShallow } from 'zustand/react/shallow';
import { PROFILE_IDS, type ProfileId } from '../core/profile/index.ts';
import { PROFILES, cityProfileOf, profileMatched } from '../store/carbon.ts';
import { useStore } from '../store/index.ts';
import { useNumberFormat, useT } from './useT.ts';
import { ScrollTable } from './ScrollTable.tsx';

export function CityProfile({ busy }: { busy: boolean }) {
  const t = useT();
  const fmt3 = useNumberFormat(3);
  const { chosen, id, auto, matched } = useStore(
    useShallow((s) => ({ chosen: s.carbon.profile, id: cityProfileOf(s), auto: cityProfileOf({ carbon: { profile: null }, frame: s.frame }), matched: profileMatched(s) })),
  );
  const setCityProfile = useStore((s) => s.setCityProfile);
  const p = PROFILES[id];
  const limits = p.speedLimitsKmh.value;
  const row = (label: string, value: string, source: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td title={t('profile.source', { source })}>{value}</td>
    </tr>
  );
  return (
    <details className="city-profile" data-testid="city-profile" data-profile={id}>
      <summary>
        {t('profile.title')}: <strong>{t(`profile.name.${id}`)}</strong>
      </summary>
      <label className="field">
        <span>{t('profile.choose')}</span>
        <select
          value={chosen ?? 'auto'}
          disabled={busy}
          data-testid="city-profile-select"
          onChange={(e) => setCityProfile(e.target.value === 'auto' ? null : (e.target.value as ProfileId))}
        >
          <option value="auto">{t('profile.auto', { name: t(`profile.name.${auto}`) })}</option>
          {PROFILE_IDS.map((k) => (
            <option key={k} value={k}>{t(`profile.name.${k}`)}</option>
          ))}
        </select>
      </label>
      <p className="muted small">{chosen !== null ? t('profile.chosen') : matched ? t('profile.matched') : t('profile.unmatched')}</p>
      <ScrollTable>
      <table className="summary profile-table">
        <tbody>
          {row(t('profile.grid'), `${fmt3(p.gridTPerMWh.value)} ${t('unit.tPerMWh')}`, p.gridTPerMWh.source)}
          {row(t('profile.gas'), `${fmt3(p.gasTPerMWh.value)} ${t('unit.tPerMWh')}`, p.gasTPerMWh.source)}
          {row(t('profile.region'), t(`carbon.factors.region.${p.region.value}`), p.region.source)}
          {row(t('profile.speeds'), t('profile.speedsValue', { main: String(limits['primary'] ?? '–'), side: String(limits['residential'] ?? '–') }), p.speedLimitsKmh.source)}
          {row(t('profile.trips'), t(`profile.trips.${p.tripMethod.value}`), p.tripMethod.source)}
          {row(t('profile.currency'), p.currency.value, p.currency.source)}
          {row(t('profile.utcOffset'), t('profile.utcOffsetValue', { offset: p.utcOffsetHours.value >= 0 ? `+${p.utcOffsetHours.value}` : String(p.utcOffsetHours.value) }), p.utcOffsetHours.source)}
        </tbody>
      </table>
      </ScrollTable>
      <p className="muted small">{t('profile.note')}</p>
    </details>
  );
}
