import { ApiErrorPanel } from '@internal/plugin-portal-react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Typography } from '@material-ui/core';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { insightsApiRef } from '../api';
import { formatHours, formatPercent, recentQuarters } from '../format';
import { BandChip } from './DoraMetrics';

/** Home-page card for leaders: this quarter's four DORA metrics for the organisation. */
export function LeadersWidget() {
  const api = useApi(insightsApiRef);
  const quarter = useMemo(() => recentQuarters(new Date(), 1)[0], []);
  const { value, loading, error } = useAsync(
    () => api.getDora({ from: quarter.from, to: quarter.to }),
    [api, quarter.from, quarter.to],
  );
  if (loading) return <Progress />;
  if (error) return <ApiErrorPanel error={error} />;
  if (!value) return <Typography variant="body2">No data.</Typography>;
  const rows: Array<
    [string, string, typeof value.leadTimeForChanges.category]
  > = [
    [
      'Deployment frequency',
      `${value.deploymentFrequency.deploymentsPerWeek.toFixed(1)} / week`,
      value.deploymentFrequency.category,
    ],
    [
      'Lead time',
      formatHours(value.leadTimeForChanges.medianHours),
      value.leadTimeForChanges.category,
    ],
    [
      'Change failure rate',
      formatPercent(value.changeFailureRate.rate),
      value.changeFailureRate.category,
    ],
    [
      'Time to restore',
      formatHours(value.timeToRestore.medianHours),
      value.timeToRestore.category,
    ],
  ];
  return (
    <Box>
      <Typography variant="caption" color="textSecondary">
        Organisation, {quarter.id} so far
      </Typography>
      {rows.map(([label, v, band]) => (
        <Box
          key={label}
          display="flex"
          justifyContent="space-between"
          alignItems="center"
          my={0.5}
        >
          <Typography variant="body2">{label}</Typography>
          <Box display="flex" alignItems="center">
            <Typography variant="body2" style={{ marginRight: 8 }}>
              {v}
            </Typography>
            <BandChip category={band} />
          </Box>
        </Box>
      ))}
    </Box>
  );
}
