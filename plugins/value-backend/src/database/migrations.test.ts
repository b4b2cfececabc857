import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();
const directory = resolvePackagePath(
  '@internal/plugin-value-backend',
  'migrations',
);

describe.each(databases.eachSupportedId())(
  'value migrations on %p',
  databaseId => {
    it('step up and down, leaving no table behind', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('value_baselines')).toBe(true);
      expect(await knex.schema.hasTable('value_baseline_events')).toBe(true);
      // the partial unique index: a second current baseline of a scope is refused
      const row = (id: string) => ({
        id,
        scope: 'organisation',
        scenario_id: '7f0c3a1e-2b4d-4c5e-8f6a-9b0c1d2e3f40',
        scenario_name: 'Case',
        scenario_version: 1,
        currency: 'EUR',
        inputs: '{}',
        start_date: '2026-01-01',
        cost_per_incident: 1,
        adopted_by: 'user:default/root',
        adopted_at: new Date(),
      });
      await knex('value_baselines').insert(
        row('00000000-0000-4000-8000-000000000001'),
      );
      await expect(
        knex('value_baselines').insert(
          row('00000000-0000-4000-8000-000000000002'),
        ),
      ).rejects.toThrow(/value_baselines_current/);
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('value_baselines')).toBe(false);
      expect(await knex.schema.hasTable('value_baseline_events')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('value_baselines')).toBe(true);
    });
  },
);
