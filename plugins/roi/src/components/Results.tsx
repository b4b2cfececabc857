import { InfoCard } from '@backstage/core-components';
import { Box, Grid, Typography } from '@material-ui/core';
import { RoiResult } from '@internal/plugin-roi-common';
import { formatMoney, formatMonths, formatPercent } from './format';

function Figure({
  label,
  value,
  testId,
  hint,
}: {
  label: string;
  value: string;
  testId: string;
  hint?: string;
}) {
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
  return (
    <InfoCard
      title="Results"
      subheader={`Over the observed period of ${result.periodMonths} months`}
    >
      <Grid container spacing={2}>
        <Figure
          label="ROI"
          value={formatPercent(result.roiPercent)}
          testId="roi-percent"
          hint="(gain − investment) ÷ investment"
        />
        <Figure
          label="Payback"
          value={formatMonths(result.paybackMonths)}
          testId="roi-payback"
          hint="investment ÷ monthly gain"
        />
        <Figure
          label="Net gain"
          value={formatMoney(result.netGain, c)}
          testId="roi-net-gain"
        />
        <Figure
          label="Break-even with ramp-up"
          value={
            result.breakEvenMonth === null
              ? 'not within 36 months'
              : `month ${result.breakEvenMonth}`
          }
          testId="roi-break-even"
        />
        <Figure
          label="Gain"
          value={formatMoney(result.gain.total, c)}
          testId="roi-gain"
        />
        <Figure
          label="Investment"
          value={formatMoney(result.investment, c)}
          testId="roi-investment"
        />
        <Figure
          label="Year 3 cumulative ROI"
          value={formatPercent(result.years[2].cumulativeRoiPercent)}
          testId="roi-year3"
          hint="with the recurring platform cost"
        />
        <Figure
          label="Monthly gain at full effect"
          value={formatMoney(result.monthlyGain, c)}
          testId="roi-monthly-gain"
        />
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
