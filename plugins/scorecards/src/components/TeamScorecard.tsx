import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Card, CardBody, CardHeader, Flex, Link, Text } from '@backstage/ui';
import { ApiErrorPanel, TrendChart } from '@internal/plugin-portal-react';
import { NO_LEVEL, TeamScorecard } from '@internal/plugin-scorecards-common';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../api';
import { levelColour, levelLabel } from './levels';

/** `checkout-service` of `component:default/checkout-service`. */
function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:(default\/)?/, '');
}

/** The catalog page of an entity's Scorecard tab: /catalog/default/component/x/scorecard. */
function scorecardPath(entityRef: string): string {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef);
  if (!match) return '/catalog';
  const [, kind, namespace, name] = match;
  return `/catalog/${namespace}/${kind}/${name}/scorecard`;
}

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `4 services: 1 gold, 2 silver, 1 below bronze`, the highest level first. */
export function levelsSentence(team: TeamScorecard): string {
  const total = Object.values(team.counts).reduce((sum, n) => sum + n, 0);
  const parts = [...team.levels]
    .reverse()
    .concat(NO_LEVEL)
    .filter(level => team.counts[level])
    .map(
      level =>
        `${team.counts[level]} ${levelLabel(
          level,
          team.levels,
        ).toLocaleLowerCase('en-US')}`,
    );
  return total === 0
    ? 'No service of this team has been scored yet.'
    : `${plural(total, 'service')}: ${parts.join(', ')}.`;
}

function ServicesByLevel({ team }: { team: TeamScorecard }) {
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">Services by level</Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          <Text as="p">{levelsSentence(team)}</Text>
          {team.services.length > 0 && (
            <table
              aria-label="Services by level"
              style={{ width: '100%', borderCollapse: 'collapse' }}
            >
              <thead>
                <tr>
                  <th align="left">Service</th>
                  <th align="left">Level</th>
                </tr>
              </thead>
              <tbody>
                {team.services.map(service => (
                  <tr key={service.entityRef}>
                    <td>
                      <Link href={scorecardPath(service.entityRef)}>
                        {service.title || shortRef(service.entityRef)}
                      </Link>
                    </td>
                    <td>
                      <span
                        style={{
                          borderLeft: `4px solid ${levelColour(
                            service.level ?? NO_LEVEL,
                          )}`,
                          paddingLeft: 6,
                        }}
                      >
                        {levelLabel(service.level, team.levels)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}

function HoldingBack({ team }: { team: TeamScorecard }) {
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">Checks holding services back</Text>
      </CardHeader>
      <CardBody>
        {team.holdingBack.length === 0 ? (
          <Text as="p">
            {team.services.length === 0
              ? 'Nothing scored yet.'
              : 'No check holds a service back: every service is at the top level.'}
          </Text>
        ) : (
          <Flex direction="column" gap="2">
            <Text as="p" variant="body-small">
              A check holds a service back when it fails at the level the
              service has to reach next; fixing the first one moves the most
              services up.
            </Text>
            <table
              aria-label="Checks holding services back"
              style={{ width: '100%', borderCollapse: 'collapse' }}
            >
              <thead>
                <tr>
                  <th align="left">Check</th>
                  <th align="left">Level</th>
                  <th align="right">Services held back</th>
                </tr>
              </thead>
              <tbody>
                {team.holdingBack.map(check => (
                  <tr key={check.checkId}>
                    <td>{check.title}</td>
                    <td>{levelLabel(check.level, team.levels)}</td>
                    <td align="right">{check.services}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Flex>
        )}
      </CardBody>
    </Card>
  );
}

function Quarters({ team }: { team: TeamScorecard }) {
  const levels = [NO_LEVEL, ...team.levels];
  const data = team.quarters.map(point => ({
    quarter: point.quarter,
    ...point.counts,
  }));
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">Services by level, last quarters</Text>
      </CardHeader>
      <CardBody>
        {data.length === 0 ? (
          <Text as="p">No level has been recorded yet.</Text>
        ) : (
          <Flex direction="column" gap="2">
            <TrendChart
              kind="bar"
              data={data}
              xKey="quarter"
              series={levels.map((level, i) => ({
                dataKey: level,
                name: levelLabel(level, team.levels),
                colour: levelColour(level, i),
                stackId: 'levels',
              }))}
              height={220}
              legend
            />
            <table
              aria-label="Services by level per quarter"
              style={{ width: '100%', borderCollapse: 'collapse' }}
            >
              <thead>
                <tr>
                  <th align="left">Quarter</th>
                  <th align="left">Counted on</th>
                  {[...levels].reverse().map(level => (
                    <th key={level} align="right">
                      {levelLabel(level, team.levels)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {team.quarters.map(point => (
                  <tr key={point.quarter}>
                    <td>{point.quarter}</td>
                    <td>{point.day}</td>
                    {[...levels].reverse().map(level => (
                      <td key={level} align="right">
                        {point.counts[level] ?? 0}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Flex>
        )}
      </CardBody>
    </Card>
  );
}

/** A team's page: its services by level, the checks holding them back, its last quarters. */
export function TeamScorecardView({ ownerRef }: { ownerRef: string }) {
  const api = useApi(scorecardsApiRef);
  const state = useAsync(() => api.getTeam(ownerRef), [api, ownerRef]);
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <ApiErrorPanel
        error={state.error}
        title="Could not load the team's scorecards"
      />
    );
  }
  const team = state.value!;
  return (
    <Flex direction="column" gap="4" aria-label={`Team ${shortRef(ownerRef)}`}>
      <ServicesByLevel team={team} />
      <HoldingBack team={team} />
      <Quarters team={team} />
    </Flex>
  );
}
