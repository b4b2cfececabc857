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
  shortRef,
  WindowDays,
} from './format';

/** A team's Costs tab: the services it owns, their total, by day and by service. */
export function GroupCostsContent() {
  const { entity } = useEntity();
  const costs = useApi(costsApiRef);
  const teamRef = stringifyEntityRef(entity);
  const [days, setDays] = useState<WindowDays>(30);
  const state = useAsync(
    () => costs.getTeamCosts(teamRef, lastDays(days)),
    [teamRef, days],
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
          text={noFigureText(value.connection, 'the services of this team')}
        />
      )}
      {value?.total && (
        <Card>
          <CardHeader>
            <Text variant="title-small">
              Cost of the services {shortRef(value.teamRef)} owns
            </Text>
          </CardHeader>
          <CardBody>
            <Flex direction="column" gap="3">
              <TotalLine total={value.total} currency={value.currency} />
              <Text variant="body-small">{coverageText(value.coverage)}</Text>
              <DailyChart daily={value.daily} currency={value.currency} />
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
                      <td align="right">
                        {money(s.cost.memory, value.currency)}
                      </td>
                      <td align="right">
                        {money(s.cost.storage, value.currency)}
                      </td>
                      <td align="right">
                        {money(s.cost.total, value.currency)}
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
