import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { costsApiRef } from '../api';
import { tableStyle } from './CostParts';
import { money, shortRef } from './format';
import { ScopeCosts } from './ScopeCosts';

/** A team's Costs tab: the services it owns, their total, by day and by service. */
export function GroupCostsContent() {
  const { entity } = useEntity();
  const costs = useApi(costsApiRef);
  const teamRef = stringifyEntityRef(entity);

  return (
    <ScopeCosts
      scopeRef={teamRef}
      load={window => costs.getTeamCosts(teamRef, window)}
      subject="the services of this team"
      title={value => `Cost of the services ${shortRef(value.teamRef)} owns`}
      breakdown={value => (
        <table aria-label="Cost by service" style={tableStyle}>
          <thead>
            <tr>
              <th align="left">Service</th>
              <th align="right">CPU</th>
              <th align="right">Memory</th>
              <th align="right">Storage</th>
              <th align="right">Total</th>
            </tr>
          </thead>
          <tbody>
            {value.services.map(s => (
              <tr key={s.entityRef}>
                <td>{shortRef(s.entityRef)}</td>
                <td align="right">{money(s.cost.cpu, value.currency)}</td>
                <td align="right">{money(s.cost.memory, value.currency)}</td>
                <td align="right">{money(s.cost.storage, value.currency)}</td>
                <td align="right">{money(s.cost.total, value.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
