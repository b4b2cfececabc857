import { InfoCard } from '@backstage/core-components';
import { Grid, Typography } from '@material-ui/core';
import { DoraWeek, TemplateWeekUsage } from '@internal/plugin-insights-common';
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
} from 'recharts';

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
  return (
    <Grid container spacing={2} data-testid="dora-trends">
      <Grid item xs={12} md={6}>
        <InfoCard title="Deployments per week">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={data}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="deployments" name="Deployments" fill="#1976d2" />
            </BarChart>
          </ResponsiveContainer>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Median lead time and time to restore (hours)">
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={data}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" />
              <YAxis />
              <Tooltip />
              <Legend />
              <Line
                dataKey="leadTime"
                name="Lead time"
                stroke="#1976d2"
                connectNulls
              />
              <Line
                dataKey="restore"
                name="Time to restore"
                stroke="#c62828"
                connectNulls
              />
            </LineChart>
          </ResponsiveContainer>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Change failure rate (%)">
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={data}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" />
              <YAxis domain={[0, 100]} />
              <Tooltip />
              <Line
                dataKey="cfr"
                name="Change failure rate"
                stroke="#ef6c00"
                connectNulls
              />
            </LineChart>
          </ResponsiveContainer>
        </InfoCard>
      </Grid>
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
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={[...byWeek.values()]}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {templates.map((t, i) => (
              <Bar
                key={t}
                dataKey={t}
                stackId="runs"
                fill={colors[i % colors.length]}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </InfoCard>
  );
}
