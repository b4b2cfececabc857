import { Colour, FactorId } from './factors';
import { ReadinessResult } from './evaluate';
import { AspectId, LevelNumber } from './maturity';
import { AssessmentSnapshot } from './history';
import { Trajectory } from './verdict';

/** Whether a group is the whole organisation or one team (its catalog `spec.type`). */
export type AssessmentScope = 'organisation' | 'team';

/** A saved assessment as the API returns it. */
export type SavedAssessment = {
  id: string;
  groupRef: string;
  groupTitle: string;
  scope: AssessmentScope;
  assessedAt: string;
  author: string;
  note: string | null;
  trajectory: Trajectory | null;
  platformTeamSize: number | null;
  /** Maturity answers per question id, null when not answered. */
  maturityAnswers: Record<string, LevelNumber> | null;
  result: ReadinessResult;
};

/** One row of a list or history: what a trend needs, aggregated in SQL. */
export type AssessmentSummary = AssessmentSnapshot & {
  groupRef: string;
  groupTitle: string;
  scope: AssessmentScope;
  author: string;
  note: string | null;
  counts: Record<Colour, number>;
  measured: FactorId[];
  maturityOverall: number | null;
};

export type AssessmentHistory = {
  groupRef: string;
  /** Oldest first. */
  assessments: AssessmentSummary[];
  lastAssessedAt: string | null;
  daysSinceLast: number | null;
  /** The last assessment is over 90 days old, or there is none. */
  stale: boolean;
};

export type { AspectId };
