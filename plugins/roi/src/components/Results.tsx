import { InfoCard } from '@backstage/core-components';
import { Box, Grid, Typography } from '@material-ui/core';
import { RoiResult } from '@internal/plugin-roi-common';
import { formatMoney, formatMonths, formatPercent } from './format';

type FigureProps = {
  label: string;
  value: string;
  testId: string;
  hint?: string;
};

function Figure({ label, value, testId, hint }: FigureProps) {
  return (
    <Grid item xs={6} md={3}>
      <Typography variant="body2" color="textSecondary">
        {label}
      </Typography>
      <Typography variant="h4" component="p" data-testid={testId}>
        {value}
      </Typography>
      {hint && (
        <Typography variant="caption" color="textSecondary">
          {hint}
        </Typography>
      )}
    </Grid>
  );
}

/** The headline figures of the method for the observed period. */
export function Results({ result }: { result: RoiResult }) {
  const c = result.currency;
  const figures: FigureProps[] = [
    {
      label: 'ROI',
      value: formatPercent(result.roiPercent),
      testId: 'roi-percent',
      hint: '(gain − investment) ÷ investment',
    },
    {
      label: 'Payback',
      value: formatMonths(result.paybackMonths),
      testId: 'roi-payback',
      hint: 'investment ÷ monthly gain',
    },
    {
      label: 'Net gain',
      value: formatMoney(result.netGain, c),
      testId: 'roi-net-gain',
    },
    {
      label: 'Break-even with ramp-up',
      value:
        result.breakEvenMonth === null
          ? 'not within 36 months'
          : `month ${result.breakEvenMonth}`,
      testId: 'roi-break-even',
    },
    {
      label: 'Gain',
      value: formatMoney(result.gain.total, c),
      testId: 'roi-gain',
    },
    {
      label: 'Investment',
      value: formatMoney(result.investment, c),
      testId: 'roi-investment',
    },
    {
      label: 'Year 3 cumulative ROI',
      value: formatPercent(result.years[2].cumulativeRoiPercent),
      testId: 'roi-year3',
      hint: 'with the recurring platform cost',
    },
    {
      label: 'Monthly gain at full effect',
      value: formatMoney(result.monthlyGain, c),
      testId: 'roi-monthly-gain',
    },
  ];
  return (
    <InfoCard
      title="Results"
      subheader={`Over the observed period of ${result.periodMonths} months`}
    >
      <Grid container spacing={2}>
        {figures.map(f => (
          <Figure key={f.testId} {...f} />
        ))}
      </Grid>
      <Box mt={2}>
        <Typography variant="body2" color="textSecondary">
          For comparison: Humanitec reports that a platform paid for itself in 6
          to 12 months; WeScale sees the ROI of a Platform Engineering approach
          achieved in less than 9 months.
        </Typography>
      </Box>
    </InfoCard>
  );
}
