import { InfoCard } from '@backstage/core-components';
import { ChartFrame } from '@internal/plugin-portal-react';
import { ReactNode } from 'react';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useTheme,
} from '@material-ui/core';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { RoiResult } from '@internal/plugin-roi-common';
import {
  formatMoney,
  formatMoneyShort,
  formatPercent,
  labelOf,
} from './format';

/** One horizontal bar per named row (`name` in the data), the values along the x axis. */
function BarsByName(props: {
  data: Array<{ name: string }>;
  testId: string;
  valueFormatter(value: number): string;
  /** Room for the longest row name. */
  nameWidth: number;
  tooltipFormatter(value: unknown, name: unknown, item: any): string;
  /** The bars and any reference line. */
  children: ReactNode;
}) {
  return (
    <ChartFrame height={220} testId={props.testId}>
      <BarChart
        data={props.data}
        layout="vertical"
        margin={{ left: 30, right: 20 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={props.valueFormatter} />
        <YAxis type="category" dataKey="name" width={props.nameWidth} />
        <Tooltip formatter={props.tooltipFormatter} />
        {props.children}
      </BarChart>
    </ChartFrame>
  );
}

/** Cumulative cash flow, month 0 to 36, with the break-even month marked. */
export function CashFlowChart({
  result,
  rampUpMonths,
  years = 3,
}: {
  result: RoiResult;
  rampUpMonths: number;
  years?: number;
}) {
  const theme = useTheme();
  const c = result.currency;
  const data = result.cashFlow.filter(m => m.month <= years * 12);
  return (
    <InfoCard
      title="Cumulative cash flow"
      subheader={`Investment in month 0; gains at full effect from month ${Math.max(
        rampUpMonths,
        1,
      )}; recurring platform cost after month ${result.periodMonths}`}
    >
      <ChartFrame height={280} testId="roi-cashflow-chart">
        <AreaChart data={data} margin={{ top: 10, right: 20, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="month"
            label={{
              value: 'month',
              position: 'insideBottomRight',
              offset: -4,
            }}
          />
          <YAxis tickFormatter={v => formatMoneyShort(v, c)} width={70} />
          <Tooltip
            formatter={(v: unknown) => formatMoney(Number(v), c)}
            labelFormatter={(m: unknown) => `Month ${m}`}
          />
          <ReferenceLine y={0} stroke={theme.palette.text.secondary} />
          {result.breakEvenMonth !== null &&
            result.breakEvenMonth <= years * 12 && (
              <ReferenceLine
                x={result.breakEvenMonth}
                stroke={theme.palette.success.main}
                strokeDasharray="4 4"
                label={{
                  value: `break-even: month ${result.breakEvenMonth}`,
                  position: 'insideTopLeft',
                }}
              />
            )}
          <Area
            type="monotone"
            dataKey="cumulative"
            name="Cumulative cash flow"
            stroke={theme.palette.primary.main}
            fill={theme.palette.primary.light}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
        </AreaChart>
      </ChartFrame>
      <Typography variant="body2" color="textSecondary">
        {result.breakEvenMonth === null
          ? 'The cumulative cash flow stays negative over 36 months.'
          : `The investment is recovered in month ${result.breakEvenMonth}.`}
      </Typography>
    </InfoCard>
  );
}

/** The gain by source: productivity, incidents, infrastructure, time to market. */
export function GainBreakdownChart({ result }: { result: RoiResult }) {
  const theme = useTheme();
  const c = result.currency;
  const data = [
    { name: 'Productivity', value: result.gain.productivity },
    { name: 'Incidents', value: result.gain.incidents },
    { name: 'Infrastructure', value: result.gain.infrastructure },
    { name: 'Time to market', value: result.gain.timeToMarket },
  ];
  const colours = [
    theme.palette.primary.main,
    theme.palette.error.main,
    theme.palette.info.main,
    theme.palette.success.main,
  ];
  return (
    <InfoCard
      title="Gain breakdown"
      subheader={`Total ${formatMoney(result.gain.total, c)}`}
    >
      <BarsByName
        data={data}
        testId="roi-gain-chart"
        valueFormatter={v => formatMoneyShort(v, c)}
        nameWidth={110}
        tooltipFormatter={(v: unknown) => formatMoney(Number(v), c)}
      >
        <Bar dataKey="value" name="Gain" isAnimationActive={false}>
          {data.map((d, i) => (
            <Cell key={d.name} fill={colours[i]} />
          ))}
        </Bar>
      </BarsByName>
    </InfoCard>
  );
}

/** ROI with each impact input at −25% and +25%, largest swing on top. */
export function TornadoChart({ result }: { result: RoiResult }) {
  const theme = useTheme();
  const data = result.sensitivity.map(s => ({
    name: labelOf(s.input),
    range: [s.lowRoiPercent, s.highRoiPercent],
    low: s.lowRoiPercent,
    high: s.highRoiPercent,
    lowValue: s.lowValue,
    highValue: s.highValue,
  }));
  return (
    <InfoCard
      title="Sensitivity (tornado)"
      subheader="ROI when one impact input is 25% lower or higher than entered"
    >
      <BarsByName
        data={data}
        testId="roi-tornado-chart"
        valueFormatter={v => `${v}%`}
        nameWidth={170}
        tooltipFormatter={(_v: unknown, _n: unknown, item: any) =>
          `${formatPercent(item.payload.low)} … ${formatPercent(
            item.payload.high,
          )}`
        }
      >
        <ReferenceLine
          x={result.roiPercent}
          stroke={theme.palette.text.primary}
          label={{ value: 'base', position: 'top' }}
        />
        <Bar
          dataKey="range"
          name="ROI range"
          fill={theme.palette.secondary.main}
          isAnimationActive={false}
        />
      </BarsByName>
      <Table size="small" aria-label="sensitivity">
        <TableHead>
          <TableRow>
            <TableCell>Input</TableCell>
            <TableCell align="right">−25%</TableCell>
            <TableCell align="right">+25%</TableCell>
            <TableCell align="right">Swing</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.sensitivity.map(s => (
            <TableRow key={s.input}>
              <TableCell>{labelOf(s.input)}</TableCell>
              <TableCell align="right">
                {formatPercent(s.lowRoiPercent)}
              </TableCell>
              <TableCell align="right">
                {formatPercent(s.highRoiPercent)}
              </TableCell>
              <TableCell align="right">{formatPercent(s.swing)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

/** Years 1 to 3: gains, investment and recurring costs, cumulative net and ROI. */
export function YearsTable({ result }: { result: RoiResult }) {
  const c = result.currency;
  return (
    <InfoCard
      title="Years 1 to 3"
      subheader="The steady state, with the platform's recurring yearly cost"
    >
      <Table size="small" aria-label="years">
        <TableHead>
          <TableRow>
            <TableCell>Year</TableCell>
            <TableCell align="right">Gain</TableCell>
            <TableCell align="right">Investment</TableCell>
            <TableCell align="right">Recurring cost</TableCell>
            <TableCell align="right">Cumulative net</TableCell>
            <TableCell align="right">Cumulative ROI</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.years.map(y => (
            <TableRow key={y.year}>
              <TableCell>{y.year}</TableCell>
              <TableCell align="right">{formatMoney(y.gain, c)}</TableCell>
              <TableCell align="right">
                {formatMoney(y.investment, c)}
              </TableCell>
              <TableCell align="right">
                {formatMoney(y.recurringCosts, c)}
              </TableCell>
              <TableCell align="right">
                {formatMoney(y.cumulativeNet, c)}
              </TableCell>
              <TableCell align="right">
                {formatPercent(y.cumulativeRoiPercent)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
