import { DatabaseService } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseAssessmentStore } from './DatabaseAssessmentStore';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex, skip = false): DatabaseService {
  return { getClient: async () => knex, migrations: { skip } };
}

describe.each(databases.eachSupportedId())(
  'DatabaseAssessmentStore on %p',
  databaseId => {
    it('creates its tables at start and saves an assessment with its answers', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseAssessmentStore.create({
        database: databaseService(knex),
      });
      await store.insert({
        id: '00000000-0000-4000-8000-000000000001',
        groupRef: 'group:default/platform-team',
        groupTitle: 'Platform',
        scope: 'team',
        assessedAt: '2026-11-30T12:00:00.000Z',
        author: 'user:default/jonas',
        verdict: 'wait',
        trajectory: null,
        platformTeamSize: 4,
        note: null,
        answers: [
          {
            factor: 'onboardingTime',
            colour: 'yellow',
            value: 12,
            source: 'measured',
            evidence: 'Insights, last 90 days',
          },
        ],
        maturityAnswers: [],
      });

      expect(
        await store.get('00000000-0000-4000-8000-000000000001'),
      ).toMatchObject({
        groupRef: 'group:default/platform-team',
        platformTeamSize: 4,
        answers: [{ factor: 'onboardingTime', colour: 'yellow', value: 12 }],
        maturityAnswers: [],
      });
      expect(await store.latestPerGroup(10)).toMatchObject([
        {
          counts: { green: 0, yellow: 1, red: 0 },
          measured: ['onboardingTime'],
        },
      ]);
      expect(await store.delete('00000000-0000-4000-8000-000000000001')).toBe(
        true,
      );
      expect(await knex('readiness_answers').count({ n: '*' })).toEqual([
        { n: '0' },
      ]);
    });

    it('leaves the schema alone when migrations are skipped', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseAssessmentStore.create({
        database: databaseService(knex, true),
      });
      await DatabaseAssessmentStore.create({
        database: databaseService(knex),
        skipMigrations: true,
      });
      expect(await knex.schema.hasTable('readiness_assessments')).toBe(false);
    });
  },
);
