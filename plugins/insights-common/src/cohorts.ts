/**
 * Cohorts: the delivery metrics of services made from a golden path against those of the
 * others ("off-road"), and of a team before against after it adopted the platform. Pure: the
 * figures come from the backend's SQL, the verdicts from here. See docs/plugins/insights.md,
 * "Golden path against off-road, before against after".
 */

/** Written on the catalog entity by our golden paths' skeletons (golden-path-upgrades-common). */
export const GOLDEN_PATH_TEMPLATE_ANNOTATION = 'acme.example/template';
/** Written by the scaffolder on any entity registered from a template. */
export const SCAFFOLDER_SOURCE_TEMPLATE_ANNOTATION =
  'backstage.io/source-template';

/** A service made from a golden path: it carries either template annotation, not blank. */
export function isGoldenPathService(
  annotations: Readonly<Record<string, string | undefined>> | undefined,
): boolean {
  if (!annotations) return false;
  return [
    GOLDEN_PATH_TEMPLATE_ANNOTATION,
    SCAFFOLDER_SOURCE_TEMPLATE_ANNOTATION,
  ].some(name => Boolean(annotations[name]?.trim()));
}

/** The four delivery metrics compared. */
export const COHORT_METRICS = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
] as const;
export type CohortMetric = (typeof COHORT_METRICS)[number];

/** One side of a comparison: a set of services over a period, with what each figure stands on. */
export type CohortFigures = {
  /** Services of the cohort (catalog components with a repository). */
  services: number;
  /** Of those, the ones with at least one counted deployment in the period. */
  servicesWithDeployments: number;
  /** Length of the period in days, and its whole weeks (Monday 00:00 UTC). */
  days: number;
  weeks: number;
  deployments: number;
  /** deployments ÷ services with deployments ÷ (days ÷ 7); null without deployments. */
  deploymentsPerServicePerWeek: number | null;
  changes: number;
  medianLeadTimeHours: number | null;
  failedDeployments: number;
  changeFailureRate: number | null;
  incidentsRestored: number;
  medianTimeToRestoreHours: number | null;
};

/**
 * When a comparison says anything. Each side needs `minServices` services with deployments,
 * `minWeeks` whole weeks, and for the metric itself `minEvents` events (deployments for
 * frequency and failure rate, changes for lead time) or `minIncidents` restored incidents
 * (time to restore). Then a difference smaller than `minRelativeDifference` of the baseline
 * (for the failure rate: than `minRateDifference` percentage points, as a fraction) is
 * "similar"; a larger one is "better" or "worse" in the metric's direction. These are floors
 * against reading noise as a result, not a significance test.
 */
export type ComparisonRule = {
  minServices: number;
  minWeeks: number;
  minEvents: number;
  minIncidents: number;
  minRelativeDifference: number;
  minRateDifference: number;
};

export const COMPARISON_RULE: ComparisonRule = {
  minServices: 5,
  minWeeks: 8,
  minEvents: 30,
  minIncidents: 5,
  minRelativeDifference: 0.1,
  minRateDifference: 0.05,
};

export type ComparisonVerdict = 'better' | 'worse' | 'similar';

/** A metric of the candidate (golden path, after) against the baseline (off-road, before). */
export type MetricComparison = {
  metric: CohortMetric;
  baseline: number | null;
  candidate: number | null;
  /**
   * (candidate − baseline) ÷ baseline; for the change failure rate, candidate − baseline (a
   * difference of fractions). Null when either is missing or the baseline is 0.
   */
  difference: number | null;
  /** Null when the samples are too small to say; `reason` then says which. */
  verdict: ComparisonVerdict | null;
  reason: string | null;
};

/** deployments ÷ services ÷ weeks (days ÷ 7); null when nothing was deployed. */
export function deploymentsPerServicePerWeek(
  deployments: number,
  servicesWithDeployments: number,
  days: number,
): number | null {
  if (deployments === 0 || servicesWithDeployments === 0 || days <= 0) {
    return null;
  }
  return deployments / servicesWithDeployments / (days / 7);
}

const METRIC = {
  deploymentFrequency: {
    value: (f: CohortFigures) => f.deploymentsPerServicePerWeek,
    events: (f: CohortFigures) => f.deployments,
    eventName: 'deployments',
    higherIsBetter: true,
  },
  leadTime: {
    value: (f: CohortFigures) => f.medianLeadTimeHours,
    events: (f: CohortFigures) => f.changes,
    eventName: 'changes',
    higherIsBetter: false,
  },
  changeFailureRate: {
    value: (f: CohortFigures) => f.changeFailureRate,
    events: (f: CohortFigures) => f.deployments,
    eventName: 'deployments',
    higherIsBetter: false,
  },
  timeToRestore: {
    value: (f: CohortFigures) => f.medianTimeToRestoreHours,
    events: (f: CohortFigures) => f.incidentsRestored,
    eventName: 'restored incidents',
    higherIsBetter: false,
  },
} as const;

/** Why a side is too small for `metric`, or null when it is large enough. */
function shortfall(
  side: 'baseline' | 'candidate',
  f: CohortFigures,
  metric: CohortMetric,
  rule: ComparisonRule,
): string | null {
  const m = METRIC[metric];
  const minEvents =
    metric === 'timeToRestore' ? rule.minIncidents : rule.minEvents;
  const missing: string[] = [];
  if (f.servicesWithDeployments < rule.minServices) {
    missing.push(
      `${f.servicesWithDeployments} services with deployments (needs ${rule.minServices})`,
    );
  }
  if (f.weeks < rule.minWeeks) {
    missing.push(`${f.weeks} whole weeks (needs ${rule.minWeeks})`);
  }
  if (m.events(f) < minEvents) {
    missing.push(`${m.events(f)} ${m.eventName} (needs ${minEvents})`);
  }
  return missing.length ? `${side}: ${missing.join(', ')}` : null;
}

/** One metric of `candidate` against `baseline`, under `rule`. */
export function compareMetric(
  metric: CohortMetric,
  baseline: CohortFigures,
  candidate: CohortFigures,
  rule: ComparisonRule = COMPARISON_RULE,
): MetricComparison {
  const m = METRIC[metric];
  const b = m.value(baseline);
  const c = m.value(candidate);
  const isRate = metric === 'changeFailureRate';
  let difference: number | null = null;
  if (b !== null && c !== null) {
    if (isRate) difference = c - b;
    else if (b !== 0) difference = (c - b) / b;
  }
  const reasons = [
    shortfall('baseline', baseline, metric, rule),
    shortfall('candidate', candidate, metric, rule),
  ].filter((r): r is string => r !== null);
  const base = { metric, baseline: b, candidate: c, difference };
  if (reasons.length > 0 || b === null || c === null) {
    return {
      ...base,
      verdict: null,
      reason: reasons.length ? reasons.join('; ') : 'no figure to compare',
    };
  }
  // Only a baseline of 0 leaves no relative difference (lead and restore times are positive,
  // frequencies are null at 0): equal is similar, anything above 0 is a change from nothing.
  const gap = difference ?? (c === 0 ? 0 : Number.POSITIVE_INFINITY);
  const threshold = isRate
    ? rule.minRateDifference
    : rule.minRelativeDifference;
  if (Math.abs(gap) < threshold)
    return { ...base, verdict: 'similar', reason: null };
  const improved = m.higherIsBetter ? gap > 0 : gap < 0;
  return { ...base, verdict: improved ? 'better' : 'worse', reason: null };
}

/** The four metrics of `candidate` against `baseline`. */
export function compareCohorts(
  baseline: CohortFigures,
  candidate: CohortFigures,
  rule: ComparisonRule = COMPARISON_RULE,
): MetricComparison[] {
  return COHORT_METRICS.map(metric =>
    compareMetric(metric, baseline, candidate, rule),
  );
}

/** Where a team's adoption date comes from. */
export type AdoptionDateSource = 'set' | 'first-golden-path-service';

/**
 * A team adopted the platform on the date the platform team set for it, else on the creation
 * of its first golden-path service; null with neither.
 */
export function teamAdoptionDate(
  setAt: Date | null,
  firstGoldenPathServiceAt: Date | null,
): { adoptedAt: Date; source: AdoptionDateSource } | null {
  if (setAt) return { adoptedAt: setAt, source: 'set' };
  if (firstGoldenPathServiceAt) {
    return {
      adoptedAt: firstGoldenPathServiceAt,
      source: 'first-golden-path-service',
    };
  }
  return null;
}

/**
 * The window `[from, to)` cut at the adoption: before is `[from, adoptedAt)`, after is
 * `[adoptedAt, to)`; a side that would be empty is null.
 */
export function splitAtAdoption(
  from: Date,
  to: Date,
  adoptedAt: Date,
): {
  before: { from: Date; to: Date } | null;
  after: { from: Date; to: Date } | null;
} {
  const cut = Math.min(
    Math.max(adoptedAt.getTime(), from.getTime()),
    to.getTime(),
  );
  return {
    before: cut > from.getTime() ? { from, to: new Date(cut) } : null,
    after: cut < to.getTime() ? { from: new Date(cut), to } : null,
  };
}

/** A cohort's counts as the backend aggregates them in SQL, each member over its own period. */
export type CohortTotals = {
  services: number;
  servicesWithDeployments: number;
  /** Sum of the periods (days) of the members with deployments. */
  deployedServiceDays: number;
  deployments: number;
  failedDeployments: number;
  changes: number;
  medianLeadTimeHours: number | null;
  incidentsRestored: number;
  medianTimeToRestoreHours: number | null;
};

/**
 * A cohort's figures from its totals and its period (`days` long with `weeks` whole weeks; for
 * a pool of periods, the shortest one's whole weeks). Deployment frequency per service is
 * deployments ÷ (deployed service-days ÷ 7): with one period for every member it is
 * deployments ÷ services with deployments ÷ weeks, and each member weighs by its own period
 * otherwise.
 */
export function cohortFigures(
  t: CohortTotals,
  period: { days: number; weeks: number },
): CohortFigures {
  return {
    services: t.services,
    servicesWithDeployments: t.servicesWithDeployments,
    days: period.days,
    weeks: period.weeks,
    deployments: t.deployments,
    deploymentsPerServicePerWeek:
      t.deployments === 0 || t.deployedServiceDays <= 0
        ? null
        : t.deployments / (t.deployedServiceDays / 7),
    changes: t.changes,
    medianLeadTimeHours: t.medianLeadTimeHours,
    failedDeployments: t.failedDeployments,
    changeFailureRate:
      t.deployments === 0 ? null : t.failedDeployments / t.deployments,
    incidentsRestored: t.incidentsRestored,
    medianTimeToRestoreHours: t.medianTimeToRestoreHours,
  };
}

/** A cohort's figures over a period (ISO 8601). */
export type CohortSide = CohortFigures & { from: string; to: string };

/** A team before and after it adopted the platform, within the asked window. */
export type TeamBeforeAfter = {
  team: string;
  /** Its services (repositories) and how many of them were made from a golden path. */
  services: number;
  goldenPathServices: number;
  adoptedAt: string | null;
  adoptionSource: AdoptionDateSource | null;
  /** Null when the window holds no time on that side of the adoption (or none was found). */
  before: CohortSide | null;
  after: CohortSide | null;
  /** After against before; null when a side is missing. */
  comparison: MetricComparison[] | null;
};

/** A team's adoption date as the platform team set it (`adoptedAt` null: none set). */
export type TeamAdoptionDate = {
  team: string;
  adoptedAt: string | null;
  setBy?: string;
  setAt?: string;
};

/** The answer of `GET /api/insights/cohorts`. */
export type CohortComparison = {
  scope: { group?: string };
  window: { from: string; to: string };
  rule: ComparisonRule;
  goldenPath: CohortSide;
  offRoad: CohortSide;
  /** Golden path (candidate) against off-road (baseline). */
  goldenPathAgainstOffRoad: MetricComparison[];
  /** Every team's before and after (teams that have not adopted: no sides). */
  teams: TeamBeforeAfter[];
  /**
   * Every adopted team's before pooled, against every adopted team's after, each team over its
   * own periods; `weeks` of a side is its shortest team period's whole weeks.
   */
  adoption: {
    teams: number;
    before: CohortFigures;
    after: CohortFigures;
    comparison: MetricComparison[];
  };
};
