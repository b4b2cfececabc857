import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import {
  ApiErrorPanel,
  DemoDataBanner,
  downloadFile,
  TrendChart,
} from '@internal/plugin-portal-react';
import {
  NO_LEVEL,
  ScorecardSummary,
  summaryCsv,
  Waiver,
} from '@internal/plugin-scorecards-common';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../api';
import { InitiativesSection } from './InitiativesSection';
import { levelColour, levelLabel } from './levels';
import { TeamScorecardView } from './TeamScorecard';

/** `payments-team` of `group:default/payments-team`; `no owner` for null. */
function shortRef(ref: string | null): string {
  return ref ? ref.replace(/^[^:]+:(default\/)?/, '') : 'no owner';
}

function series(levels: string[]) {
  return [NO_LEVEL, ...levels].map((level, i) => ({
    dataKey: level,
    name: levelLabel(level, levels),
    colour: levelColour(level, i),
    stackId: 'levels',
  }));
}

function LevelsByTeam({ summary }: { summary: ScorecardSummary }) {
  const data = summary.byTeam.map(team => ({
    team: shortRef(team.ownerRef),
    ...team.counts,
  }));
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">Services by level and team</Text>
      </CardHeader>
      <CardBody>
        {data.length === 0 ? (
          <Text as="p">No service has been scored yet.</Text>
        ) : (
          <TrendChart
            kind="bar"
            data={data}
            xKey="team"
            series={series(summary.levels)}
            height={260}
            legend
          />
        )}
      </CardBody>
    </Card>
  );
}

function LevelTrend({ summary }: { summary: ScorecardSummary }) {
  if (summary.trend.length < 2) return null;
  const data = summary.trend.map(point => ({
    day: point.day,
    ...point.counts,
  }));
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">Services by level, last 90 days</Text>
      </CardHeader>
      <CardBody>
        <TrendChart
          kind="bar"
          data={data}
          xKey="day"
          series={series(summary.levels)}
          height={220}
          legend
        />
      </CardBody>
    </Card>
  );
}

function LowestPassRates({ summary }: { summary: ScorecardSummary }) {
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">Checks with the lowest pass rate</Text>
      </CardHeader>
      <CardBody>
        <table
          aria-label="Checks by pass rate"
          style={{ width: '100%', borderCollapse: 'collapse' }}
        >
          <thead>
            <tr>
              <th align="left">Check</th>
              <th align="left">Level</th>
              <th align="right">Passing</th>
              <th align="right">Pass rate</th>
            </tr>
          </thead>
          <tbody>
            {summary.checks.slice(0, 10).map(check => (
              <tr key={check.checkId}>
                <td>{check.title}</td>
                <td>{check.level}</td>
                <td align="right">
                  {check.passing} of {check.applicable}
                </td>
                <td align="right">
                  {Math.round((100 * check.passing) / check.applicable)} %
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardBody>
    </Card>
  );
}

function percent(share: number): string {
  return `${Math.round(100 * share)} %`;
}

/** Seed 004: "Golden paths should guide 80% of the work." */
function GoldenPathAdoption({ summary }: { summary: ScorecardSummary }) {
  const adoption = summary.goldenPaths;
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">Golden path adoption</Text>
      </CardHeader>
      <CardBody>
        {adoption.adoptedShare === null ? (
          <Text as="p">No service's golden path has been read yet.</Text>
        ) : (
          <Flex direction="column" gap="1">
            <Text as="p">
              {`${adoption.fromGoldenPath} of ${
                adoption.services
              } services made from a golden path (${percent(
                adoption.adoptedShare,
              )}); the aim is ${percent(adoption.aim)}: ${
                adoption.meetsAim ? 'met' : 'not met'
              }.`}
            </Text>
            {adoption.currentShare !== null && (
              <Text as="p">
                {`${adoption.onLatestVersion} of ${
                  adoption.fromGoldenPath
                } on their golden path's latest version (${percent(
                  adoption.currentShare,
                )}).`}
              </Text>
            )}
          </Flex>
        )}
      </CardBody>
    </Card>
  );
}

/** What the scorecards spent of the GitHub rate limit, per repository, today and before. */
function GithubRequests() {
  const api = useApi(scorecardsApiRef);
  const state = useAsync(() => api.listGithubRequests(7), [api]);
  if (state.loading) return null;
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">GitHub requests, last 7 days</Text>
      </CardHeader>
      <CardBody>
        {state.error && (
          <ApiErrorPanel
            error={state.error}
            title="Could not load the GitHub requests"
          />
        )}
        {state.value?.length === 0 && (
          <Text as="p">No GitHub repository has been read.</Text>
        )}
        {state.value && state.value.length > 0 && (
          <table
            aria-label="GitHub requests per repository per day"
            style={{ width: '100%', borderCollapse: 'collapse' }}
          >
            <thead>
              <tr>
                <th align="left">Day</th>
                <th align="left">Repository</th>
                <th align="right">Requests</th>
                <th align="right">Reads</th>
              </tr>
            </thead>
            <tbody>
              {state.value.slice(0, 50).map(row => (
                <tr key={`${row.day} ${row.repository}`}>
                  <td>{row.day}</td>
                  <td>{row.repository}</td>
                  <td align="right">{row.requests}</td>
                  <td align="right">{row.collections}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardBody>
    </Card>
  );
}

function PendingWaivers() {
  const api = useApi(scorecardsApiRef);
  const state = useAsyncRetry(
    () => api.listWaivers({ status: 'requested' }),
    [api],
  );
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const decide = async (waiver: Waiver, decision: 'grant' | 'reject') => {
    try {
      await api.decideWaiver(waiver.id, decision);
      setOutcome({
        ok: true,
        text: `Waiver of ${waiver.checkId} for ${shortRef(waiver.entityRef)} ${
          decision === 'grant' ? 'granted' : 'rejected'
        }.`,
      });
      state.retry();
    } catch (error) {
      setOutcome({
        ok: false,
        text: `Not decided: ${(error as Error).message}`,
      });
    }
  };
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">Waivers awaiting a decision</Text>
      </CardHeader>
      <CardBody>
        {outcome && (
          <Alert
            status={outcome.ok ? 'success' : 'danger'}
            role="status"
            title={outcome.text}
          />
        )}
        {state.loading && !state.value && <Progress />}
        {state.error && (
          <ApiErrorPanel
            error={state.error}
            title="Could not load the waivers"
          />
        )}
        {state.value?.length === 0 && <Text as="p">None.</Text>}
        <ul style={{ listStyle: 'none', padding: 0 }}>
          {state.value?.map(waiver => (
            <li
              key={waiver.id}
              aria-label={`Waiver of ${waiver.checkId} for ${waiver.entityRef}`}
            >
              <Flex align="center" gap="2">
                <Text variant="body-medium">
                  {shortRef(waiver.entityRef)}: {waiver.checkId} until{' '}
                  {waiver.expiresAt.slice(0, 10)}, asked by{' '}
                  {shortRef(waiver.requestedBy)}: “{waiver.reason}”
                </Text>
                <Button size="small" onPress={() => decide(waiver, 'grant')}>
                  Grant
                </Button>
                <Button
                  size="small"
                  variant="secondary"
                  onPress={() => decide(waiver, 'reject')}
                >
                  Reject
                </Button>
              </Flex>
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}

/** The Scorecards page: the organisation or one team by level, over time, and its weakest checks. */
export function ScorecardsPage() {
  const api = useApi(scorecardsApiRef);
  // the team page is /scorecards?team=group:default/payments-team, so it can be linked to
  const [params, setParams] = useSearchParams();
  const owner = params.get('team') ?? '';
  const setOwner = (ref: string) =>
    setParams(ref ? { team: ref } : {}, { replace: true });
  const organisation = useAsync(() => api.getSummary(), [api]);
  const team = useAsync(
    async () => (owner ? api.getSummary(owner) : undefined),
    [api, owner],
  );
  const summary = owner ? team.value : organisation.value;
  const error = organisation.error ?? team.error;
  return (
    <Page themeId="tool">
      <Header
        title="Scorecards"
        subtitle="Every service against the platform's standards, with the facts behind it"
      />
      <Content>
        <DemoDataBanner />
        {error && (
          <ApiErrorPanel error={error} title="Could not load the scorecards" />
        )}
        {!error && !summary && <Progress />}
        {summary && (
          <Flex direction="column" gap="4">
            <label>
              <Text variant="body-medium">Team </Text>
              <select value={owner} onChange={e => setOwner(e.target.value)}>
                <option value="">The whole organisation</option>
                {(organisation.value?.byTeam ?? [])
                  .filter(t => t.ownerRef)
                  .map(t => (
                    <option key={t.ownerRef!} value={t.ownerRef!}>
                      {shortRef(t.ownerRef)}
                    </option>
                  ))}
              </select>
            </label>
            <Flex align="center" gap="2">
              <Text as="p">
                {summary.entities} services scored
                {summary.ownerRef ? ` in ${shortRef(summary.ownerRef)}` : ''}.
              </Text>
              <Button
                variant="secondary"
                onPress={() =>
                  downloadFile(
                    `scorecards-${
                      summary.ownerRef
                        ? shortRef(summary.ownerRef)
                        : 'organisation'
                    }.csv`,
                    summaryCsv(summary),
                    'text/csv;charset=utf-8',
                  )
                }
              >
                Export CSV
              </Button>
            </Flex>
            {summary.ownerRef && (
              <section aria-label="Team page">
                <Flex direction="column" gap="2">
                  <Text variant="title-medium" as="h2">
                    Team page: {shortRef(summary.ownerRef)}
                  </Text>
                  <TeamScorecardView ownerRef={summary.ownerRef} />
                </Flex>
              </section>
            )}
            <LevelsByTeam summary={summary} />
            <LevelTrend summary={summary} />
            <LowestPassRates summary={summary} />
            <GoldenPathAdoption summary={summary} />
            <InitiativesSection levels={summary.levels} />
            <PendingWaivers />
            <GithubRequests />
          </Flex>
        )}
      </Content>
    </Page>
  );
}
