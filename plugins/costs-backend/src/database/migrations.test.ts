import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@internal/plugin-costs-backend',
  'migrations',
);

describe('costs migrations', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'go up and down, and refuse a negative cost or an unknown source, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const row = {
        day: '2026-03-01',
        cluster: 'eu',
        namespace: 'shop',
        kind: 'Deployment',
        name: 'checkout',
        cpu_cores: 1,
        memory_bytes: 1,
        storage_bytes: 0,
        cpu_cost: 1,
        memory_cost: 1,
        storage_cost: 0,
        total_cost: 2,
      };
      await expect(
        knex('costs_workload_days').insert({ ...row, source: 'guess' }),
      ).rejects.toThrow(/costs_workload_days_source_check/);
      await expect(
        knex('costs_workload_days').insert({
          ...row,
          source: 'requests',
          cpu_cost: -1,
        }),
      ).rejects.toThrow(/costs_workload_days_cost_check/);
      await knex('costs_workload_days').insert({ ...row, source: 'requests' });

      // the team's index with its costs (20261209), then the teams' daily sums, filled from
      // the days already collected
      const indexes = async () =>
        (
          await knex.raw(
            `SELECT indexname FROM pg_indexes WHERE tablename = 'costs_workload_days' ORDER BY 1`,
          )
        ).rows.map((r: { indexname: string }) => r.indexname);
      expect(await indexes()).toContain('costs_workload_days_owner_costs_idx');
      await knex.migrate.down({ directory });
      expect(await indexes()).toContain('costs_workload_days_owner_idx');
      expect(await indexes()).not.toContain(
        'costs_workload_days_owner_costs_idx',
      );
      await knex.migrate.down({ directory });
      expect(await knex.schema.hasTable('costs_owner_days')).toBe(false);
      await knex.migrate.up({ directory });
      expect(
        await knex('costs_owner_days').select('owner_ref', 'total_cost'),
      ).toEqual([{ owner_ref: null, total_cost: 2 }]);
      await knex.migrate.up({ directory });

      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('costs_workload_days')).toBe(false);
      expect(await knex.schema.hasTable('costs_cluster_days')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('costs_quota_days')).toBe(true);
      expect(await knex.schema.hasTable('costs_owner_days')).toBe(true);
    },
  );
});
