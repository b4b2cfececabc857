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
      });
      expect(await store.counts('2025-Q1', TEAM)).toEqual({
        answers: 2,
        promoters: 1,
        passives: 1,
        detractors: 0,
        averageSatisfaction: 3.5,
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
