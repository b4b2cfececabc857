import { SurveyWithholding } from './types';

/** Per-team results are shown only from this many answers up, so no one is identifiable. */
export const MIN_ANSWERS_PER_TEAM = 5;

export type NpsBreakdown = {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors, from −100 to 100; null without answers. */
  nps: number | null;
};

/** Promoters score 9–10, passives 7–8, detractors 0–6. */
export function npsGroup(score: number): 'promoter' | 'passive' | 'detractor' {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** NPS = % promoters − % detractors. */
export function npsFromCounts(
  promoters: number,
  detractors: number,
  answers: number,
): number | null {
  if (answers === 0) return null;
  return (promoters / answers) * 100 - (detractors / answers) * 100;
}

/** Net Promoter Score of a list of 0–10 answers. */
export function netPromoterScore(scores: ReadonlyArray<number>): NpsBreakdown {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const score of scores) {
    const group = npsGroup(score);
    if (group === 'promoter') promoters += 1;
    else if (group === 'passive') passives += 1;
    else detractors += 1;
  }
  return {
    answers: scores.length,
    promoters,
    passives,
    detractors,
    nps: npsFromCounts(promoters, detractors, scores.length),
  };
}

/** The survey quarter of a date (UTC), e.g. `2025-Q3`. */
export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** `[from, to)` of a quarter such as `2025-Q3`, or undefined when malformed. */
export function quarterRange(
  quarter: string,
): { from: Date; to: Date } | undefined {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) return undefined;
  const year = Number(match[1]);
  const q = Number(match[2]);
  return {
    from: new Date(Date.UTC(year, (q - 1) * 3, 1)),
    to: new Date(Date.UTC(year, q * 3, 1)),
  };
}

/** Whether a team's results may be shown. */
export function mayDiscloseTeamResults(answers: number): boolean {
  return answers >= MIN_ANSWERS_PER_TEAM;
}

/** Whether `quarter` (e.g. `2025-Q3`) has ended at `now`: its answers can no longer change. */
export function quarterHasEnded(quarter: string, now: Date): boolean {
  const range = quarterRange(quarter);
  return range !== undefined && now.getTime() >= range.to.getTime();
}

/**
 * Whether a quarter's figures may be shown, and why not (see
 * docs/decisions/insights-survey-anonymity.md): the quarter has ended, at least `threshold`
 * answers are counted, and, for a group, the rest of the organisation has none or at least
 * `threshold` (organisation − group would otherwise be theirs). Null when they may be shown.
 * The same rule applies to the scores, to a question some skipped (counting only those who
 * answered it) and to the comments.
 */
export function surveyWithholding(options: {
  quarterEnded: boolean;
  answers: number;
  /** The rest of the organisation's answers, for a group; undefined for the organisation. */
  othersAnswers?: number;
  threshold?: number;
}): SurveyWithholding | null {
  const threshold = options.threshold ?? MIN_ANSWERS_PER_TEAM;
  if (!options.quarterEnded) return 'quarterOpen';
  if (options.answers < threshold) return 'belowThreshold';
  const others = options.othersAnswers;
  if (others !== undefined && others > 0 && others < threshold) {
    return 'complementBelowThreshold';
  }
  return null;
}

/** The `count` quarters that ended last before `now`, oldest first (e.g. 2025-Q1 … 2025-Q4). */
export function closedQuartersBefore(now: Date, count: number): string[] {
  const quarters: string[] = [];
  const firstMonthOfCurrent = Math.floor(now.getUTCMonth() / 3) * 3;
  for (let back = count; back >= 1; back -= 1) {
    quarters.push(
      quarterOf(
        new Date(
          Date.UTC(now.getUTCFullYear(), firstMonthOfCurrent - 3 * back, 1),
        ),
      ),
    );
  }
  return quarters;
}

/**
 * Seed 004's "context switching" factor ("Is your team ready for platform engineering?"):
 * developers spending 30%+ of their time on infrastructure, tooling and DevOps work is a green
 * light for a platform; 80%+ of their time on product features (20% or less on infrastructure)
 * says it is too early; in between, time is split.
 */
export type ContextSwitchingReading =
  | 'platformNeeded'
  | 'split'
  | 'productFocused';

export function contextSwitchingReading(
  averageInfrastructureSharePct: number | null,
): ContextSwitchingReading | null {
  if (averageInfrastructureSharePct === null) return null;
  if (averageInfrastructureSharePct >= 30) return 'platformNeeded';
  if (averageInfrastructureSharePct <= 20) return 'productFocused';
  return 'split';
}

/** The seed's words for each reading. */
export const CONTEXT_SWITCHING_WORDS: Record<ContextSwitchingReading, string> =
  {
    platformNeeded:
      'Developers spend 30%+ of their time on infrastructure, tooling, and DevOps work',
    split: 'Developers split time between product and infrastructure work',
    productFocused: 'Developers spend 80%+ of their time on product features',
  };
