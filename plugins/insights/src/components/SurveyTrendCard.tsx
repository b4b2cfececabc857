import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  CONTEXT_SWITCHING_WORDS,
  contextSwitchingReading,
  SurveyResult,
  surveyWithheldReason,
} from '@internal/plugin-insights-common';
import { ApiErrorPanel, TrendChart } from '@internal/plugin-portal-react';
import useAsync from 'react-use/esm/useAsync';
import { insightsApiRef } from '../api';

/** How many closed quarters the trend shows. */
export const SURVEY_TREND_QUARTERS = 8;

const oneDecimal = (v: number | null) => (v === null ? '—' : v.toFixed(1));

function LatestReading({ results }: { results: SurveyResult[] }) {
  const latest = [...results]
    .reverse()
    .find(r => r.averageInfrastructureSharePct !== null);
  const reading = contextSwitchingReading(
    latest?.averageInfrastructureSharePct ?? null,
  );
  if (!latest || !reading) {
    return (
      <Typography variant="body2" color="textSecondary">
        No quarter has enough answers on the share of time spent on
        infrastructure and tooling yet.
      </Typography>
    );
  }
  return (
    <Typography variant="body2" data-testid="survey-context-switching">
      {latest.quarter}: {oneDecimal(latest.averageInfrastructureSharePct)}% of
      the time on infrastructure and tooling. Seed 004's context switching
      factor: “{CONTEXT_SWITCHING_WORDS[reading]}”.
    </Typography>
  );
}

/**
 * The survey's scores across the last closed quarters: NPS, satisfaction and the share of time
 * on infrastructure and tooling, each quarter withheld under the same rule as its results.
 */
export function SurveyTrendCard({ group }: { group?: string }) {
  const api = useApi(insightsApiRef);
  const trend = useAsync(
    () => api.getSurveyTrend({ group, quarters: SURVEY_TREND_QUARTERS }),
    [api, group],
  );
  if (trend.loading) return <Progress />;
  if (trend.error) return <ApiErrorPanel error={trend.error} />;
  const results = trend.value?.quarters ?? [];
  const data = results.map(r => ({
    quarter: r.quarter,
    nps: r.nps,
    satisfaction: r.averageSatisfaction,
    infrastructure: r.averageInfrastructureSharePct,
  }));
  return (
    <InfoCard
      title={`Developer survey across quarters, ${group ?? 'organisation'}`}
      subheader="Closed quarters only; a quarter below the answer threshold shows no figure (the line bridges it)."
    >
      <div data-testid="survey-trend">
        <TrendChart
          kind="line"
          data={data}
          xKey="quarter"
          height={220}
          legend
          yAxis={{ domain: [-100, 100] }}
          series={[
            { dataKey: 'nps', name: 'NPS', colour: '#1976d2' },
            {
              dataKey: 'infrastructure',
              name: 'Time on infrastructure and tooling (%)',
              colour: '#ef6c00',
            },
          ]}
        />
        <TrendChart
          kind="line"
          data={data}
          xKey="quarter"
          height={160}
          yAxis={{ domain: [1, 5] }}
          series={[
            {
              dataKey: 'satisfaction',
              name: 'Satisfaction (1–5)',
              colour: '#2e7d32',
            },
          ]}
        />
        <Table size="small" aria-label="Survey results by quarter">
          <TableHead>
            <TableRow>
              <TableCell>Quarter</TableCell>
              <TableCell align="right">Answers</TableCell>
              <TableCell align="right">NPS</TableCell>
              <TableCell align="right">Satisfaction</TableCell>
              <TableCell align="right">Infrastructure and tooling</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {results.map(r => (
              <TableRow key={r.quarter}>
                <TableCell>{r.quarter}</TableCell>
                {r.disclosed ? (
                  <>
                    <TableCell align="right">{r.answers}</TableCell>
                    <TableCell align="right">{oneDecimal(r.nps)}</TableCell>
                    <TableCell align="right">
                      {oneDecimal(r.averageSatisfaction)}
                    </TableCell>
                    <TableCell align="right">
                      {r.averageInfrastructureSharePct === null
                        ? 'withheld'
                        : `${oneDecimal(r.averageInfrastructureSharePct)}%`}
                    </TableCell>
                  </>
                ) : (
                  <TableCell colSpan={4}>{surveyWithheldReason(r)}</TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <LatestReading results={results} />
      </div>
    </InfoCard>
  );
}
