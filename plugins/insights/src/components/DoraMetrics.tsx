import { InfoCard } from '@backstage/core-components';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import {
  doraTargetsMet,
  DoraCategory,
  DoraSummary,
  SEED_TARGETS,
} from '@internal/plugin-insights-common';
import { bandColor, bandLabel, formatHours, formatPercent } from '../format';

export function BandChip({ category }: { category: DoraCategory | null }) {
  if (!category) {
    return (
      <Chip size="small" label="Not enough data" data-testid="dora-band" />
    );
  }
  return (
    <Chip
      size="small"
      label={bandLabel[category]}
      data-testid="dora-band"
      style={{ backgroundColor: bandColor[category], color: '#fff' }}
    />
  );
}

type MetricCardProps = {
  testId: string;
  title: string;
  value: string;
  detail: string;
  category: DoraCategory | null;
  target: string;
  /** Whether the figure meets the target as printed; the band keeps its own rule. */
  met: boolean | null;
  definition: string;
};

function MetricCard(props: MetricCardProps) {
  const { met } = props;
  return (
    <InfoCard title={props.title} noPadding={false}>
      <Box data-testid={props.testId}>
        <Box display="flex" alignItems="center" justifyContent="space-between">
          <Typography variant="h4" component="p">
            {props.value}
          </Typography>
          <BandChip category={props.category} />
        </Box>
        <Typography variant="body2" color="textSecondary">
          {props.detail}
        </Typography>
        <Typography variant="body2" style={{ marginTop: 8 }}>
          Target: {props.target} {met !== null && (met ? '— met' : '— not met')}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="p">
          {props.definition}
        </Typography>
      </Box>
    </InfoCard>
  );
}

export function DoraMetrics({ dora }: { dora: DoraSummary }) {
  const f = dora.deploymentFrequency;
  const l = dora.leadTimeForChanges;
  const c = dora.changeFailureRate;
  const t = dora.timeToRestore;
  const met = doraTargetsMet(dora);
  const cards: MetricCardProps[] = [
    {
      testId: 'dora-deployment-frequency',
      title: 'Deployment frequency',
      value: `${f.deploymentsPerWeek.toFixed(1)} / week`,
      detail: `${
        f.deployments
      } production deployments; median deploy-days per week ${
        f.medianDeployDaysPerWeek ?? '—'
      }`,
      category: f.category,
      target: SEED_TARGETS.deploymentFrequency,
      met: met.deploymentFrequency,
      definition:
        'Successful deployments to a production environment, once per deployment. Band: elite ("multiple times per day") with ≥ 10 deployments a week and a deployment on ≥ 5 days of the median week; else ≥ 1 deploy-day in the median week high; else median over whole months ≥ 1 medium; else low. Target met from 1 deploy-day in the median week ("weekly").',
    },
    {
      testId: 'dora-lead-time',
      title: 'Lead time for changes',
      value: formatHours(l.medianHours),
      detail: `median of ${l.changes} changes; p90 ${formatHours(l.p90Hours)}`,
      category: l.category,
      target: SEED_TARGETS.leadTimeForChanges,
      met: met.leadTimeForChanges,
      definition:
        'Per commit deployed: deployment time − author time, over the commits after the previous production deployment. Band: < 24 h elite, < 168 h high, < 720 h medium. Target met under 168 h.',
    },
    {
      testId: 'dora-change-failure-rate',
      title: 'Change failure rate',
      value: formatPercent(c.rate),
      detail: `${c.failedDeployments} of ${c.deployments} deployments led to an incident`,
      category: c.category,
      target: SEED_TARGETS.changeFailureRate,
      met: met.changeFailureRate,
      definition:
        "Deployments with at least one incident attributed (the latest production deployment at or before the incident's creation) ÷ deployments. Band: ≤ 5% elite, ≤ 10% high, ≤ 15% medium. Target met at 15% or less, as printed, whatever the band.",
    },
    {
      testId: 'dora-time-to-restore',
      title: 'Time to restore service',
      value: formatHours(t.medianHours),
      detail: `median of ${t.incidents} incidents closed in the window`,
      category: t.category,
      target: SEED_TARGETS.timeToRestore,
      met: met.timeToRestore,
      definition:
        'Median of closed − opened over incident issues closed in the window. Band: < 1 h elite, < 24 h high, < 168 h medium. Target met under 24 h.',
    },
  ];
  return (
    <Grid container spacing={2}>
      {cards.map(card => (
        <Grid item xs={12} md={6} lg={3} key={card.testId}>
          <MetricCard {...card} />
        </Grid>
      ))}
    </Grid>
  );
}
