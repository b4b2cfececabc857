import {
  AnswerSource,
  AspectId,
  AssessmentScope,
  AssessmentSummary,
  Colour,
  FactorId,
  LevelNumber,
  Trajectory,
  Verdict,
} from '@internal/plugin-readiness-common';

/** An assessment as stored: its answers, not its derived result. */
export type AssessmentRecord = {
  id: string;
  groupRef: string;
  groupTitle: string;
  scope: AssessmentScope;
  assessedAt: string;
  author: string;
  verdict: Verdict;
  trajectory: Trajectory | null;
  platformTeamSize: number | null;
  note: string | null;
  answers: Array<{
    factor: FactorId;
    colour: Colour;
    value: number | null;
    source: AnswerSource;
    evidence: string | null;
  }>;
  maturityAnswers: Array<{
    questionId: string;
    aspect: AspectId;
    level: LevelNumber;
  }>;
};

export type NewAssessment = Omit<AssessmentRecord, 'assessedAt'> & {
  assessedAt?: string;
};

export type ListFilter = {
  groupRef?: string;
  /** Only the newest assessment of each group. */
  latestPerGroup?: boolean;
  order: 'asc' | 'desc';
  limit: number;
};

/** Saved assessments; the only place the readiness plugin speaks SQL. */
export interface AssessmentStore {
  /** Saves an assessment with all its answers in one transaction. */
  insert(assessment: NewAssessment): Promise<void>;
  get(id: string): Promise<AssessmentRecord | undefined>;
  /** Assessments with their counts per colour, colours per factor and maturity per aspect. */
  list(filter: ListFilter): Promise<AssessmentSummary[]>;
  /** The latest assessment of every group, newest first. */
  latestPerGroup(limit: number): Promise<AssessmentSummary[]>;
  /** Deletes an assessment and its answers; false when it did not exist. */
  delete(id: string): Promise<boolean>;
}
