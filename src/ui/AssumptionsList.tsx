// Every figure a model used, with its unit and source, so no assumption stays hidden.
import type { Assumption } from '../core/traffic/session/index.ts';
import { LazyDetails } from './LazyDetails.tsx';
import { useT } from './useT.ts';

export function AssumptionsList({ items }: { items: readonly Assumption[] }) {
  const t = useT();
  return (
    <LazyDetails summary={t('traffic.assumptions')}>
      {() => (
      <table className="props">
        <tbody>
          {items.map((a) => (
            <tr key={a.key}>
              <th scope="row">{a.key}</th>
              <td>
                {String(a.value)}
                {a.unit ? ` ${a.unit}` : ''}
                <div className="muted">{a.source}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
    </LazyDetails>
  );
}
