import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { ApiErrorPanel } from '@internal/plugin-portal-react';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { costsApiRef } from '../api';
import {
  DailyChart,
  NoFigure,
  tableStyle,
  TotalLine,
  WindowPicker,
} from './CostParts';
import {
  coverageText,
  lastDays,
  money,
  noFigureText,
  WindowDays,
} from './format';

/** A service's Costs tab: its total, by day, and by workload. */
export function EntityCostsContent() {
  const { entity } = useEntity();
  const costs = useApi(costsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [days, setDays] = useState<WindowDays>(30);
  const state = useAsync(
    () => costs.getEntityCosts(entityRef, lastDays(days)),
    [entityRef, days],
  );
  const value = state.value;

  return (
    <Flex direction="column" gap="4">
      <WindowPicker days={days} onChange={setDays} />
      {state.loading && <Progress />}
      {state.error && <ApiErrorPanel error={state.error} />}
      {value && !value.total && (
        <NoFigure
          connection={value.connection}
          text={noFigureText(value.connection, 'this service')}
        />
      )}
      {value?.total && (
        <Card>
          <CardHeader>
            <Text variant="title-small">Cost of this service</Text>
          </CardHeader>
          <CardBody>
            <Flex direction="column" gap="3">
              <TotalLine total={value.total} currency={value.currency} />
              <Text variant="body-small">{coverageText(value.coverage)}</Text>
              <DailyChart daily={value.daily} currency={value.currency} />
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
                      <td align="right">
                        {money(w.cost.total, value.currency)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Flex>
          </CardBody>
        </Card>
      )}
    </Flex>
  );
}
