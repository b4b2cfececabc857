import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@internal/plugin-deployments-backend',
  'migrations',
);

describe('deployments migrations', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'go up and down, and refuse a result the audit does not know, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const row = {
        id: '00000000-0000-4000-8000-000000000001',
        entity_ref: 'component:default/checkout',
        action: 'deploy',
        environment: 'dev',
        actor: 'user:default/elena.rossi',
        requested_at: new Date(),
      };
      await expect(
        knex('deployments_actions').insert({ ...row, result: 'approved' }),
      ).rejects.toThrow(/deployments_actions_result_check/);
      await knex('deployments_actions').insert({ ...row, result: 'pending' });

      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('deployments_actions')).toBe(false);
      expect(await knex.schema.hasTable('deployments_history')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('deployments_history')).toBe(true);
    },
  );
});
