/**
 * Seed 000's method after implementation: the figures before the start, then "the % reduction
 * … after implementation", per line, over the part of the quarter that has elapsed. Each
 * function answers null figures when the data to compute them is missing; the caller says why.
 */

/** Incidents before and after, and what the reduction is worth at the case's cost per incident. */
export type IncidentActual = {
  /** Incidents a day before the start. */
  rateBefore: number;
  /** Incidents a day in the measured days after. */
  rateAfter: number;
  /** (1 − rateAfter ÷ rateBefore) × 100; null when there were no incidents before. */
  reductionPercent: number | null;
  /** rateBefore × days after − incidents after: incidents that did not happen (may be negative). */
  avoidedIncidents: number;
  /** avoidedIncidents × costPerIncident. */
  saving: number;
};

export function incidentActual(options: {
  incidentsBefore: number;
  daysBefore: number;
  incidentsAfter: number;
  daysAfter: number;
  costPerIncident: number;
}): IncidentActual | null {
  const { incidentsBefore, daysBefore, incidentsAfter, daysAfter } = options;
  if (daysBefore <= 0 || daysAfter <= 0) return null;
  const rateBefore = incidentsBefore / daysBefore;
  const rateAfter = incidentsAfter / daysAfter;
  const avoidedIncidents = rateBefore * daysAfter - incidentsAfter;
  return {
    rateBefore,
    rateAfter,
    reductionPercent:
      rateBefore > 0 ? (1 - rateAfter / rateBefore) * 100 : null,
    avoidedIncidents,
    saving: avoidedIncidents * options.costPerIncident,
  };
}

/** Time freed for value-adding work, from the survey's share of time on infrastructure and tooling. */
export type TimeFreedActual = {
  /** Percentage points of the week no longer spent on infrastructure and tooling. */
  freedPercent: number;
  /** freedPercent ÷ 100 × DevCosts ÷ periodMonths × months measured. */
  saving: number;
};

export function timeFreedActual(options: {
  /** Share of the week on infrastructure and tooling before the start, 0–100. */
  shareBeforePercent: number;
  /** The same share in the quarter, 0–100. */
  shareAfterPercent: number;
  /** The case's DevCosts over its observed period. */
  devCosts: number;
  periodMonths: number;
  /** Months of the quarter measured (3 × the elapsed share). */
  monthsMeasured: number;
}): TimeFreedActual {
  const freedPercent = options.shareBeforePercent - options.shareAfterPercent;
  return {
    freedPercent,
    saving:
      (freedPercent / 100) *
      (options.devCosts / options.periodMonths) *
      options.monthsMeasured,
  };
}

/** A duration the platform should shorten (median lead time, median time to restore). */
export type DurationActual = {
  beforeHours: number;
  afterHours: number;
  /** beforeHours − afterHours. */
  savedHours: number;
  /** savedHours ÷ beforeHours × 100; null when beforeHours is 0. */
  reductionPercent: number | null;
};

export function durationActual(
  beforeHours: number | null,
  afterHours: number | null,
): DurationActual | null {
  if (beforeHours === null || afterHours === null) return null;
  const savedHours = beforeHours - afterHours;
  return {
    beforeHours,
    afterHours,
    savedHours,
    reductionPercent: beforeHours > 0 ? (savedHours / beforeHours) * 100 : null,
  };
}

/** Infrastructure cost before against the quarter's, both over whole quarters. */
export type InfrastructureActual = {
  /** costBefore − costAfter scaled to the measured days: (costBefore ÷ daysBefore − costAfter ÷ daysAfter) × daysAfter. */
  saving: number;
  /** saving ÷ (costBefore ÷ daysBefore × daysAfter) × 100; null when nothing was spent before. */
  reductionPercent: number | null;
};

export function infrastructureActual(options: {
  costBefore: number;
  daysBefore: number;
  costAfter: number;
  daysAfter: number;
}): InfrastructureActual | null {
  const { costBefore, daysBefore, costAfter, daysAfter } = options;
  if (daysBefore <= 0 || daysAfter <= 0) return null;
  const wouldHaveCost = (costBefore / daysBefore) * daysAfter;
  const saving = wouldHaveCost - costAfter;
  return {
    saving,
    reductionPercent: wouldHaveCost > 0 ? (saving / wouldHaveCost) * 100 : null,
  };
}

/** The realised return so far against the investment, and the payback at the pace measured. */
export type RealisedSoFar = {
  gain: number;
  investment: number;
  /** (gain − investment) ÷ investment × 100; null without investment. */
  roiPercent: number | null;
  /** The method's payback with the measured monthly gain: investment ÷ (gain ÷ months); null when gain ≤ 0. */
  paybackMonths: number | null;
  /** gain ≥ investment: the investment has been paid back. */
  paidBack: boolean;
};

export function realisedSoFar(options: {
  gain: number;
  investment: number;
  monthsMeasured: number;
}): RealisedSoFar {
  const { gain, investment, monthsMeasured } = options;
  const monthlyGain = monthsMeasured > 0 ? gain / monthsMeasured : 0;
  return {
    gain,
    investment,
    roiPercent:
      investment > 0 ? ((gain - investment) / investment) * 100 : null,
    paybackMonths: monthlyGain > 0 ? investment / monthlyGain : null,
    paidBack: gain >= investment,
  };
}
