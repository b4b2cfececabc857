import { createPostgresTestDatabases } from '@internal/test-databases';
import { DatabaseSurveyStore } from './DatabaseSurveyStore';
import { insightsMigrations } from './migrations';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const TEAM = 'group:default/payments-team';

describe.each(databases.eachSupportedId())(
  'DatabaseSurveyStore on %p',
  databaseId => {
    it('keeps one current answer per person per quarter, and counts a team apart', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      const store = new DatabaseSurveyStore(knex);
      const answer = (user: string, nps: number, teams = [TEAM]) => ({
        userRef: `user:default/${user}`,
        quarter: '2025-Q1',
        nps,
        satisfaction: nps >= 9 ? 5 : 2,
        infrastructureShare: null,
        teams,
        answeredAt: '2025-02-01T00:00:00.000Z',
      });
      await store.saveAnswer(answer('a1', 3));
      // Answering again replaces the earlier answer of the quarter.
      await store.saveAnswer(answer('a1', 10), 'better now');
      await store.saveAnswer(answer('a2', 7));
      await store.saveAnswer(answer('a3', 2, ['group:default/other']));

      expect(await store.answerOf('user:default/a1', '2025-Q1')).toEqual(
        answer('a1', 10),
      );
      expect(await store.answerOf('user:default/a1', '2025-Q2')).toBeNull();
      expect(await store.counts('2025-Q1')).toEqual({
        answers: 3,
        promoters: 1,
        passives: 1,
        detractors: 1,
        averageSatisfaction: 3,
        infrastructureShareAnswers: 0,
        averageInfrastructureShare: null,
      });
      expect(await store.counts('2025-Q1', TEAM)).toEqual({
        answers: 2,
        promoters: 1,
        passives: 1,
        detractors: 0,
        averageSatisfaction: 3.5,
        infrastructureShareAnswers: 0,
        averageInfrastructureShare: null,
      });
      expect(await store.counts('2025-Q2')).toMatchObject({
        answers: 0,
        averageSatisfaction: null,
      });
      expect(await store.answerCount('2025-Q1')).toBe(3);
      expect(await knex('insights_survey_comments')).toEqual([
        expect.objectContaining({ quarter: '2025-Q1', comment: 'better now' }),
      ]);
      await knex.destroy();
    });
  },
);

describe.each(databases.eachSupportedId())(
  'survey counts and comments by quarter on %p',
  databaseId => {
    it('counts several quarters in one query, the infrastructure share of those who gave it', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      const store = new DatabaseSurveyStore(knex);
      const save = (
        user: string,
        quarter: string,
        nps: number,
        share: number | null,
        teams = [TEAM],
        comment?: string,
      ) =>
        store.saveAnswer(
          {
            userRef: `user:default/${user}`,
            quarter,
            nps,
            satisfaction: 4,
            infrastructureShare: share,
            teams,
            answeredAt: '2025-02-01T00:00:00.000Z',
          },
          comment,
        );
      await save('a1', '2025-Q1', 10, 40, [TEAM], 'first');
      await save('a2', '2025-Q1', 6, 20, [TEAM], 'second');
      await save('a3', '2025-Q1', 8, null);
      await save('b1', '2025-Q1', 9, 60, ['group:default/other'], 'third');
      await save('a1', '2025-Q3', 3, 10);

      const org = await store.countsByQuarter([
        '2025-Q1',
        '2025-Q2',
        '2025-Q3',
      ]);
      // 2025-Q1: 4 answers, promoters 10 and 9, passive 8, detractor 6; shares 40, 20, 60
      // (a3 left it out) → 120 ÷ 3 = 40. 2025-Q2: nobody. 2025-Q3: one detractor, share 10.
      expect(org).toEqual([
        {
          quarter: '2025-Q1',
          answers: 4,
          promoters: 2,
          passives: 1,
          detractors: 1,
          averageSatisfaction: 4,
          infrastructureShareAnswers: 3,
          averageInfrastructureShare: 40,
          organisationAnswers: 4,
          organisationInfrastructureShareAnswers: 3,
        },
        {
          quarter: '2025-Q2',
          answers: 0,
          promoters: 0,
          passives: 0,
          detractors: 0,
          averageSatisfaction: null,
          infrastructureShareAnswers: 0,
          averageInfrastructureShare: null,
          organisationAnswers: 0,
          organisationInfrastructureShareAnswers: 0,
        },
        {
          quarter: '2025-Q3',
          answers: 1,
          promoters: 0,
          passives: 0,
          detractors: 1,
          averageSatisfaction: 4,
          infrastructureShareAnswers: 1,
          averageInfrastructureShare: 10,
          organisationAnswers: 1,
          organisationInfrastructureShareAnswers: 1,
        },
      ]);
      // The team in 2025-Q1: a1, a2, a3; shares 40 and 20 → 30; the organisation beside it.
      const [team] = await store.countsByQuarter(['2025-Q1'], TEAM);
      expect(team).toMatchObject({
        answers: 3,
        infrastructureShareAnswers: 2,
        averageInfrastructureShare: 30,
        organisationAnswers: 4,
        organisationInfrastructureShareAnswers: 3,
      });

      // Comments: 3 in 2025-Q1, at most 2 sent; none in 2025-Q3.
      const comments = await store.commentsByQuarter(['2025-Q1', '2025-Q3'], 2);
      expect(
        comments.map(c => [c.quarter, c.total, c.comments.length]),
      ).toEqual([
        ['2025-Q1', 3, 2],
        ['2025-Q3', 0, 0],
      ]);
      for (const c of comments[0].comments) {
        expect(['first', 'second', 'third']).toContain(c);
      }
      await knex.destroy();
    });

    it('adds the infrastructure share column and steps down, keeping the answers', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      await knex('insights_survey_answers').insert({
        user_ref: 'user:default/a1',
        quarter: '2025-Q1',
        nps: 9,
        satisfaction: 4,
        infrastructure_share: 35,
        teams: [TEAM],
        answered_at: '2025-02-01T00:00:00Z',
      });
      await expect(
        knex('insights_survey_answers').insert({
          user_ref: 'user:default/a2',
          quarter: '2025-Q1',
          nps: 9,
          satisfaction: 4,
          infrastructure_share: 101,
          teams: [TEAM],
          answered_at: '2025-02-01T00:00:00Z',
        }),
      ).rejects.toThrow(/insights_survey_infrastructure_share_range/);
      await knex.migrate.down({
        ...insightsMigrations,
        name: '20261206_survey_infrastructure_share.js',
      });
      expect(
        Object.keys(await knex('insights_survey_answers').columnInfo()),
      ).not.toContain('infrastructure_share');
      expect(await knex('insights_survey_answers')).toHaveLength(1);
      await knex.destroy();
    });
  },
);

describe.each(databases.eachSupportedId())(
  'survey comments migration on %p',
  databaseId => {
    it('moves existing comments apart from their authors, and steps down', async () => {
      const knex = await databases.init(databaseId);
      // Up to 20261125_dora_counts.js, where answers still held their comments.
      for (let i = 0; i < 4; i++) await knex.migrate.up(insightsMigrations);
      const answers = ['a1', 'a2', 'a3'].map((user, i) => ({
        user_ref: `user:default/${user}`,
        quarter: '2025-Q1',
        nps: 9,
        satisfaction: 4,
        comment: i === 1 ? null : `comment of ${user}`,
        teams: [TEAM],
        answered_at: '2025-02-01T00:00:00Z',
      }));
      await knex('insights_survey_answers').insert(answers);

      // Up to 20261203_survey_comments_apart.js, so stepping down undoes it whatever follows.
      for (let i = 0; i < 2; i++) await knex.migrate.up(insightsMigrations);
      expect(
        Object.keys(await knex('insights_survey_answers').columnInfo()),
      ).not.toContain('comment');
      expect(await knex('insights_survey_answers')).toHaveLength(3);
      const comments = await knex('insights_survey_comments');
      expect(comments.map(c => c.comment).sort()).toEqual([
        'comment of a1',
        'comment of a3',
      ]);
      for (const c of comments) {
        expect(Object.keys(c).sort()).toEqual(['comment', 'id', 'quarter']);
      }

      await knex.migrate.down(insightsMigrations);
      expect(
        Object.keys(await knex('insights_survey_answers').columnInfo()),
      ).toContain('comment');
      expect(await knex.schema.hasTable('insights_survey_comments')).toBe(
        false,
      );
      await knex.destroy();
    });
  },
);

describe.each(databases.eachSupportedId())(
  'survey comment shuffle on %p',
  databaseId => {
    it('leaves no transaction id or position pairing a comment with its answer', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      const store = new DatabaseSurveyStore(knex);
      for (const user of ['a1', 'a2', 'a3']) {
        await store.saveAnswer(
          {
            userRef: `user:default/${user}`,
            quarter: '2026-Q4',
            nps: 9,
            satisfaction: 4,
            infrastructureShare: null,
            teams: [TEAM],
            answeredAt: '2026-11-15T10:00:00.000Z',
          },
          `said by ${user}`,
        );
      }
      const xmins = async (table: string) =>
        (await knex(table).select(knex.raw('xmin::text AS x'))).map(r => r.x);
      const commentsBefore = await knex('insights_survey_comments');
      // Written with the answer, a comment shares its transaction id: a link to remove.
      expect(await xmins('insights_survey_comments')).toEqual(
        await xmins('insights_survey_answers'),
      );

      expect(await store.shuffleComments(['2026-Q4', '2026-Q3'])).toBe(3);
      const answerXmins = new Set(await xmins('insights_survey_answers'));
      for (const x of await xmins('insights_survey_comments')) {
        expect(answerXmins.has(x)).toBe(false);
      }
      const commentsAfter = await knex('insights_survey_comments');
      expect(commentsAfter.map(c => c.comment).sort()).toEqual(
        commentsBefore.map(c => c.comment).sort(),
      );
      const idsBefore = new Set(commentsBefore.map(c => c.id));
      expect(commentsAfter.some(c => idsBefore.has(c.id))).toBe(false);
      await knex.destroy();
    });
  },
);
