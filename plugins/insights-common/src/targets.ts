import { MIN_ANSWERS_PER_TEAM } from './survey';
import { DoraSummary, KpiValue, SurveyResult } from './types';

/**
 * Targets from the platform engineering guide, "How to Measure Success: Key Platform
 * Engineering Metrics" (seed 004), and "Collecting metrics" (seed 000: platform adoption rate).
 */
export const SEED_TARGETS = {
  deploymentFrequency:
    'Multiple times per day (elite), daily to weekly (high performing)',
  leadTimeForChanges:
    'Less than one day (elite), one day to one week (high performing)',
  timeToRestore:
    'Less than one hour (elite), less than one day (high performing)',
  changeFailureRate: '0-15% (elite/high performing)',
  timeToFirstDeployment: 'Within one day (good), within hours (excellent)',
  platformAdoption: '80%+ of teams for mature platforms',
  developerSatisfaction: 'NPS above 30, satisfaction score above 4/5',
  selfServiceCompletion: '90%+ for common tasks',
} as const;

/** Numeric thresholds of the seed targets. */
export const KPI_TARGETS = {
  /** Share of teams on the platform, at least. */
  teamAdoption: 0.8,
  /** Share of components on the platform, at least (same bar as teams). */
  componentAdoption: 0.8,
  /** NPS strictly above. */
  nps: 30,
  /** Average satisfaction (1–5) strictly above. */
  satisfaction: 4,
  /** Self-service completion rate, at least. */
  selfServiceCompletion: 0.9,
  /** Median time to first deployment, hours, at most ("within one day"). */
  timeToFirstDeploymentHours: 24,
  /** Catalog completeness, at least (same bar as adoption). */
  catalogCompleteness: 0.8,
} as const;

export const atLeast = (value: number | null, target: number) =>
  value === null ? null : value >= target;
export const above = (value: number | null, target: number) =>
  value === null ? null : value > target;
export const atMost = (value: number | null, target: number) =>
  value === null ? null : value <= target;
export const below = (value: number | null, target: number) =>
  value === null ? null : value < target;

/**
 * The seed's DORA targets as printed ({@link SEED_TARGETS}), in numbers. "Met" follows these
 * words, whatever bands are configured: the band beside each figure keeps its own rule (see
 * `DEFAULT_DORA_THRESHOLDS`). A 12% change failure rate meets "0-15%" and sits in the medium band.
 */
export const DORA_TARGETS = {
  /** "daily to weekly (high performing)": a deployment on at least one day of the median week. */
  deployDaysPerWeek: 1,
  /** "one day to one week (high performing)": median lead time under 168 hours. */
  leadTimeHoursBelow: 168,
  /** "less than one day (high performing)": median time to restore under 24 hours. */
  timeToRestoreHoursBelow: 24,
  /** "0-15% (elite/high performing)": at most 15%. */
  changeFailureRateAtMost: 0.15,
} as const;

export type DoraTargetsMet = {
  deploymentFrequency: boolean | null;
  leadTimeForChanges: boolean | null;
  changeFailureRate: boolean | null;
  timeToRestore: boolean | null;
};

/** Whether each DORA figure meets the seed's target as printed; null without a figure. */
export function doraTargetsMet(dora: DoraSummary): DoraTargetsMet {
  return {
    deploymentFrequency: atLeast(
      dora.deploymentFrequency.medianDeployDaysPerWeek,
      DORA_TARGETS.deployDaysPerWeek,
    ),
    leadTimeForChanges: below(
      dora.leadTimeForChanges.medianHours,
      DORA_TARGETS.leadTimeHoursBelow,
    ),
    changeFailureRate: atMost(
      dora.changeFailureRate.rate,
      DORA_TARGETS.changeFailureRateAtMost,
    ),
    timeToRestore: below(
      dora.timeToRestore.medianHours,
      DORA_TARGETS.timeToRestoreHoursBelow,
    ),
  };
}

/** Why a quarter's survey results are withheld, in words. */
export function surveyWithheldReason(
  result: Pick<SurveyResult, 'quarter' | 'threshold' | 'withheld'>,
): string {
  const threshold = result.threshold ?? MIN_ANSWERS_PER_TEAM;
  switch (result.withheld) {
    case 'quarterOpen':
      return `Withheld: results are published once ${result.quarter} has ended, with at least ${threshold} answers.`;
    case 'complementBelowThreshold':
      return `Withheld: the rest of the organisation has fewer than ${threshold} answers, so these results would reveal theirs.`;
    default:
      return `Withheld: fewer than ${threshold} answers (results are shown from ${threshold} up).`;
  }
}

/** The survey KPIs of a quarter's results, with the seed targets (NPS above 30, satisfaction above 4/5). */
export function surveyKpis(result: SurveyResult): KpiValue[] {
  const withheld = result.disclosed ? '' : ` ${surveyWithheldReason(result)}`;
  return [
    {
      id: 'nps',
      label: 'Net Promoter Score',
      value: result.nps,
      unit: 'score',
      target: 'above 30',
      met: above(result.nps, KPI_TARGETS.nps),
      definition: `% promoters (9–10) − % detractors (0–6) over ${result.quarter}'s current answers.${withheld}`,
      numerator: result.promoters ?? undefined,
      denominator: result.answers ?? undefined,
    },
    {
      id: 'satisfaction',
      label: 'Developer satisfaction',
      value: result.averageSatisfaction,
      unit: 'score',
      target: 'above 4/5',
      met: above(result.averageSatisfaction, KPI_TARGETS.satisfaction),
      definition: `Average of the 1–5 satisfaction answers of ${result.quarter}.${withheld}`,
    },
  ];
}
