import { Knex } from 'knex';
import { SurveyAnswerRecord, SurveyCounts, SurveyStore } from './SurveyStore';

/**
 * `insights_survey_answers` and `insights_survey_comments` in PostgreSQL. Takes a client the
 * plugin's migrations have run on (see `DatabaseInsightsStore.create`).
 */
export class DatabaseSurveyStore implements SurveyStore {
  constructor(private readonly db: Knex) {}

  async saveAnswer(
    answer: SurveyAnswerRecord,
    comment?: string,
  ): Promise<void> {
    await this.db.transaction(async trx => {
      await trx('insights_survey_answers')
        .insert({
          user_ref: answer.userRef,
          quarter: answer.quarter,
          nps: answer.nps,
          satisfaction: answer.satisfaction,
          teams: answer.teams,
          answered_at: answer.answeredAt,
        })
        .onConflict(['user_ref', 'quarter'])
        .merge();
      // No author, no time, no link to the answer row: only the quarter it belongs to.
      if (comment) {
        await trx('insights_survey_comments').insert({
          quarter: answer.quarter,
          comment,
        });
      }
    });
  }

  /**
   * A comment is written in the same transaction as its author's answer, so until the
   * shuffle the rows' transaction ids (`xmin`) and their physical order pair them; after it,
   * every comment carries the same transaction id and none is where it was written.
   */
  async shuffleComments(quarters: string[]): Promise<number> {
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

  async answerOf(
    userRef: string,
    quarter: string,
  ): Promise<SurveyAnswerRecord | null> {
    const row = await this.db('insights_survey_answers')
      .where({ user_ref: userRef, quarter })
      .first();
    if (!row) return null;
    return {
      userRef,
      quarter,
      nps: row.nps,
      satisfaction: row.satisfaction,
      teams: row.teams,
      answeredAt: new Date(row.answered_at).toISOString(),
    };
  }

  async counts(quarter: string, group?: string): Promise<SurveyCounts> {
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
    return {
      answers: Number(row.answers),
      promoters: row.promoters,
      passives: row.passives,
      detractors: row.detractors,
      averageSatisfaction:
        row.satisfaction === null ? null : Number(row.satisfaction),
    };
  }

  async answerCount(quarter: string): Promise<number> {
    const [all] = await this.db('insights_survey_answers')
      .where({ quarter })
      .select(this.db.raw('count(*)::int AS answers'));
    return Number(all.answers);
  }
}
