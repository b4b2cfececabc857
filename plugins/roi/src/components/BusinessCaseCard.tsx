import { ApiErrorPanel } from '@internal/plugin-portal-react';
import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { roiApiRef } from '../api';
import { formatMoney, formatMonths, formatPercent } from './format';
import { usePaths } from './usePaths';

/** For leaders: the latest saved business case and a link to the calculator. */
export function BusinessCaseCard() {
  const api = useApi(roiApiRef);
  const paths = usePaths();
  const { value, loading, error } = useAsync(
    () => api.listScenarios({ limit: 1 }),
    [api],
  );
  if (loading) return <Progress />;
  if (error) return <ApiErrorPanel error={error} />;
  const latest = value?.[0];
  if (!latest) {
    return (
      <Typography variant="body2">
        No business case saved yet.{' '}
        <Link to={paths.root}>Open the ROI calculator</Link> to build one from
        your costs and the case studies.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="subtitle1" gutterBottom>
        {latest.name}
      </Typography>
      <Grid container spacing={2}>
        {[
          { label: 'ROI', value: formatPercent(latest.roiPercent) },
          { label: 'Payback', value: formatMonths(latest.paybackMonths) },
          {
            label: 'Net gain',
            value: formatMoney(latest.netGain, latest.currency),
          },
        ].map(figure => (
          <Grid item xs={4} key={figure.label}>
            <Typography variant="h4" component="p" aria-label={figure.label}>
              {figure.value}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {figure.label}
            </Typography>
          </Grid>
        ))}
      </Grid>
      <Box mt={2}>
        <Typography variant="body2">
          Saved {new Date(latest.updatedAt).toLocaleDateString('en-GB')} by{' '}
          {latest.updatedBy}. <Link to={paths.report(latest.id)}>Report</Link> ·{' '}
          <Link to={paths.root}>ROI calculator</Link>
        </Typography>
      </Box>
    </>
  );
}
