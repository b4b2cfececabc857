/** A DORA performance band (DORA 2023 report). */
export type DoraCategory = 'elite' | 'high' | 'medium' | 'low';

/** Thresholds that decide the DORA bands. Defaults: {@link DEFAULT_DORA_THRESHOLDS}. */
export type DoraThresholds = {
  deploymentFrequency: {
    /** Deployments per week at or above this (with the deploy-days below): elite. */
    eliteDeploymentsPerWeek: number;
    /** Median deploy-days per week at or above this (with the deployments above): elite. */
    eliteDeployDaysPerWeek: number;
    /** Median deploy-days per week at or above this: high. */
    highDeployDaysPerWeek: number;
    /** Otherwise, median deploy-days per calendar month at or above this: medium. */
    mediumDeployDaysPerMonth: number;
  };
  /** Median lead time for changes, hours; strictly below each bound. */
  leadTimeHours: { elite: number; high: number; medium: number };
  /** Change failure rate as a fraction 0–1; at or below each bound. */
  changeFailureRate: { elite: number; high: number; medium: number };
  /** Median time to restore service, hours; strictly below each bound. */
  timeToRestoreHours: { elite: number; high: number; medium: number };
};

export type DeploymentFrequency = {
  deployments: number;
  deploymentsPerWeek: number;
  /** Median over the window's whole weeks of distinct days with a deployment; null without a whole week. */
  medianDeployDaysPerWeek: number | null;
  /** Median over the window's whole calendar months of distinct days with a deployment. */
  medianDeployDaysPerMonth: number | null;
  category: DoraCategory | null;
};

export type LeadTimeForChanges = {
  changes: number;
  medianHours: number | null;
  p90Hours: number | null;
  category: DoraCategory | null;
};

export type ChangeFailureRate = {
  deployments: number;
  failedDeployments: number;
  /** failedDeployments ÷ deployments, 0–1; null without deployments. */
  rate: number | null;
  category: DoraCategory | null;
};

export type TimeToRestore = {
  incidents: number;
  medianHours: number | null;
  category: DoraCategory | null;
};

/** One Monday-00:00-UTC week of the window. */
export type DoraWeek = {
  /** ISO timestamp of the Monday 00:00 UTC that starts the week. */
  weekStart: string;
  deployments: number;
  deployDays: number;
  changes: number;
  medianLeadTimeHours: number | null;
  failedDeployments: number;
  changeFailureRate: number | null;
  incidentsRestored: number;
  medianTimeToRestoreHours: number | null;
};

/** The answer of `GET /api/insights/dora`. */
/**
 * The answer of `GET /api/insights/dora/windows`: per window asked, the changes and their
 * median lead time (null for a window asked for its incidents alone) and the incidents restored
 * and their median time to restore, each as the same figure of a {@link DoraSummary} over that
 * window.
 */
export type DoraWindows = {
  scope: { entityRef?: string; group?: string; repositories: number };
  windows: Array<{
    from: string;
    to: string;
    changes: number | null;
    medianLeadTimeHours: number | null;
    incidentsRestored: number;
    medianTimeToRestoreHours: number | null;
  }>;
};

export type DoraSummary = {
  scope: { entityRef?: string; group?: string; repositories: number };
  window: {
    from: string;
    to: string;
    days: number;
    weeks: number;
    months: number;
  };
  deploymentFrequency: DeploymentFrequency;
  leadTimeForChanges: LeadTimeForChanges;
  changeFailureRate: ChangeFailureRate;
  timeToRestore: TimeToRestore;
  weekly: DoraWeek[];
};

/** A survey answer as posted by a developer. */
export type SurveyAnswerInput = {
  /** 0–10: how likely are you to recommend the platform to a colleague? */
  nps: number;
  /** 1–5: how satisfied are you with the platform? */
  satisfaction: number;
  /**
   * 0–100: the share of one's time spent on infrastructure and tooling (seed 004's context
   * switching factor); optional.
   */
  infrastructureSharePct?: number;
  comment?: string;
};

/** Why a group's survey results are not shown. */
export type SurveyWithholding =
  /** The quarter has not ended: answers can still come and change, so results could be differenced. */
  | 'quarterOpen'
  /** Fewer answers than the threshold (the count itself is withheld too). */
  | 'belowThreshold'
  /** The rest of the organisation answered fewer times than the threshold: organisation − group would show them. */
  | 'complementBelowThreshold';

/**
 * Results of a quarter for the organisation or one group. Published only once the quarter has
 * ended and with at least `threshold` answers (see docs/decisions/insights-survey-anonymity.md);
 * otherwise every figure, the number of answers included, is null.
 */
export type SurveyResult = {
  quarter: string;
  group?: string;
  /** The least number of answers for results to be shown. */
  threshold: number;
  /** True when the figures are published. */
  disclosed: boolean;
  /** Why not, when not disclosed. */
  withheld: SurveyWithholding | null;
  answers: number | null;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  nps: number | null;
  averageSatisfaction: number | null;
  /**
   * How many answered the infrastructure-and-tooling question, and their average share (0–100).
   * Withheld (null) under the same rule as the scores, counting only those who answered it.
   */
  infrastructureShareAnswers: number | null;
  averageInfrastructureSharePct: number | null;
};

/** The survey's results of several closed quarters, oldest first, for their trend. */
export type SurveyTrend = {
  group?: string;
  threshold: number;
  quarters: SurveyResult[];
};

/** A closed quarter's comments, shown under the same threshold as the scores. */
export type SurveyQuarterComments = {
  quarter: string;
  disclosed: boolean;
  withheld: SurveyWithholding | null;
  /** How many comments the quarter has; null when withheld. */
  total: number | null;
  /** The comments, at most the route's limit per quarter, in no meaningful order. */
  comments: string[];
};

/** The answer of `GET /api/insights/survey/comments`: the organisation's comments by quarter. */
export type SurveyComments = {
  threshold: number;
  quarters: SurveyQuarterComments[];
};

export type KpiId =
  | 'teamAdoption'
  | 'componentAdoption'
  | 'selfServiceCompletion'
  | 'timeToFirstDeployment'
  | 'catalogCompleteness'
  | 'nps'
  | 'satisfaction';

export type KpiValue = {
  id: KpiId;
  label: string;
  value: number | null;
  unit: 'fraction' | 'hours' | 'score';
  target: string;
  met: boolean | null;
  /** How the value was computed, shown beside it. */
  definition: string;
  numerator?: number;
  denominator?: number;
};

export type TemplateWeekUsage = {
  weekStart: string;
  template: string;
  runs: number;
};

export type AdoptionSummary = {
  group?: string;
  window: { from: string; to: string };
  kpis: KpiValue[];
  goldenPathUsage: TemplateWeekUsage[];
  components: Array<{
    entityRef: string;
    owner: string | null;
    onPlatform: boolean;
    fromGoldenPath: boolean;
    baseline: {
      owner: boolean;
      docs: boolean;
      ci: boolean;
      kubernetes: boolean;
    };
    completeness: number;
  }>;
};

export type BackfillStatus = {
  running: boolean;
  lastRun: null | {
    id: number;
    startedAt: string;
    finishedAt: string | null;
    repositoriesTotal: number;
    repositoriesDone: number;
    errors: Array<{ repository: string; message: string }>;
  };
};
