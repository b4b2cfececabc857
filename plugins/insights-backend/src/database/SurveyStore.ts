/** A person's answer for a quarter, as stored; the comment is kept apart from it. */
export type SurveyAnswerRecord = {
  userRef: string;
  quarter: string;
  nps: number;
  satisfaction: number;
  /** 0–100, the share of time on infrastructure and tooling; null when not answered. */
  infrastructureShare: number | null;
  /** The groups the person belonged to when answering. */
  teams: string[];
  answeredAt: string;
};

/** A quarter's answers counted, for the organisation or one team. */
export type SurveyCounts = {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Average satisfaction; null without answers. */
  averageSatisfaction: number | null;
  /** Answers with the infrastructure-and-tooling share, and its average (null without any). */
  infrastructureShareAnswers: number;
  averageInfrastructureShare: number | null;
};

/** A quarter's counts for the scope asked, and the organisation's, to judge the complement. */
export type SurveyQuarterCounts = SurveyCounts & {
  quarter: string;
  organisationAnswers: number;
  organisationInfrastructureShareAnswers: number;
};

/** A quarter's comments: how many, and the first `limit` of them in id (random) order. */
export type SurveyQuarterCommentRows = {
  quarter: string;
  total: number;
  comments: string[];
};

/** The survey's answers and comments. */
export interface SurveyStore {
  /**
   * Stores a person's answer for its quarter, replacing an earlier one of that quarter, and
   * the comment (if any) with no author, no time and no link to the answer, in one transaction.
   */
  saveAnswer(answer: SurveyAnswerRecord, comment?: string): Promise<void>;
  /** A person's answer for a quarter, or null. */
  answerOf(
    userRef: string,
    quarter: string,
  ): Promise<SurveyAnswerRecord | null>;
  /** The quarter's answers counted, of one team's members when `group` is given. */
  counts(quarter: string, group?: string): Promise<SurveyCounts>;
  /** How many people answered in the quarter, whatever their team. */
  answerCount(quarter: string): Promise<number>;
  /**
   * The counts of several quarters in one query, of one team's members when `group` is given,
   * with the organisation's beside them; a quarter without answers counts zero.
   */
  countsByQuarter(
    quarters: string[],
    group?: string,
  ): Promise<SurveyQuarterCounts[]>;
  /** The comments of several quarters, at most `limit` each, with each quarter's total. */
  commentsByQuarter(
    quarters: string[],
    limit: number,
  ): Promise<SurveyQuarterCommentRows[]>;
  /**
   * Rewrites the comments of these quarters in random order, with new ids, in one statement;
   * returns the number of comments rewritten.
   */
  shuffleComments(quarters: string[]): Promise<number>;
}
