import {
  MIN_ANSWERS_PER_TEAM,
  npsFromCounts,
  quarterHasEnded,
  quarterOf,
  SurveyAnswerInput,
  SurveyResult,
  SurveyWithholding,
} from '@internal/plugin-insights-common';
import { SurveyStore } from '../../database/SurveyStore';

/**
 * A person's current answer as they read it back. The comment is not part of it: comments are
 * stored without their author, so no one (the author included) can read one back to a person.
 */
export type StoredAnswer = Omit<SurveyAnswerInput, 'comment'> & {
  quarter: string;
  answeredAt: string;
};

/**
 * The developer satisfaction survey: one current answer per person per quarter, comments kept
 * apart from who wrote them, and results published per closed quarter only (see
 * docs/decisions/insights-survey-anonymity.md).
 */
export class SurveyService {
  constructor(
    private readonly store: SurveyStore,
    private readonly clock: { now(): Date } = { now: () => new Date() },
  ) {}

  async answer(input: {
    userRef: string;
    teams: string[];
    answer: SurveyAnswerInput;
  }): Promise<StoredAnswer> {
    const now = this.clock.now();
    const quarter = quarterOf(now);
    const comment = input.answer.comment?.trim();
    await this.store.saveAnswer(
      {
        userRef: input.userRef,
        quarter,
        nps: input.answer.nps,
        satisfaction: input.answer.satisfaction,
        teams: input.teams,
        answeredAt: now.toISOString(),
      },
      comment || undefined,
    );
    return {
      quarter,
      nps: input.answer.nps,
      satisfaction: input.answer.satisfaction,
      answeredAt: now.toISOString(),
    };
  }

  /**
   * Rewrites the comments of the current and the previous quarter in random order, with new
   * ids, in one statement. A comment is written in the same transaction as its author's answer,
   * so until then the rows' transaction ids (`xmin`) and their physical order pair them; after
   * it, every comment carries the same transaction id and none is where it was written. Run
   * hourly by the scheduler; returns the number of comments rewritten.
   */
  async shuffleComments(): Promise<number> {
    const now = this.clock.now();
    const previous = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1),
    );
    const quarters = [quarterOf(now), quarterOf(previous)];
    return this.store.shuffleComments(quarters);
  }

  async mine(userRef: string, quarter: string): Promise<StoredAnswer | null> {
    const stored = await this.store.answerOf(userRef, quarter);
    if (!stored) return null;
    return {
      quarter,
      nps: stored.nps,
      satisfaction: stored.satisfaction,
      answeredAt: stored.answeredAt,
    };
  }

  /**
   * Results of a quarter for the organisation or one team, published only when they can no
   * longer single anyone out: the quarter has ended (its answers are final, so two readings
   * cannot be compared), it has at least {@link MIN_ANSWERS_PER_TEAM} answers, and for a team,
   * the rest of the organisation has none or at least as many (organisation − team would
   * otherwise be the others' answers). Withheld results carry no figure, not even the count.
   */
  async results(quarter: string, group?: string): Promise<SurveyResult> {
    const threshold = MIN_ANSWERS_PER_TEAM;
    const withheld = (reason: SurveyWithholding): SurveyResult => ({
      quarter,
      group,
      threshold,
      disclosed: false,
      withheld: reason,
      answers: null,
      promoters: null,
      passives: null,
      detractors: null,
      nps: null,
      averageSatisfaction: null,
    });
    if (!quarterHasEnded(quarter, this.clock.now())) {
      return withheld('quarterOpen');
    }
    const counts = await this.store.counts(quarter, group);
    const answers = counts.answers;
    if (answers < threshold) return withheld('belowThreshold');
    if (group) {
      const others = (await this.store.answerCount(quarter)) - answers;
      if (others > 0 && others < threshold) {
        return withheld('complementBelowThreshold');
      }
    }
    return {
      quarter,
      group,
      threshold,
      disclosed: true,
      withheld: null,
      answers,
      promoters: counts.promoters,
      passives: counts.passives,
      detractors: counts.detractors,
      nps: npsFromCounts(counts.promoters, counts.detractors, answers),
      averageSatisfaction: counts.averageSatisfaction,
    };
  }
}
