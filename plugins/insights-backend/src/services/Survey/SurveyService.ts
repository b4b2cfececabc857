import { Knex } from 'knex';
import {
  MIN_ANSWERS_PER_TEAM,
  npsFromCounts,
  quarterHasEnded,
  quarterOf,
  SurveyAnswerInput,
  SurveyResult,
  SurveyWithholding,
} from '@internal/plugin-insights-common';

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
    private readonly db: Knex,
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
    await this.db.transaction(async trx => {
      await trx('insights_survey_answers')
        .insert({
          user_ref: input.userRef,
          quarter,
          nps: input.answer.nps,
          satisfaction: input.answer.satisfaction,
          teams: input.teams,
          answered_at: now.toISOString(),
        })
        .onConflict(['user_ref', 'quarter'])
        .merge();
      // No author, no time, no link to the answer row: only the quarter it belongs to.
      if (comment) {
        await trx('insights_survey_comments').insert({ quarter, comment });
      }
    });
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
    const result = await this.db.raw(
      `WITH moved AS (
         DELETE FROM insights_survey_comments WHERE quarter = ANY(?)
         RETURNING quarter, comment
       )
       INSERT INTO insights_survey_comments (quarter, comment)
         SELECT quarter, comment FROM moved ORDER BY random()`,
      [quarters],
    );
    return result.rowCount ?? 0;
  }

  async mine(userRef: string, quarter: string): Promise<StoredAnswer | null> {
    const row = await this.db('insights_survey_answers')
      .where({ user_ref: userRef, quarter })
      .first();
    if (!row) return null;
    return {
      quarter,
      nps: row.nps,
      satisfaction: row.satisfaction,
      answeredAt: new Date(row.answered_at).toISOString(),
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
    const q = this.db('insights_survey_answers')
      .where({ quarter })
      .select(
        this.db.raw('count(*)::int AS answers'),
        this.db.raw('count(*) FILTER (WHERE nps >= 9)::int AS promoters'),
        this.db.raw(
          'count(*) FILTER (WHERE nps BETWEEN 7 AND 8)::int AS passives',
        ),
        this.db.raw('count(*) FILTER (WHERE nps <= 6)::int AS detractors'),
        this.db.raw('avg(satisfaction)::float8 AS satisfaction'),
      );
    if (group) q.whereRaw('? = ANY(teams)', [group]);
    const [row] = await q;
    const answers = Number(row.answers);
    if (answers < threshold) return withheld('belowThreshold');
    if (group) {
      const [all] = await this.db('insights_survey_answers')
        .where({ quarter })
        .select(this.db.raw('count(*)::int AS answers'));
      const others = Number(all.answers) - answers;
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
      promoters: row.promoters,
      passives: row.passives,
      detractors: row.detractors,
      nps: npsFromCounts(row.promoters, row.detractors, answers),
      averageSatisfaction: Number(row.satisfaction),
    };
  }
}
