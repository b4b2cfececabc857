import { Knex } from 'knex';
import {
  SurveyAnswerRecord,
  SurveyCounts,
  SurveyQuarterCommentRows,
  SurveyQuarterCounts,
  SurveyStore,
} from './SurveyStore';

/** The columns of the counts, for one scope; `scope` is a SQL condition on the answer row. */
const COUNT_COLUMNS = (scope: string) => `
  count(*) FILTER (WHERE ${scope})::int AS answers,
  count(*) FILTER (WHERE ${scope} AND nps >= 9)::int AS promoters,
  count(*) FILTER (WHERE ${scope} AND nps BETWEEN 7 AND 8)::int AS passives,
  count(*) FILTER (WHERE ${scope} AND nps <= 6)::int AS detractors,
  (avg(satisfaction) FILTER (WHERE ${scope}))::float8 AS satisfaction,
  count(infrastructure_share) FILTER (WHERE ${scope})::int AS infra_answers,
  (avg(infrastructure_share) FILTER (WHERE ${scope}))::float8 AS infra_share`;

type CountRow = {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  satisfaction: number | null;
  infra_answers: number;
  infra_share: number | null;
};

const nullableNumber = (v: unknown) => (v === null ? null : Number(v));

function toCounts(row: CountRow): SurveyCounts {
  return {
    answers: Number(row.answers),
    promoters: Number(row.promoters),
    passives: Number(row.passives),
    detractors: Number(row.detractors),
    averageSatisfaction: nullableNumber(row.satisfaction),
    infrastructureShareAnswers: Number(row.infra_answers),
    averageInfrastructureShare: nullableNumber(row.infra_share),
  };
}

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
          infrastructure_share: answer.infrastructureShare,
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
      infrastructureShare: row.infrastructure_share ?? null,
      teams: row.teams,
      answeredAt: new Date(row.answered_at).toISOString(),
    };
  }

  async counts(quarter: string, group?: string): Promise<SurveyCounts> {
    const [row] = await this.countsByQuarter([quarter], group);
    return {
      answers: row.answers,
      promoters: row.promoters,
      passives: row.passives,
      detractors: row.detractors,
      averageSatisfaction: row.averageSatisfaction,
      infrastructureShareAnswers: row.infrastructureShareAnswers,
      averageInfrastructureShare: row.averageInfrastructureShare,
    };
  }

  async countsByQuarter(
    quarters: string[],
    group?: string,
  ): Promise<SurveyQuarterCounts[]> {
    // An empty quarter joins one row of NULLs: count only real answers.
    const scope = group
      ? 'a.quarter IS NOT NULL AND ? = ANY(a.teams)'
      : 'a.quarter IS NOT NULL';
    const bindings = group ? Array(7).fill(group) : [];
    const result = await this.db.raw(
      `SELECT q.quarter, ${COUNT_COLUMNS(scope)},
              count(a.quarter)::int AS organisation_answers,
              count(a.infrastructure_share)::int AS organisation_infra_answers
         FROM unnest(?::text[]) AS q(quarter)
         LEFT JOIN insights_survey_answers a ON a.quarter = q.quarter
        GROUP BY q.quarter
        ORDER BY q.quarter`,
      [...bindings, quarters],
    );
    return (
      result.rows as Array<
        CountRow & {
          quarter: string;
          organisation_answers: number;
          organisation_infra_answers: number;
        }
      >
    ).map(row => ({
      quarter: row.quarter,
      ...toCounts(row),
      organisationAnswers: Number(row.organisation_answers),
      organisationInfrastructureShareAnswers: Number(
        row.organisation_infra_answers,
      ),
    }));
  }

  async commentsByQuarter(
    quarters: string[],
    limit: number,
  ): Promise<SurveyQuarterCommentRows[]> {
    const result = await this.db.raw(
      `SELECT q.quarter,
              count(c.comment)::int AS total,
              coalesce(
                (array_agg(c.comment ORDER BY c.id) FILTER (WHERE c.comment IS NOT NULL))[1:?::int],
                '{}'
              ) AS comments
         FROM unnest(?::text[]) AS q(quarter)
         LEFT JOIN insights_survey_comments c ON c.quarter = q.quarter
        GROUP BY q.quarter
        ORDER BY q.quarter`,
      [limit, quarters],
    );
    return (
      result.rows as Array<{
        quarter: string;
        total: number;
        comments: string[];
      }>
    ).map(row => ({
      quarter: row.quarter,
      total: Number(row.total),
      comments: row.comments,
    }));
  }

  async answerCount(quarter: string): Promise<number> {
    const [all] = await this.db('insights_survey_answers')
      .where({ quarter })
      .select(this.db.raw('count(*)::int AS answers'));
    return Number(all.answers);
  }
}
