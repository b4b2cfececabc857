import { InfoCard } from '@backstage/core-components';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import {
  doraTargetMet,
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
  definition: string;
};

function MetricCard(props: MetricCardProps) {
  const met = doraTargetMet(props.category);
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
      definition:
        'Successful deployments to a production environment, once per deployment. Band: median over whole weeks of days with a deployment ≥ 5 elite, ≥ 1 high; else median over whole months ≥ 1 medium; else low.',
    },
    {
      testId: 'dora-lead-time',
      title: 'Lead time for changes',
      value: formatHours(l.medianHours),
      detail: `median of ${l.changes} changes; p90 ${formatHours(l.p90Hours)}`,
      category: l.category,
      target: SEED_TARGETS.leadTimeForChanges,
      definition:
        'Per commit deployed: deployment time − author time, over the commits after the previous production deployment. Band: < 24 h elite, < 168 h high, < 720 h medium.',
    },
    {
      testId: 'dora-change-failure-rate',
      title: 'Change failure rate',
      value: formatPercent(c.rate),
      detail: `${c.failedDeployments} of ${c.deployments} deployments led to an incident`,
      category: c.category,
      target: SEED_TARGETS.changeFailureRate,
      definition:
        "Deployments with at least one incident attributed (the latest production deployment at or before the incident's creation) ÷ deployments. Band: ≤ 5% elite, ≤ 10% high, ≤ 15% medium.",
    },
    {
      testId: 'dora-time-to-restore',
      title: 'Time to restore service',
      value: formatHours(t.medianHours),
      detail: `median of ${t.incidents} incidents closed in the window`,
      category: t.category,
      target: SEED_TARGETS.timeToRestore,
      definition:
        'Median of closed − opened over incident issues closed in the window. Band: < 1 h elite, < 24 h high, < 168 h medium.',
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
