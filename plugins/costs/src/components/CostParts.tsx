import { Alert, Button, Flex, Text } from '@backstage/ui';
import { TrendChart } from '@internal/plugin-portal-react';
import type {
  CostConnection,
  DailyCost,
  ResourceCost,
} from '@internal/plugin-costs-common';
import { money, WINDOWS, WindowDays } from './format';

/** The window buttons: the last 30, 90 or 365 days. */
export function WindowPicker(props: {
  days: WindowDays;
  onChange: (days: WindowDays) => void;
}) {
  return (
    <Flex gap="2" role="group" aria-label="Window">
      {WINDOWS.map(days => (
        <Button
          key={days}
          size="small"
          variant={days === props.days ? 'primary' : 'secondary'}
          aria-pressed={days === props.days}
          onClick={() => props.onChange(days)}
        >
          Last {days} days
        </Button>
      ))}
    </Flex>
  );
}

/** The notice shown where there is no figure, in words. */
export function NoFigure(props: { text: string; connection: CostConnection }) {
  return (
    <Alert
      status={props.connection.connected ? 'info' : 'warning'}
      title={props.text}
    />
  );
}

/** The total and its split by resource, as a sentence. */
export function TotalLine(props: { total: ResourceCost; currency: string }) {
  const { total, currency } = props;
  return (
    <Flex direction="column" gap="1">
      <Text variant="title-large" aria-label="Total cost">
        {money(total.total, currency)}
      </Text>
      <Text variant="body-small">
        CPU {money(total.cpu, currency)} · memory{' '}
        {money(total.memory, currency)} · storage{' '}
        {money(total.storage, currency)}
      </Text>
    </Flex>
  );
}

/** The cost of each day with data, as bars. */
export function DailyChart(props: { daily: DailyCost[]; currency: string }) {
  if (props.daily.length === 0) return null;
  return (
    <div aria-label="Cost per day" role="img">
      <TrendChart
        kind="bar"
        data={props.daily.map(d => ({
          day: d.day,
          cost: Math.round(d.total * 100) / 100,
        }))}
        xKey="day"
        series={[
          {
            dataKey: 'cost',
            name: `Cost (${props.currency})`,
            colour: '#1f77b4',
          },
        ]}
        height={220}
      />
    </div>
  );
}

export const tableStyle = {
  width: '100%',
  borderCollapse: 'collapse' as const,
};
