import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  AspectId,
  AssessmentScope,
  AssessmentSummary,
  Colour,
  FactorId,
  LevelNumber,
  Trajectory,
  Verdict,
} from '@internal/plugin-readiness-common';
import { Knex } from 'knex';
import {
  AssessmentRecord,
  AssessmentStore,
  ListFilter,
  NewAssessment,
} from './AssessmentStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-readiness-backend',
  'migrations',
);

type AssessmentRow = {
  id: string;
  group_ref: string;
  group_title: string;
  scope: AssessmentScope;
  assessed_at: Date | string;
  author_ref: string;
  verdict: Verdict;
  trajectory: Trajectory | null;
  platform_team_size: number | null;
  note: string | null;
};

type SummaryRow = AssessmentRow & {
  green: string | number;
  yellow: string | number;
  red: string | number;
  colours: Record<FactorId, Colour>;
  measured: FactorId[] | null;
  aspect_scores: Record<AspectId, string | number> | null;
  maturity_overall: string | number | null;
};

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function toSummary(row: SummaryRow): AssessmentSummary {
  return {
    id: row.id,
    groupRef: row.group_ref,
    groupTitle: row.group_title,
    scope: row.scope,
    assessedAt: iso(row.assessed_at),
    author: row.author_ref,
    note: row.note,
    verdict: row.verdict,
    trajectory: row.trajectory,
    colours: row.colours,
    counts: {
      green: Number(row.green),
      yellow: Number(row.yellow),
      red: Number(row.red),
    },
    measured: row.measured ?? [],
    aspectScores: row.aspect_scores
      ? (Object.fromEntries(
          Object.entries(row.aspect_scores).map(([k, v]) => [k, Number(v)]),
        ) as Record<AspectId, number>)
      : null,
    maturityOverall:
      row.maturity_overall === null ? null : Number(row.maturity_overall),
  };
}

/** Assessments, their factor answers and maturity answers in PostgreSQL. */
export class DatabaseAssessmentStore implements AssessmentStore {
  /** Connects to the plugin's database and brings its schema up to date (unless told to skip). */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseAssessmentStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseAssessmentStore(client);
  }

  constructor(private readonly db: Knex) {}

  /** Saves an assessment with all its answers in one transaction. */
  async insert(assessment: NewAssessment): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('readiness_assessments').insert({
        id: assessment.id,
        group_ref: assessment.groupRef,
        group_title: assessment.groupTitle,
        scope: assessment.scope,
        ...(assessment.assessedAt
          ? { assessed_at: assessment.assessedAt }
          : {}),
        author_ref: assessment.author,
        verdict: assessment.verdict,
        trajectory: assessment.trajectory,
        platform_team_size: assessment.platformTeamSize,
        note: assessment.note,
      });
      await tx('readiness_answers').insert(
        assessment.answers.map(a => ({
          assessment_id: assessment.id,
          factor: a.factor,
          colour: a.colour,
          value: a.value,
          source: a.source,
          evidence: a.evidence,
        })),
      );
      if (assessment.maturityAnswers.length > 0) {
        await tx('readiness_maturity_answers').insert(
          assessment.maturityAnswers.map(m => ({
            assessment_id: assessment.id,
            question_id: m.questionId,
            aspect: m.aspect,
            level: m.level,
          })),
        );
      }
    });
  }

  async get(id: string): Promise<AssessmentRecord | undefined> {
    const row = await this.db<AssessmentRow>('readiness_assessments')
      .where({ id })
      .first();
    if (!row) return undefined;
    const answers = await this.db('readiness_answers')
      .where({ assessment_id: id })
      .select('factor', 'colour', 'value', 'source', 'evidence');
    const maturity = await this.db('readiness_maturity_answers')
      .where({ assessment_id: id })
      .select('question_id', 'aspect', 'level');
    return {
      id: row.id,
      groupRef: row.group_ref,
      groupTitle: row.group_title,
      scope: row.scope,
      assessedAt: iso(row.assessed_at),
      author: row.author_ref,
      verdict: row.verdict,
      trajectory: row.trajectory,
      platformTeamSize: row.platform_team_size,
      note: row.note,
      answers: answers.map(a => ({
        factor: a.factor,
        colour: a.colour,
        value: a.value === null ? null : Number(a.value),
        source: a.source,
        evidence: a.evidence,
      })),
      maturityAnswers: maturity.map(m => ({
        questionId: m.question_id,
        aspect: m.aspect,
        level: Number(m.level) as LevelNumber,
      })),
    };
  }

  /**
   * Assessments with their counts per colour, colours per factor and maturity per aspect,
   * aggregated in SQL.
   */
  async list(filter: ListFilter): Promise<AssessmentSummary[]> {
    const db = this.db;
    const answerAgg = db('readiness_answers')
      .select('assessment_id')
      .select(
        db.raw(`count(*) FILTER (WHERE colour = 'green') AS green`),
        db.raw(`count(*) FILTER (WHERE colour = 'yellow') AS yellow`),
        db.raw(`count(*) FILTER (WHERE colour = 'red') AS red`),
        db.raw(`json_object_agg(factor, colour) AS colours`),
        db.raw(
          `array_agg(factor ORDER BY factor) FILTER (WHERE source = 'measured') AS measured`,
        ),
      )
      .groupBy('assessment_id')
      .as('ans');
    const aspectScores = db('readiness_maturity_answers')
      .select('assessment_id', 'aspect')
      .select(db.raw('round(avg(level)::numeric, 2) AS score'))
      .groupBy('assessment_id', 'aspect')
      .as('asp');
    const maturityAgg = db
      .from(aspectScores)
      .select('assessment_id')
      .select(
        db.raw('json_object_agg(aspect, score) AS aspect_scores'),
        db.raw('round(avg(score), 2) AS maturity_overall'),
      )
      .groupBy('assessment_id')
      .as('mat');
    const query = db('readiness_assessments as a')
      .join(answerAgg, 'ans.assessment_id', 'a.id')
      .leftJoin(maturityAgg, 'mat.assessment_id', 'a.id')
      .select(
        'a.*',
        'ans.green',
        'ans.yellow',
        'ans.red',
        'ans.colours',
        'ans.measured',
        'mat.aspect_scores',
        'mat.maturity_overall',
      )
      .orderBy([
        { column: 'a.assessed_at', order: filter.order },
        { column: 'a.id', order: filter.order },
      ])
      .limit(filter.limit);
    if (filter.groupRef) query.where('a.group_ref', filter.groupRef);
    if (filter.latestPerGroup) {
      query.whereIn(
        'a.id',
        db('readiness_assessments')
          .distinctOn('group_ref')
          .select('id')
          .orderBy([
            { column: 'group_ref' },
            { column: 'assessed_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ]),
      );
    }
    const rows: SummaryRow[] = await query;
    return rows.map(toSummary);
  }

  /** The latest assessment of every group, newest first. */
  async latestPerGroup(limit: number): Promise<AssessmentSummary[]> {
    return this.list({ latestPerGroup: true, order: 'desc', limit });
  }

  /** Deletes an assessment and its answers; false when it did not exist. */
  async delete(id: string): Promise<boolean> {
    const count = await this.db('readiness_assessments').where({ id }).delete();
    return count > 0;
  }
}
