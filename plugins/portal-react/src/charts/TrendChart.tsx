import { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  YAxisProps,
} from 'recharts';

/** A box of a fixed height whose chart takes the full width. */
export function ChartFrame(props: {
  height: number;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div style={{ height: props.height }} data-testid={props.testId}>
      <ResponsiveContainer width="100%" height="100%">
        {props.children}
      </ResponsiveContainer>
    </div>
  );
}

/** One bar or line of a trend: the data key it plots and its colour. */
export type TrendSeries = {
  dataKey: string;
  /** Shown in the tooltip and legend; the data key when absent. */
  name?: string;
  colour: string;
  /** Bars with the same stack id stack on each other. */
  stackId?: string;
};

export type TrendChartProps = {
  /** Bars for counts, lines for measures that may have gaps (gaps are bridged). */
  kind: 'bar' | 'line';
  data: object[];
  /** The data key of the x axis, e.g. a week or date label. */
  xKey: string;
  series: TrendSeries[];
  height: number;
  yAxis?: Pick<YAxisProps, 'domain' | 'ticks' | 'allowDecimals'>;
  legend?: boolean;
  /** Off where the chart is printed or compared at a glance. */
  animate?: boolean;
};

/** A value over time: grid, axes, tooltip and optional legend, as bars or lines. */
export function TrendChart(props: TrendChartProps) {
  const { series } = props;
  const isAnimationActive = props.animate === false ? false : 'auto';
  const Chart = props.kind === 'bar' ? BarChart : LineChart;
  return (
    <ChartFrame height={props.height}>
      <Chart data={props.data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={props.xKey} />
        <YAxis {...props.yAxis} />
        <Tooltip />
        {props.legend && <Legend />}
        {props.kind === 'bar'
          ? series.map(s => (
              <Bar
                key={s.dataKey}
                dataKey={s.dataKey}
                name={s.name}
                stackId={s.stackId}
                fill={s.colour}
                isAnimationActive={isAnimationActive}
              />
            ))
          : series.map(s => (
              <Line
                key={s.dataKey}
                dataKey={s.dataKey}
                name={s.name}
                stroke={s.colour}
                connectNulls
                isAnimationActive={isAnimationActive}
              />
            ))}
      </Chart>
    </ChartFrame>
  );
}
