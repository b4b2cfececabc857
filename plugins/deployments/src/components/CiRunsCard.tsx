import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import { formatDuration } from '@internal/plugin-deployments-common';
import { ApiErrorPanel } from '@internal/plugin-portal-react';
import useAsync from 'react-use/esm/useAsync';
import { deploymentsApiRef } from '../api';
import { shortSha, when } from './format';
import { RunStatus } from './RunStatus';

/** The recent GitHub Actions runs of the component's repository, newest first. */
export function CiRunsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(deploymentsApiRef);
  const state = useAsync(
    () => api.listRuns(entityRef, { limit: 10 }),
    [api, entityRef],
  );
  const runs = state.value?.items ?? [];
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          CI runs
        </Text>
      </CardHeader>
      <CardBody>
        {state.loading && (
          <Flex direction="column" gap="2" aria-busy="true">
            <Skeleton width="80%" height={20} />
            <Skeleton width="80%" height={20} />
          </Flex>
        )}
        {state.error && (
          <ApiErrorPanel error={state.error} title="Could not load the runs" />
        )}
        {state.value?.unavailable && (
          <Alert status="info" icon description={state.value.unavailable} />
        )}
        {state.value && !state.value.unavailable && runs.length === 0 && (
          <Text>No workflow runs yet.</Text>
        )}
        {runs.length > 0 && (
          <table aria-label="CI runs" style={{ width: '100%' }}>
            <thead>
              <tr>
                <th align="left">Run</th>
                <th align="left">Branch</th>
                <th align="left">Status</th>
                <th align="left">Duration</th>
                <th align="left">Started</th>
              </tr>
            </thead>
            <tbody>
              {runs.map(run => (
                <tr key={run.id}>
                  <td>
                    <Text variant="body-small">{run.name}</Text>{' '}
                    <Text variant="body-x-small" color="secondary">
                      {run.event} · {shortSha(run.sha)}
                    </Text>
                  </td>
                  <td>
                    <Text variant="body-small">{run.branch ?? '—'}</Text>
                  </td>
                  <td>
                    <RunStatus run={run} label="Logs" />
                  </td>
                  <td>
                    <Text variant="body-small">
                      {run.durationSeconds !== undefined
                        ? formatDuration(run.durationSeconds)
                        : '—'}
                    </Text>
                  </td>
                  <td>
                    <Text variant="body-small">
                      {run.startedAt ? when(run.startedAt) : '—'}
                    </Text>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardBody>
    </Card>
  );
}
