import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@internal/plugin-roi-backend',
  'migrations',
);

describe('roi migrations', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'store the entity refs of earlier scenarios normalised, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({ directory, name: '20250601_scenarios.js' });
      const now = new Date();
      await knex('roi_scenarios').insert({
        id: '7d1d7d5e-8a4f-4a55-9f43-1f6f7c2f1a10',
        name: 'Before',
        inputs: JSON.stringify({}),
        owner_ref: 'user:default/Jane.Doe',
        shared_with_groups: ['group:default/Finance'],
        version: 1,
        created_at: now,
        updated_at: now,
        updated_by: 'user:default/Jane.Doe',
      });
      await knex('roi_scenario_versions').insert({
        scenario_id: '7d1d7d5e-8a4f-4a55-9f43-1f6f7c2f1a10',
        version: 1,
        name: 'Before',
        description: '',
        inputs: JSON.stringify({}),
        changed_by: 'user:default/Jane.Doe',
        changed_at: now,
        changes: JSON.stringify([]),
      });

      await knex.migrate.latest({ directory });

      expect(
        await knex('roi_scenarios').first(
          'owner_ref',
          'updated_by',
          'shared_with_groups',
        ),
      ).toEqual({
        owner_ref: 'user:default/jane.doe',
        updated_by: 'user:default/jane.doe',
        shared_with_groups: ['group:default/finance'],
      });
      expect(await knex('roi_scenario_versions').first('changed_by')).toEqual({
        changed_by: 'user:default/jane.doe',
      });
      await knex.migrate.rollback({ directory }, true);
    },
  );
});
