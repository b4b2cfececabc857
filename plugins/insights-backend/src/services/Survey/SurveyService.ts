import { Knex } from 'knex';
import {
  mayDiscloseTeamResults,
  MIN_ANSWERS_PER_TEAM,
  npsFromCounts,
  quarterOf,
  SurveyAnswerInput,
  SurveyResult,
} from '@internal/plugin-insights-common';

export type StoredAnswer = SurveyAnswerInput & {
  quarter: string;
  answeredAt: string;
};

/** The developer satisfaction survey: one current answer per person per quarter. */
export class SurveyService {
  constructor(private readonly db: Knex) {}

  async answer(input: {
    userRef: string;
    teams: string[];
    answer: SurveyAnswerInput;
    now?: Date;
  }): Promise<StoredAnswer> {
    const now = input.now ?? new Date();
    const quarter = quarterOf(now);
    await this.db('insights_survey_answers')
      .insert({
        user_ref: input.userRef,
        quarter,
        nps: input.answer.nps,
        satisfaction: input.answer.satisfaction,
        comment: input.answer.comment?.trim() || null,
        teams: input.teams,
        answered_at: now.toISOString(),
      })
      .onConflict(['user_ref', 'quarter'])
      .merge();
    return {
      quarter,
      nps: input.answer.nps,
      satisfaction: input.answer.satisfaction,
      comment: input.answer.comment?.trim() || undefined,
      answeredAt: now.toISOString(),
    };
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
      comment: row.comment ?? undefined,
      answeredAt: new Date(row.answered_at).toISOString(),
    };
  }

  /**
   * Results of a quarter for the organisation or one team. Figures are withheld below
   * {@link MIN_ANSWERS_PER_TEAM} answers, for teams and for the organisation alike.
   */
  async results(quarter: string, group?: string): Promise<SurveyResult> {
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
    const disclosed = mayDiscloseTeamResults(answers);
    return {
      quarter,
      group,
      answers,
      disclosed,
      promoters: disclosed ? row.promoters : null,
      passives: disclosed ? row.passives : null,
      detractors: disclosed ? row.detractors : null,
      nps: disclosed
        ? npsFromCounts(row.promoters, row.detractors, answers)
        : null,
      averageSatisfaction: disclosed ? Number(row.satisfaction) : null,
    };
  }
}
