import { InfoCard } from '@backstage/core-components';
import { Grid, Typography } from '@material-ui/core';
import { DoraWeek, TemplateWeekUsage } from '@internal/plugin-insights-common';
import { TrendChart, TrendChartProps } from '@internal/plugin-portal-react';

const week = (iso: string) => iso.slice(5, 10);

export function DoraTrends({ weekly }: { weekly: DoraWeek[] }) {
  if (weekly.length === 0) {
    return (
      <Typography variant="body2">
        The window holds no whole Monday-to-Monday week.
      </Typography>
    );
  }
  const data = weekly.map(w => ({
    week: week(w.weekStart),
    deployments: w.deployments,
    leadTime: w.medianLeadTimeHours,
    cfr: w.changeFailureRate === null ? null : w.changeFailureRate * 100,
    restore: w.medianTimeToRestoreHours,
  }));
  const charts: Array<{ title: string } & Omit<TrendChartProps, 'data'>> = [
    {
      title: 'Deployments per week',
      kind: 'bar',
      xKey: 'week',
      height: 220,
      yAxis: { allowDecimals: false },
      series: [
        { dataKey: 'deployments', name: 'Deployments', colour: '#1976d2' },
      ],
    },
    {
      title: 'Median lead time and time to restore (hours)',
      kind: 'line',
      xKey: 'week',
      height: 220,
      legend: true,
      series: [
        { dataKey: 'leadTime', name: 'Lead time', colour: '#1976d2' },
        { dataKey: 'restore', name: 'Time to restore', colour: '#c62828' },
      ],
    },
    {
      title: 'Change failure rate (%)',
      kind: 'line',
      xKey: 'week',
      height: 220,
      yAxis: { domain: [0, 100] },
      series: [
        { dataKey: 'cfr', name: 'Change failure rate', colour: '#ef6c00' },
      ],
    },
  ];
  return (
    <Grid container spacing={2} data-testid="dora-trends">
      {charts.map(({ title, ...chart }) => (
        <Grid item xs={12} md={6} key={title}>
          <InfoCard title={title}>
            <TrendChart data={data} {...chart} />
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
}

export function GoldenPathUsage({ usage }: { usage: TemplateWeekUsage[] }) {
  const templates = [...new Set(usage.map(u => u.template))];
  const byWeek = new Map<string, Record<string, string | number>>();
  for (const u of usage) {
    const row = byWeek.get(u.weekStart) ?? { week: week(u.weekStart) };
    row[u.template] = u.runs;
    byWeek.set(u.weekStart, row);
  }
  const colors = [
    '#1976d2',
    '#2e7d32',
    '#ef6c00',
    '#6a1b9a',
    '#00838f',
    '#c62828',
  ];
  return (
    <InfoCard title="Golden-path usage per template per week">
      {usage.length === 0 ? (
        <Typography variant="body2">
          No golden-path runs in this window.
        </Typography>
      ) : (
        <TrendChart
          kind="bar"
          data={[...byWeek.values()]}
          xKey="week"
          height={220}
          yAxis={{ allowDecimals: false }}
          legend
          series={templates.map((t, i) => ({
            dataKey: t,
            stackId: 'runs',
            colour: colors[i % colors.length],
          }))}
        />
      )}
    </InfoCard>
  );
}
