import {
  closedQuartersBefore,
  MIN_ANSWERS_PER_TEAM,
  npsFromCounts,
  quarterHasEnded,
  quarterOf,
  SurveyAnswerInput,
  SurveyComments,
  SurveyResult,
  SurveyTrend,
  surveyWithholding,
} from '@internal/plugin-insights-common';
import { SurveyQuarterCounts, SurveyStore } from '../../database/SurveyStore';

/** At most this many comments of a quarter are sent at once. */
export const COMMENTS_PER_QUARTER = 200;

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
        infrastructureShare: input.answer.infrastructureSharePct ?? null,
        teams: input.teams,
        answeredAt: now.toISOString(),
      },
      comment || undefined,
    );
    return {
      quarter,
      nps: input.answer.nps,
      satisfaction: input.answer.satisfaction,
      ...(input.answer.infrastructureSharePct !== undefined && {
        infrastructureSharePct: input.answer.infrastructureSharePct,
      }),
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
      ...(stored.infrastructureShare !== null && {
        infrastructureSharePct: stored.infrastructureShare,
      }),
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
    const [counts] = await this.store.countsByQuarter([quarter], group);
    return this.result(counts, group);
  }

  /** The results of the `quarters` closed quarters before now, oldest first, in one query. */
  async trend(quarters: number, group?: string): Promise<SurveyTrend> {
    const closed = closedQuartersBefore(this.clock.now(), quarters);
    const counts = await this.store.countsByQuarter(closed, group);
    return {
      ...(group && { group }),
      threshold: MIN_ANSWERS_PER_TEAM,
      quarters: counts.map(c => this.result(c, group)),
    };
  }

  /**
   * The organisation's comments of the `quarters` closed quarters before now, oldest first. A
   * quarter's comments are shown under the same rule as its scores (closed, at least
   * {@link MIN_ANSWERS_PER_TEAM} answers); they carry no team, so only per organisation.
   */
  async comments(quarters: number): Promise<SurveyComments> {
    const now = this.clock.now();
    const closed = closedQuartersBefore(now, quarters);
    const [counts, rows] = await Promise.all([
      this.store.countsByQuarter(closed),
      this.store.commentsByQuarter(closed, COMMENTS_PER_QUARTER),
    ]);
    const answersOf = new Map(counts.map(c => [c.quarter, c.answers]));
    return {
      threshold: MIN_ANSWERS_PER_TEAM,
      quarters: rows.map(row => {
        const withheld = surveyWithholding({
          quarterEnded: quarterHasEnded(row.quarter, now),
          answers: answersOf.get(row.quarter) ?? 0,
        });
        return withheld
          ? {
              quarter: row.quarter,
              disclosed: false,
              withheld,
              total: null,
              comments: [],
            }
          : {
              quarter: row.quarter,
              disclosed: true,
              withheld: null,
              total: row.total,
              comments: row.comments,
            };
      }),
    };
  }

  /**
   * A quarter's results for the organisation or one team, published only when they can no
   * longer single anyone out: the quarter has ended (its answers are final, so two readings
   * cannot be compared), it has at least {@link MIN_ANSWERS_PER_TEAM} answers, and for a team,
   * the rest of the organisation has none or at least as many (organisation − team would
   * otherwise be the others' answers). Withheld results carry no figure, not even the count.
   * The infrastructure-and-tooling share follows the same rule counting only those who answered
   * that question, so a question few answered cannot single them out either.
   */
  private result(counts: SurveyQuarterCounts, group?: string): SurveyResult {
    const { quarter } = counts;
    const threshold = MIN_ANSWERS_PER_TEAM;
    const quarterEnded = quarterHasEnded(quarter, this.clock.now());
    const withheld = surveyWithholding({
      quarterEnded,
      answers: counts.answers,
      othersAnswers: group
        ? counts.organisationAnswers - counts.answers
        : undefined,
      threshold,
    });
    if (withheld) {
      return {
        quarter,
        group,
        threshold,
        disclosed: false,
        withheld,
        answers: null,
        promoters: null,
        passives: null,
        detractors: null,
        nps: null,
        averageSatisfaction: null,
        infrastructureShareAnswers: null,
        averageInfrastructureSharePct: null,
      };
    }
    const infraShown =
      surveyWithholding({
        quarterEnded,
        answers: counts.infrastructureShareAnswers,
        othersAnswers: group
          ? counts.organisationInfrastructureShareAnswers -
            counts.infrastructureShareAnswers
          : undefined,
        threshold,
      }) === null;
    return {
      quarter,
      group,
      threshold,
      disclosed: true,
      withheld: null,
      answers: counts.answers,
      promoters: counts.promoters,
      passives: counts.passives,
      detractors: counts.detractors,
      nps: npsFromCounts(counts.promoters, counts.detractors, counts.answers),
      averageSatisfaction: counts.averageSatisfaction,
      infrastructureShareAnswers: infraShown
        ? counts.infrastructureShareAnswers
        : null,
      averageInfrastructureSharePct: infraShown
        ? counts.averageInfrastructureShare
        : null,
    };
  }
}
