import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { ApiErrorPanel, DemoDataBanner } from '@internal/plugin-portal-react';
import type { CostOverview } from '@internal/plugin-costs-common';
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
  percent,
  shortRef,
  WindowDays,
} from './format';

function TeamsTable({ overview }: { overview: CostOverview }) {
  const { currency } = overview;
  return (
    <table aria-label="Cost by team" style={tableStyle}>
      <thead>
        <tr>
          <th align="left">Team</th>
          <th align="right">Services</th>
          <th align="right">CPU</th>
          <th align="right">Memory</th>
          <th align="right">Storage</th>
          <th align="right">Total</th>
        </tr>
      </thead>
      <tbody>
        {overview.teams.map(team => (
          <tr key={team.ownerRef ?? 'none'}>
            <td>
              {team.ownerRef
                ? shortRef(team.ownerRef)
                : 'No owner (workloads no component claims)'}
            </td>
            <td align="right">{team.services}</td>
            <td align="right">{money(team.cost.cpu, currency)}</td>
            <td align="right">{money(team.cost.memory, currency)}</td>
            <td align="right">{money(team.cost.storage, currency)}</td>
            <td align="right">{money(team.cost.total, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function QuotaIdle({ overview }: { overview: CostOverview }) {
  const { currency } = overview;
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">Idle quota by namespace</Text>
      </CardHeader>
      <CardBody>
        {overview.namespaces.length === 0 ? (
          <Text as="p">
            No namespace has a ResourceQuota on CPU, memory or storage requests
            in this window.
          </Text>
        ) : (
          <Flex direction="column" gap="2">
            <Text as="p" variant="body-small">
              What each namespace's quota reserves, priced at the unit prices,
              and the part no workload requests (hard less used).
            </Text>
            <table aria-label="Idle quota by namespace" style={tableStyle}>
              <thead>
                <tr>
                  <th align="left">Cluster</th>
                  <th align="left">Namespace</th>
                  <th align="right">Quota</th>
                  <th align="right">Idle</th>
                  <th align="right">Idle share</th>
                </tr>
              </thead>
              <tbody>
                {overview.namespaces.map(ns => (
                  <tr key={`${ns.cluster}/${ns.namespace}`}>
                    <td>{ns.cluster}</td>
                    <td>{ns.namespace}</td>
                    <td align="right">{money(ns.quotaCost, currency)}</td>
                    <td align="right">{money(ns.idleCost, currency)}</td>
                    <td align="right">
                      {ns.idleShare === null ? 'n/a' : percent(ns.idleShare)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Flex>
        )}
      </CardBody>
    </Card>
  );
}

/** The organisation's costs: the total, a chart over time, by team, and the idle quotas. */
export function CostsPage() {
  const costs = useApi(costsApiRef);
  const [days, setDays] = useState<WindowDays>(30);
  const state = useAsync(() => costs.getOverview(lastDays(days)), [days]);

  return (
    <Page themeId="tool">
      <Header
        title="Costs"
        subtitle="What the platform's Kubernetes workloads cost, by team and service"
      />
      <Content>
        <Flex direction="column" gap="4">
          <DemoDataBanner />
          <WindowPicker days={days} onChange={setDays} />
          {state.loading && <Progress />}
          {state.error && <ApiErrorPanel error={state.error} />}
          {state.value && !state.value.total && (
            <NoFigure
              connection={state.value.connection}
              text={noFigureText(state.value.connection, 'the organisation')}
            />
          )}
          {state.value?.total && (
            <>
              <Card>
                <CardHeader>
                  <Text variant="title-small">
                    Organisation, {state.value.from} to {state.value.to}{' '}
                    (excluded)
                  </Text>
                </CardHeader>
                <CardBody>
                  <Flex direction="column" gap="2">
                    <TotalLine
                      total={state.value.total}
                      currency={state.value.currency}
                    />
                    <Text variant="body-small">
                      {coverageText(state.value.coverage)}
                    </Text>
                    <DailyChart
                      daily={state.value.daily}
                      currency={state.value.currency}
                    />
                  </Flex>
                </CardBody>
              </Card>
              <Card>
                <CardHeader>
                  <Text variant="title-small">By team</Text>
                </CardHeader>
                <CardBody>
                  <TeamsTable overview={state.value} />
                </CardBody>
              </Card>
            </>
          )}
          {state.value?.connection.connected && (
            <QuotaIdle overview={state.value} />
          )}
        </Flex>
      </Content>
    </Page>
  );
}
