import { ApiErrorPanel } from '@internal/plugin-portal-react';
import { Progress, WarningPanel } from '@backstage/core-components';
import { Box } from '@material-ui/core';
import { DoraSummary } from '@internal/plugin-insights-common';
import { DoraMetrics } from './DoraMetrics';
import { DoraTrends } from './TrendCharts';

/**
 * The DORA numbers and their weekly trends once loaded, with the loading and error states;
 * `noRepository` explains an empty scope, which differs between a team and a component.
 */
export function DoraPanel(props: {
  dora: { loading: boolean; error?: Error; value?: DoraSummary };
  noRepository: { title: string; message: string };
}) {
  const { loading, error, value } = props.dora;
  return (
    <>
      {loading && <Progress />}
      {error && <ApiErrorPanel error={error} />}
      {value && (
        <>
          {value.scope.repositories === 0 && (
            <WarningPanel severity="info" {...props.noRepository} />
          )}
          <DoraMetrics dora={value} />
          <Box mt={2}>
            <DoraTrends weekly={value.weekly} />
          </Box>
        </>
      )}
    </>
  );
}
