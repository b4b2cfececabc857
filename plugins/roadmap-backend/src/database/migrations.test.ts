import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();
const directory = resolvePackagePath(
  '@internal/plugin-roadmap-backend',
  'migrations',
);

describe.each(databases.eachSupportedId())(
  'roadmap migrations on %p',
  databaseId => {
    it('step up and down, leaving no table behind', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      await knex('roadmap_proposals').insert({
        id: '7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e',
        title: 'Faster CI',
        description: '',
        proposer_ref: 'user:default/alice',
        created_at: new Date('2026-12-03T10:00:00Z'),
        status: 'open',
      });
      // a phase outside seed 004's 0-3 is refused by the table itself
      await expect(
        knex('roadmap_items').insert({
          id: '00000000-0000-4000-8000-000000000000',
          title: 'x',
          description: '',
          phase: 4,
          status: 'planned',
          target_quarter: '2027-Q1',
          recommendations: '[]',
          initiatives: '[]',
          created_by: 'user:default/admin',
          created_at: new Date(),
          updated_by: 'user:default/admin',
          updated_at: new Date(),
        }),
      ).rejects.toThrow(/roadmap_items_phase_check/);
      await knex.migrate.rollback({ directory }, true);
      for (const table of [
        'roadmap_items',
        'roadmap_proposals',
        'roadmap_votes',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      await knex.migrate.latest({ directory });
      expect(await knex('roadmap_proposals').count('* as n')).toEqual([
        { n: '0' },
      ]);
    });
  },
);
