import { DatabaseService } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseUpgradeStore } from './DatabaseUpgradeStore';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

const upgrade = {
  entityRef: 'Component:default/Orders',
  template: 'typescript-service',
  fromVersion: '1.0.0',
  toVersion: '1.1.0',
  host: 'local' as const,
  repository: 'orders',
  branch: 'golden-path-upgrade/typescript-service',
  commitSha: 'a'.repeat(40),
  conflicts: ['src/config.ts'],
};

describe.each(databases.eachSupportedId())(
  'DatabaseUpgradeStore on %p',
  databaseId => {
    it('keeps one open upgrade per service: a newer version supersedes the older', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseUpgradeStore.create({
        database: databaseService(knex),
      });
      await store.saveOpen(upgrade);
      expect(await store.open('component:default/orders')).toMatchObject({
        entityRef: 'component:default/orders',
        toVersion: '1.1.0',
        state: 'open',
        conflicts: ['src/config.ts'],
      });

      // A re-run for the same version updates the row.
      await store.saveOpen({
        ...upgrade,
        conflicts: [],
        commitSha: 'b'.repeat(40),
      });
      expect(await store.list()).toHaveLength(1);
      expect((await store.open(upgrade.entityRef))?.conflicts).toEqual([]);

      await store.saveOpen({
        ...upgrade,
        toVersion: '1.2.0',
        pullRequestNumber: 7,
      });
      const all = await store.list({ entityRef: upgrade.entityRef });
      expect(all.map(u => [u.toVersion, u.state])).toEqual([
        ['1.2.0', 'open'],
        ['1.1.0', 'superseded'],
      ]);
    });

    it('remembers a merged or declined upgrade', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseUpgradeStore.create({
        database: databaseService(knex),
      });
      await store.saveOpen(upgrade);
      await store.close(upgrade.entityRef, '1.1.0', 'closed');
      const declined = await store.get(upgrade.entityRef, '1.1.0');
      expect(declined).toMatchObject({ state: 'closed' });
      expect(declined?.closedAt).toEqual(expect.any(String));
      expect(await store.open(upgrade.entityRef)).toBeUndefined();
    });

    it('refuses a state outside the four it knows', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseUpgradeStore.create({ database: databaseService(knex) });
      await expect(
        knex('golden_path_upgrades').insert({
          entity_ref: 'component:default/x',
          template: 't',
          from_version: '1.0.0',
          to_version: '1.1.0',
          host: 'local',
          repository: 'x',
          branch: 'b',
          state: 'maybe',
        }),
      ).rejects.toThrow(/golden_path_upgrades_state/);
    });

    it('migrates down and up again', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseUpgradeStore.create({ database: databaseService(knex) });
      await knex.migrate.rollback(
        {
          tableName: 'golden_path_upgrades_knex_migrations',
          directory: `${__dirname}/../../migrations`,
        },
        true,
      );
      expect(await knex.schema.hasTable('golden_path_upgrades')).toBe(false);
      await DatabaseUpgradeStore.create({ database: databaseService(knex) });
      expect(await knex.schema.hasTable('golden_path_upgrades')).toBe(true);
    });
  },
);
