import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { DemoDataBanner } from '@internal/plugin-portal-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { surveyKpis } from '@internal/plugin-insights-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { insightsApiRef } from '../api';
import { KpiTable } from './AdoptionKpis';
import { ApiErrorPanel, downloadFile } from '@internal/plugin-portal-react';
import { insightsCsv } from './csv';
import { CohortComparisonSection } from './CohortComparison';
import { DoraPanel } from './DoraPanel';
import { SurveyCard } from './SurveyCard';
import { SurveyCommentsCard } from './SurveyCommentsCard';
import { SurveyTrendCard } from './SurveyTrendCard';
import { GoldenPathUsage } from './TrendCharts';
import { SelectFilter, useQuarterChoice } from './SelectFilter';

const ORG = '__organisation__';

function BackfillStatusLine() {
  const api = useApi(insightsApiRef);
  const { value } = useAsync(() => api.getBackfillStatus(), [api]);
  if (!value) return null;
  const run = value.lastRun;
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      data-testid="backfill-status"
    >
      GitHub backfill:{' '}
      {run
        ? `${value.running ? 'running' : 'last run'} ${new Date(
            run.startedAt,
          ).toLocaleString()}, ${run.repositoriesDone} of ${
            run.repositoriesTotal
          } repositories done${
            run.errors.length
              ? `, ${run.errors.length} error(s): ${run.errors
                  .map(e => `${e.repository}: ${e.message}`)
                  .join('; ')}`
              : ''
          }`
        : 'not run yet (webhooks only)'}
    </Typography>
  );
}

export function InsightsPage() {
  const api = useApi(insightsApiRef);
  const catalogApi = useApi(catalogApiRef);
  const { quarter, filter: quarterFilter } = useQuarterChoice();
  const [team, setTeam] = useState<string>(ORG);
  const group = team === ORG ? undefined : team;

  const groups = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.type',
      ],
    });
    return items
      .filter(g => (g.spec as { type?: string } | undefined)?.type === 'team')
      .map(g => ({
        ref: stringifyEntityRef(g),
        title: g.metadata.title ?? g.metadata.name,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi]);

  const dora = useAsync(
    () => api.getDora({ group, from: quarter.from, to: quarter.to }),
    [api, group, quarter.from, quarter.to],
  );
  const adoption = useAsync(
    () => api.getAdoption({ group, from: quarter.from, to: quarter.to }),
    [api, group, quarter.from, quarter.to],
  );
  const survey = useAsyncRetry(
    () => api.getSurveyResults(quarter.id, group),
    [api, group, quarter.id],
  );
  const scopeLabel = group ?? 'organisation';

  return (
    <Page themeId="tool">
      <Header
        title="Insights"
        subtitle="Is the platform working? Delivery (DORA), adoption and developer satisfaction."
      />
      <Content>
        <DemoDataBanner />
        <ContentHeader title="Filters">
          <Box display="flex" alignItems="center">
            <SelectFilter
              labelId="insights-team-label"
              label="Team"
              value={team}
              options={[
                { value: ORG, label: 'Whole organisation' },
                ...(groups.value ?? []).map(g => ({
                  value: g.ref,
                  label: g.title,
                })),
              ]}
              onChange={setTeam}
              minWidth={220}
              marginRight={16}
              testId="team-filter"
            />
            <SelectFilter
              labelId="insights-window-label"
              {...quarterFilter}
              minWidth={160}
              marginRight={16}
              testId="window-filter"
            />
            <Button
              variant="outlined"
              startIcon={<GetAppIcon />}
              disabled={!dora.value}
              onClick={() =>
                dora.value &&
                downloadFile(
                  `insights-${scopeLabel.replace(/[^a-z0-9-]+/gi, '_')}-${
                    quarter.id
                  }.csv`,
                  insightsCsv({
                    scope: scopeLabel,
                    dora: dora.value,
                    adoption: adoption.value,
                    surveyKpis: survey.value
                      ? surveyKpis(survey.value)
                      : undefined,
                  }),
                  'text/csv;charset=utf-8',
                )
              }
            >
              Export CSV
            </Button>
          </Box>
        </ContentHeader>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <Typography variant="h5" gutterBottom>
              Delivery (DORA), {scopeLabel}, {quarter.id}
            </Typography>
            <DoraPanel
              dora={dora}
              noRepository={{
                title: 'No repository in scope',
                message:
                  'No component in this scope has a github.com/project-slug annotation.',
              }}
            />
            <BackfillStatusLine />
          </Grid>
          <Grid item xs={12}>
            <Typography variant="h5" gutterBottom>
              Platform adoption
            </Typography>
            {adoption.loading && <Progress />}
            {adoption.error && <ApiErrorPanel error={adoption.error} />}
            {adoption.value && (
              <Grid container spacing={2}>
                <Grid item xs={12}>
                  <KpiTable title="Adoption KPIs" kpis={adoption.value.kpis} />
                </Grid>
                <Grid item xs={12} md={6}>
                  <GoldenPathUsage usage={adoption.value.goldenPathUsage} />
                </Grid>
              </Grid>
            )}
          </Grid>
          <Grid item xs={12}>
            <Typography variant="h5" gutterBottom>
              Golden path and adoption, the year to {quarter.id}
            </Typography>
            <CohortComparisonSection group={group} to={quarter.to} />
          </Grid>
          <Grid item xs={12} md={6}>
            {survey.loading && !survey.value && <Progress />}
            {survey.error && <ApiErrorPanel error={survey.error} />}
            {survey.value && (
              <KpiTable
                title={`Developer satisfaction, ${quarter.id} (${
                  survey.value.disclosed
                    ? `${survey.value.answers} answers`
                    : 'withheld'
                })`}
                kpis={surveyKpis(survey.value)}
              />
            )}
          </Grid>
          <Grid item xs={12} md={6}>
            <SurveyCard onAnswered={survey.retry} />
          </Grid>
          <Grid item xs={12} md={6}>
            <SurveyTrendCard group={group} />
          </Grid>
          <Grid item xs={12} md={6}>
            <SurveyCommentsCard />
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="How these numbers are computed">
              <Typography variant="body2">
                A deployment is a GitHub deployment to a production environment
                whose status became success, counted once at that status's time.
                Weeks are the Monday-00:00-UTC weeks lying wholly inside the
                quarter, months the calendar months wholly inside it. Medians
                and p90 interpolate like PostgreSQL percentile_cont. Bands
                follow the DORA 2023 report; the targets are the platform
                guide's. The full method is in the Insights documentation.
              </Typography>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
