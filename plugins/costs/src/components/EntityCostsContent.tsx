import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { costsApiRef } from '../api';
import { tableStyle } from './CostParts';
import { money } from './format';
import { ScopeCosts } from './ScopeCosts';

/** A service's Costs tab: its total, by day, and by workload. */
export function EntityCostsContent() {
  const { entity } = useEntity();
  const costs = useApi(costsApiRef);
  const entityRef = stringifyEntityRef(entity);

  return (
    <ScopeCosts
      scopeRef={entityRef}
      load={window => costs.getEntityCosts(entityRef, window)}
      subject="this service"
      title={() => 'Cost of this service'}
      breakdown={value => (
        <table aria-label="Cost by workload" style={tableStyle}>
          <thead>
            <tr>
              <th align="left">Workload</th>
              <th align="left">Cluster / namespace</th>
              <th align="left">Priced from</th>
              <th align="right">Days</th>
              <th align="right">Total</th>
            </tr>
          </thead>
          <tbody>
            {value.workloads.map(w => (
              <tr
                key={`${w.cluster}/${w.namespace}/${w.kind}/${w.name}/${w.source}`}
              >
                <td>
                  {w.kind} {w.name}
                </td>
                <td>
                  {w.cluster} / {w.namespace}
                </td>
                <td>
                  {w.source === 'opencost'
                    ? 'OpenCost allocation'
                    : 'requests at unit prices'}
                </td>
                <td align="right">{w.days}</td>
                <td align="right">{money(w.cost.total, value.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
