import {
  breakEvenMonth,
  computeGain,
  computeRoiCore,
  projectCashFlow,
  rampShare,
  RoiInputs,
} from '@internal/plugin-roi-common';

/** The lines of the case that the portal measures, in seed 000's order. */
export type ValueLineId = 'productivity' | 'incidents' | 'infrastructure';

/** The case's expected figures for one quarter after the start, from the ROI calculator's formulas. */
export type ExpectedQuarter = {
  /** Expected gain of each line over the quarter (ramp-up applied). */
  gain: Record<ValueLineId, number>;
  /** Expected reduction or freed share of each line in percent, at the quarter's average ramp. */
  percent: Record<ValueLineId, number>;
  /** Average of the ramp-up share over the quarter's three months (0–1). */
  rampShare: number;
};

/**
 * What the case expects in quarter `index` (months 3·index − 2 to 3·index after the start).
 * Each line's gain over the observed period (computeGain) recurs at gain ÷ periodMonths a
 * month, times the ramp-up share of the month (rampShare), exactly as the calculator's cash flow.
 */
export function expectedQuarter(
  inputs: RoiInputs,
  index: number,
): ExpectedQuarter {
  const gain = computeGain(inputs);
  const months = [3 * index - 2, 3 * index - 1, 3 * index];
  const shares = months.map(m => rampShare(m, inputs.rampUpMonths));
  const shareSum = shares.reduce((s, x) => s + x, 0);
  const perQuarter = (periodGain: number) =>
    (periodGain / inputs.periodMonths) * shareSum;
  const average = shareSum / 3;
  return {
    gain: {
      productivity: perQuarter(gain.productivity),
      incidents: perQuarter(gain.incidents),
      infrastructure: perQuarter(gain.infrastructure),
    },
    percent: {
      productivity: inputs.improvedProductivityPct * average,
      incidents: inputs.improvedIncidentsCostsPct * average,
      infrastructure: inputs.improvedResourcesPct * average,
    },
    rampShare: average,
  };
}

/** The case's own figures to hold the realised ones against, after `months` months (a fraction counts a month partly). */
export type ExpectedSoFar = {
  /** Cumulative gain of the three measured lines through month `months` (ramp-up applied). */
  gain: number;
  investment: number;
  /** (gain − investment) ÷ investment × 100 over the measured lines; null without investment. */
  roiPercent: number | null;
  /** The method's payback: investment ÷ monthly gain, null without gain. */
  paybackMonths: number | null;
  /** The cash flow's break-even month (with ramp-up), null within 36 months. */
  breakEvenMonth: number | null;
};

/**
 * The case's expectation through month `months` after the start, counted over the lines the
 * portal measures (productivity, incidents, infrastructure: the time-to-market revenue is not
 * measured, so it is left out of both sides).
 */
export function expectedSoFar(
  inputs: RoiInputs,
  months: number,
): ExpectedSoFar {
  const gain = computeGain(inputs);
  const measuredPerMonth =
    (gain.productivity + gain.incidents + gain.infrastructure) /
    inputs.periodMonths;
  // a month partly measured counts for its measured part
  let cumulative = 0;
  for (let m = 1; m <= Math.ceil(months); m++) {
    const part = Math.min(1, months - (m - 1));
    cumulative += measuredPerMonth * rampShare(m, inputs.rampUpMonths) * part;
  }
  const core = computeRoiCore(inputs);
  return {
    gain: cumulative,
    investment: core.investment,
    roiPercent:
      core.investment > 0
        ? ((cumulative - core.investment) / core.investment) * 100
        : null,
    paybackMonths: core.paybackMonths,
    breakEvenMonth: breakEvenMonth(projectCashFlow(inputs)),
  };
}
