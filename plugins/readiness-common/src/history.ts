import { Colour, FactorId, factors } from './factors';
import { AspectId, aspectIds } from './maturity';
import { Verdict, Trajectory } from './verdict';

/** The seed's cadence is a quarter; an assessment older than this many days is due again. */
export const STALE_AFTER_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days elapsed between two instants (rounded down). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** Whether the last assessment is over 90 days old (none at all also counts as due). */
export function isStale(lastAssessedAt: Date | null, now: Date): boolean {
  if (!lastAssessedAt) return true;
  return daysBetween(lastAssessedAt, now) > STALE_AFTER_DAYS;
}

/** What lists, trends and comparisons need of an assessment. */
export type AssessmentSnapshot = {
  id: string;
  assessedAt: string;
  verdict: Verdict;
  trajectory: Trajectory | null;
  colours: Record<FactorId, Colour>;
  /** Maturity per aspect, null when the questionnaire was not answered. */
  aspectScores: Record<AspectId, number> | null;
};

export type FactorChange = {
  factor: FactorId;
  before: Colour;
  after: Colour;
  changed: boolean;
};

export type AspectChange = {
  aspect: AspectId;
  before: number | null;
  after: number | null;
  /** after − before, two decimals; null when either side has no maturity answers. */
  delta: number | null;
};

export type AssessmentComparison = {
  before: { id: string; assessedAt: string; verdict: Verdict };
  after: { id: string; assessedAt: string; verdict: Verdict };
  verdictChanged: boolean;
  factors: FactorChange[];
  aspects: AspectChange[];
  daysApart: number;
};

/** Differences between two assessments; the older one is `before`. */
export function compareAssessments(
  a: AssessmentSnapshot,
  b: AssessmentSnapshot,
): AssessmentComparison {
  const [before, after] =
    new Date(a.assessedAt).getTime() <= new Date(b.assessedAt).getTime()
      ? [a, b]
      : [b, a];
  return {
    before: {
      id: before.id,
      assessedAt: before.assessedAt,
      verdict: before.verdict,
    },
    after: {
      id: after.id,
      assessedAt: after.assessedAt,
      verdict: after.verdict,
    },
    verdictChanged: before.verdict !== after.verdict,
    factors: factors.map(f => ({
      factor: f.id,
      before: before.colours[f.id],
      after: after.colours[f.id],
      changed: before.colours[f.id] !== after.colours[f.id],
    })),
    aspects: aspectIds.map(aspect => {
      const x = before.aspectScores?.[aspect] ?? null;
      const y = after.aspectScores?.[aspect] ?? null;
      return {
        aspect,
        before: x,
        after: y,
        // On hundredths, so that 2.67 − 1.33 is 1.34 and not 1.3399999.
        delta:
          x === null || y === null
            ? null
            : (Math.round(y * 100) - Math.round(x * 100)) / 100,
      };
    }),
    daysApart: daysBetween(
      new Date(before.assessedAt),
      new Date(after.assessedAt),
    ),
  };
}
