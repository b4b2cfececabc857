import { Progress } from '@backstage/core-components';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import type {
  CostConnection,
  CostCoverage,
  DailyCost,
  ResourceCost,
} from '@internal/plugin-costs-common';
import { ApiErrorPanel, DemoDataBanner } from '@internal/plugin-portal-react';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DailyChart, NoFigure, TotalLine, WindowPicker } from './CostParts';
import { coverageText, lastDays, noFigureText, WindowDays } from './format';

/** What a service's or a team's costs answer carries, whatever its breakdown. */
export type ScopeCostsAnswer = {
  total?: ResourceCost | null;
  currency: string;
  coverage: CostCoverage;
  daily: DailyCost[];
  connection: CostConnection;
};

/**
 * A scope's costs over the chosen window: the picker, the notice in words where there is no
 * figure, else the total, its coverage, a bar per day and the scope's own breakdown.
 */
export function ScopeCosts<T extends ScopeCostsAnswer>(props: {
  /** Whose costs, for the cache key of the request. */
  scopeRef: string;
  load: (window: ReturnType<typeof lastDays>) => Promise<T>;
  /** Named in the notice where there is no figure, e.g. "this service". */
  subject: string;
  title: (value: T) => ReactNode;
  breakdown: (value: T) => ReactNode;
}) {
  const { scopeRef, load, subject, title, breakdown } = props;
  const [days, setDays] = useState<WindowDays>(30);
  // `load` is a new function on every render; the scope and the window say what to fetch.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsync(() => load(lastDays(days)), [scopeRef, days]);
  const value = state.value;

  return (
    <Flex direction="column" gap="4">
      <DemoDataBanner />
      <WindowPicker days={days} onChange={setDays} />
      {state.loading && <Progress />}
      {state.error && <ApiErrorPanel error={state.error} />}
      {value && !value.total && (
        <NoFigure
          connection={value.connection}
          text={noFigureText(value.connection, subject)}
        />
      )}
      {value?.total && (
        <Card>
          <CardHeader>
            <Text variant="title-small">{title(value)}</Text>
          </CardHeader>
          <CardBody>
            <Flex direction="column" gap="3">
              <TotalLine total={value.total} currency={value.currency} />
              <Text variant="body-small">{coverageText(value.coverage)}</Text>
              <DailyChart daily={value.daily} currency={value.currency} />
              {breakdown(value)}
            </Flex>
          </CardBody>
        </Card>
      )}
    </Flex>
  );
}
