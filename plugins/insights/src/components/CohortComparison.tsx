import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Chip,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import {
  CohortFigures,
  CohortMetric,
  MetricComparison,
} from '@internal/plugin-insights-common';
import { ApiErrorPanel } from '@internal/plugin-portal-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { insightsApiRef } from '../api';
import { formatHours, formatPercent } from '../format';
import { AdoptionDateForm } from './AdoptionDateForm';

const METRIC_LABEL: Record<CohortMetric, string> = {
  deploymentFrequency: 'Deployments per service per week',
  leadTime: 'Lead time for changes (median)',
  changeFailureRate: 'Change failure rate',
  timeToRestore: 'Time to restore (median)',
};

/** A metric's value as a leader reads it. */
export function formatMetric(metric: CohortMetric, value: number | null) {
  if (value === null) return '—';
  if (metric === 'deploymentFrequency') return value.toFixed(2);
  if (metric === 'changeFailureRate') return formatPercent(value);
  return formatHours(value);
}

/** The difference: relative in percent, or in points for the failure rate. */
export function formatDifference(c: MetricComparison) {
  if (c.difference === null) return '—';
  const sign = c.difference > 0 ? '+' : '';
  if (c.metric === 'changeFailureRate') {
    return `${sign}${(c.difference * 100).toFixed(1)} pts`;
  }
  return `${sign}${(c.difference * 100).toFixed(0)}%`;
}

const VERDICT_STYLE = {
  better: { label: 'Better', backgroundColor: '#2e7d32', color: '#fff' },
  worse: { label: 'Worse', backgroundColor: '#c62828', color: '#fff' },
  similar: { label: 'Similar', backgroundColor: '#757575', color: '#fff' },
};

/** The verdict, or "Too few to say" with the reason beside it. */
export function VerdictChip({ comparison }: { comparison: MetricComparison }) {
  if (comparison.verdict === null) {
    return (
      <Tooltip title={comparison.reason ?? ''}>
        <span>
          <Chip size="small" variant="outlined" label="Too few to say" />
          <Typography variant="caption" component="div" color="textSecondary">
            {comparison.reason}
          </Typography>
        </span>
      </Tooltip>
    );
  }
  const { label, ...style } = VERDICT_STYLE[comparison.verdict];
  return <Chip size="small" label={label} style={style} />;
}

/** "12 services (10 deployed), 52 weeks" under a column's name. */
function behind(f: CohortFigures) {
  return `${f.services} services (${f.servicesWithDeployments} deployed), ${f.weeks} weeks`;
}

/** A comparison table: one row per metric, baseline and candidate side by side. */
function ComparisonTable(props: {
  testId: string;
  baselineName: string;
  candidateName: string;
  baseline: CohortFigures;
  candidate: CohortFigures;
  comparison: MetricComparison[];
}) {
  const { baseline, candidate } = props;
  return (
    <Table size="small" data-testid={props.testId}>
      <TableHead>
        <TableRow>
          <TableCell>Metric</TableCell>
          <TableCell>
            {props.baselineName}
            <Typography variant="caption" component="div">
              {behind(baseline)}
            </Typography>
          </TableCell>
          <TableCell>
            {props.candidateName}
            <Typography variant="caption" component="div">
              {behind(candidate)}
            </Typography>
          </TableCell>
          <TableCell>Difference</TableCell>
          <TableCell>Verdict</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.comparison.map(c => (
          <TableRow key={c.metric} data-testid={`${props.testId}-${c.metric}`}>
            <TableCell>{METRIC_LABEL[c.metric]}</TableCell>
            <TableCell>{formatMetric(c.metric, c.baseline)}</TableCell>
            <TableCell>{formatMetric(c.metric, c.candidate)}</TableCell>
            <TableCell>{formatDifference(c)}</TableCell>
            <TableCell>
              <VerdictChip comparison={c} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The four quarters ending at `to` (an ISO date): before/after needs more than a quarter. */
export function yearTo(to: string) {
  const end = new Date(to);
  const from = new Date(
    Date.UTC(end.getUTCFullYear() - 1, end.getUTCMonth(), end.getUTCDate()),
  );
  return { from: from.toISOString().slice(0, 10), to };
}

/**
 * "Golden path vs off-road" and "Before vs after adoption" on the leaders' page: the delivery
 * metrics of each cohort over the year to the chosen quarter's end, the services and weeks
 * behind each figure, and a verdict only where the samples allow one.
 */
export function CohortComparisonSection(props: { group?: string; to: string }) {
  const api = useApi(insightsApiRef);
  const window = yearTo(props.to);
  const cohorts = useAsyncRetry(
    () => api.getCohorts({ group: props.group, ...window }),
    [api, props.group, window.from, window.to],
  );
  // a reload after a date is set keeps the section (and the form's message) on the page
  if (cohorts.loading && !cohorts.value) return <Progress />;
  if (cohorts.error) return <ApiErrorPanel error={cohorts.error} />;
  const value = cohorts.value;
  if (!value) return null;
  const rule = value.rule;
  const adopted = value.teams.filter(t => t.adoptedAt !== null);
  return (
    <Grid container spacing={2} data-testid="cohort-comparison">
      <Grid item xs={12}>
        <InfoCard
          title="Golden path vs off-road"
          subheader={`Services made from a golden path against the others, ${window.from} to ${window.to}`}
        >
          <ComparisonTable
            testId="golden-path-vs-off-road"
            baselineName="Off-road"
            candidateName="Golden path"
            baseline={value.offRoad}
            candidate={value.goldenPath}
            comparison={value.goldenPathAgainstOffRoad}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Before vs after adoption"
          subheader={`${value.adoption.teams} team(s) with time on both sides of their adoption in the window, each over its own periods`}
        >
          <ComparisonTable
            testId="before-vs-after"
            baselineName="Before"
            candidateName="After"
            baseline={value.adoption.before}
            candidate={value.adoption.after}
            comparison={value.adoption.comparison}
          />
          <Table size="small" data-testid="teams-before-after">
            <TableHead>
              <TableRow>
                <TableCell>Team</TableCell>
                <TableCell>Adopted</TableCell>
                <TableCell>Before</TableCell>
                <TableCell>After</TableCell>
                {value.adoption.comparison.map(c => (
                  <TableCell key={c.metric}>{METRIC_LABEL[c.metric]}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {adopted.map(t => (
                <TableRow key={t.team} data-testid={`team-${t.team}`}>
                  <TableCell>{t.team}</TableCell>
                  <TableCell>
                    {t.adoptedAt?.slice(0, 10)}
                    <Typography variant="caption" component="div">
                      {t.adoptionSource === 'set'
                        ? 'set by the platform team'
                        : 'first golden-path service'}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {t.before ? behind(t.before) : 'none in the window'}
                  </TableCell>
                  <TableCell>
                    {t.after ? behind(t.after) : 'none in the window'}
                  </TableCell>
                  {!t.comparison &&
                    value.adoption.comparison.map(c => (
                      <TableCell key={c.metric}>—</TableCell>
                    ))}
                  {(t.comparison ?? []).map(c => (
                    <TableCell key={c.metric}>
                      {formatMetric(c.metric, c.baseline)} →{' '}
                      {formatMetric(c.metric, c.candidate)}
                      <VerdictChip comparison={c} />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {value.teams.length > adopted.length && (
            <Typography variant="caption" color="textSecondary" component="div">
              Not adopted yet (no golden-path service, no date set):{' '}
              {value.teams
                .filter(t => t.adoptedAt === null)
                .map(t => t.team)
                .join(', ')}
            </Typography>
          )}
          <Typography variant="caption" color="textSecondary" component="div">
            A verdict needs, on each side, {rule.minServices} services with
            deployments, {rule.minWeeks} whole weeks and {rule.minEvents}{' '}
            deployments or changes ({rule.minIncidents} restored incidents for
            time to restore); a difference under{' '}
            {rule.minRelativeDifference * 100}% ({rule.minRateDifference * 100}{' '}
            points for the failure rate) is similar.
          </Typography>
          <AdoptionDateForm teams={value.teams} onChanged={cohorts.retry} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
