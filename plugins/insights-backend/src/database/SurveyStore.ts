/** A person's answer for a quarter, as stored; the comment is kept apart from it. */
export type SurveyAnswerRecord = {
  userRef: string;
  quarter: string;
  nps: number;
  satisfaction: number;
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
   * Rewrites the comments of these quarters in random order, with new ids, in one statement;
   * returns the number of comments rewritten.
   */
  shuffleComments(quarters: string[]): Promise<number>;
}
