import { DoraCategory, DoraThresholds } from './types';

/**
 * DORA 2023 report bands, as defined in the insights issue. Deployment frequency's elite is
 * seed 004's "multiple times per day": at least two deployments a working day on average (10 a
 * week) and a deployment on at least five days of the median week.
 */
export const DEFAULT_DORA_THRESHOLDS: DoraThresholds = {
  deploymentFrequency: {
    eliteDeploymentsPerWeek: 10,
    eliteDeployDaysPerWeek: 5,
    highDeployDaysPerWeek: 1,
    mediumDeployDaysPerMonth: 1,
  },
  leadTimeHours: { elite: 24, high: 168, medium: 720 },
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  timeToRestoreHours: { elite: 1, high: 24, medium: 168 },
};

/** Default production environment pattern (case-insensitive). */
export const DEFAULT_PRODUCTION_PATTERN = '^prod(uction)?$';
/** Default incident label pattern (case-insensitive). */
export const DEFAULT_INCIDENT_PATTERN = 'incident';

/** Whether a deployment environment name is a production environment. */
export function isProductionEnvironment(
  environment: string | null | undefined,
  pattern: string = DEFAULT_PRODUCTION_PATTERN,
): boolean {
  if (!environment) return false;
  return new RegExp(pattern, 'i').test(environment);
}

/** Whether any of an issue's labels marks it as an incident. */
export function isIncident(
  labels: ReadonlyArray<string>,
  pattern: string = DEFAULT_INCIDENT_PATTERN,
): boolean {
  const re = new RegExp(pattern, 'i');
  return labels.some(label => re.test(label));
}

/** What the deployment frequency band is judged on, as the DORA summary reports it. */
export type DeploymentFrequencyFigures = {
  /** Deployments ÷ window days × 7. */
  deploymentsPerWeek: number;
  /** Median over the window's whole weeks of days with a deployment; null without a whole week. */
  medianDeployDaysPerWeek: number | null;
  /** Median over the window's whole calendar months of days with a deployment. */
  medianDeployDaysPerMonth: number | null;
};

/**
 * Deployment frequency band, matching the words shown with it (seed 004: "Multiple times per
 * day (elite), daily to weekly (high performing)"):
 * - elite: several deployments a day, every working day: deployments per week ≥ 10 (two a
 *   day on five days) and median deploy-days per week ≥ 5. One deployment a day on five days
 *   (5 a week) is daily, not "multiple times per day": high.
 * - high: median deploy-days per week ≥ 1 (at least weekly);
 * - medium: otherwise median deploy-days per calendar month ≥ 1; else low.
 * Null when the window has neither a whole week nor a whole month to judge by.
 */
export function deploymentFrequencyCategory(
  figures: DeploymentFrequencyFigures,
  thresholds: DoraThresholds = DEFAULT_DORA_THRESHOLDS,
): DoraCategory | null {
  const t = thresholds.deploymentFrequency;
  const { deploymentsPerWeek: perWeek } = figures;
  const { medianDeployDaysPerWeek: week, medianDeployDaysPerMonth: month } =
    figures;
  if (week === null && month === null) {
    return null;
  }
  if (week !== null) {
    if (
      week >= t.eliteDeployDaysPerWeek &&
      perWeek >= t.eliteDeploymentsPerWeek
    ) {
      return 'elite';
    }
    if (week >= t.highDeployDaysPerWeek) return 'high';
  }
  if (month !== null && month >= t.mediumDeployDaysPerMonth) {
    return 'medium';
  }
  return 'low';
}

function strictlyBelow(
  value: number | null,
  bounds: { elite: number; high: number; medium: number },
): DoraCategory | null {
  if (value === null) return null;
  if (value < bounds.elite) return 'elite';
  if (value < bounds.high) return 'high';
  if (value < bounds.medium) return 'medium';
  return 'low';
}

/** Lead time band: median hours < 24 elite, < 168 high, < 720 medium, else low. */
export function leadTimeCategory(
  medianHours: number | null,
  thresholds: DoraThresholds = DEFAULT_DORA_THRESHOLDS,
): DoraCategory | null {
  return strictlyBelow(medianHours, thresholds.leadTimeHours);
}

/** Time to restore band: median hours < 1 elite, < 24 high, < 168 medium, else low. */
export function timeToRestoreCategory(
  medianHours: number | null,
  thresholds: DoraThresholds = DEFAULT_DORA_THRESHOLDS,
): DoraCategory | null {
  return strictlyBelow(medianHours, thresholds.timeToRestoreHours);
}

/** Change failure rate band: ≤ 0.05 elite, ≤ 0.10 high, ≤ 0.15 medium, else low. */
export function changeFailureRateCategory(
  rate: number | null,
  thresholds: DoraThresholds = DEFAULT_DORA_THRESHOLDS,
): DoraCategory | null {
  if (rate === null) return null;
  const t = thresholds.changeFailureRate;
  if (rate <= t.elite) return 'elite';
  if (rate <= t.high) return 'high';
  if (rate <= t.medium) return 'medium';
  return 'low';
}

/** failed ÷ total as a fraction, or null when there were no deployments. */
export function changeFailureRate(
  failedDeployments: number,
  deployments: number,
): number | null {
  return deployments === 0 ? null : failedDeployments / deployments;
}

/** Deployments per week over a window: count ÷ window days × 7. */
export function deploymentsPerWeek(deployments: number, days: number): number {
  if (days <= 0) return 0;
  return (deployments / days) * 7;
}

/**
 * Continuous percentile with linear interpolation, identical to PostgreSQL's
 * `percentile_cont(p) WITHIN GROUP (ORDER BY v)`: position = p × (n − 1) over the sorted values.
 */
export function percentileCont(
  values: ReadonlyArray<number>,
  p: number,
): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const fraction = position - lower;
  return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * Starts of the Monday-00:00-UTC weeks lying wholly inside `[from, to)`.
 */
export function wholeWeeks(from: Date, to: Date): Date[] {
  const start = new Date(
    Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()),
  );
  // Days to add to reach a Monday (getUTCDay: 0 = Sunday, 1 = Monday).
  const shift = (8 - start.getUTCDay()) % 7;
  let monday = start.getTime() + shift * DAY_MS;
  if (monday < from.getTime()) monday += WEEK_MS;
  const weeks: Date[] = [];
  while (monday + WEEK_MS <= to.getTime()) {
    weeks.push(new Date(monday));
    monday += WEEK_MS;
  }
  return weeks;
}

/** Starts of the calendar months (UTC) lying wholly inside `[from, to)`. */
export function wholeMonths(from: Date, to: Date): Date[] {
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  let start = Date.UTC(year, month, 1);
  if (start < from.getTime()) {
    month += 1;
    start = Date.UTC(year, month, 1);
  }
  const months: Date[] = [];
  for (;;) {
    const s = new Date(start);
    year = s.getUTCFullYear();
    month = s.getUTCMonth();
    const end = Date.UTC(year, month + 1, 1);
    if (end > to.getTime()) break;
    months.push(s);
    start = end;
  }
  return months;
}

/** Length of `[from, to)` in days (fractional). */
export function windowDays(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** The longest window the API accepts: two years. */
export const MAX_WINDOW_DAYS = 731;

/** The Monday 00:00 UTC that starts the week of a date. */
export function mondayOf(date: Date): Date {
  const day = Date.UTC(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
  );
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
}
