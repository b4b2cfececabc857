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

    it('counts upgrades per template and version, and finds the oldest unmerged', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseUpgradeStore.create({
        database: databaseService(knex),
      });
      // orders: open with a conflict; payments: open, clean; refunds: merged
      await store.saveOpen(upgrade);
      await store.saveOpen({
        ...upgrade,
        entityRef: 'component:default/payments',
        conflicts: [],
      });
      await store.saveOpen({
        ...upgrade,
        entityRef: 'component:default/refunds',
        conflicts: [],
      });
      await store.close('component:default/refunds', '1.1.0', 'merged');
      await knex('golden_path_upgrades')
        .where({ entity_ref: 'component:default/payments' })
        .update({ created_at: new Date('2026-01-01T00:00:00Z') });
      expect(await store.counts()).toEqual([
        // open: orders and payments = 2; merged: refunds = 1; conflicted: orders = 1
        {
          template: 'typescript-service',
          toVersion: '1.1.0',
          open: 2,
          merged: 1,
          conflicted: 1,
        },
      ]);
      const oldest = await store.oldestUnmerged();
      expect(oldest.map(u => u.entityRef)).toEqual([
        'component:default/payments',
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

    it('records a deprecation notice once per service and version', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseUpgradeStore.create({
        database: databaseService(knex),
      });
      expect(
        await store.markDeprecationNotice('Component:default/Orders', '1.1.0'),
      ).toBe(true);
      expect(
        await store.markDeprecationNotice('component:default/orders', '1.1.0'),
      ).toBe(false);
      expect(
        await store.markDeprecationNotice('component:default/orders', '1.2.0'),
      ).toBe(true);
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
      expect(
        await knex.schema.hasTable('golden_path_deprecation_notices'),
      ).toBe(false);
      await DatabaseUpgradeStore.create({ database: databaseService(knex) });
      expect(await knex.schema.hasTable('golden_path_upgrades')).toBe(true);
    });

    it('keeps one adoption per service, the latest statement replacing an inference', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseUpgradeStore.create({
        database: databaseService(knex),
      });
      expect(await store.adoption('component:default/orders')).toBeUndefined();
      await store.saveAdoption({
        entityRef: 'Component:default/Orders',
        template: 'typescript-service',
        version: '1.0.0',
        values: { name: 'orders', environments: ['dev'] },
        method: 'inferred',
        linesDiffering: 12,
        adoptedBy: 'user:default/guest',
      });
      await store.saveAdoption({
        entityRef: 'component:default/orders',
        template: 'typescript-service',
        version: '1.1.0',
        values: { name: 'orders', environments: [] },
        method: 'stated',
        adoptedBy: 'user:default/ada',
      });
      expect(await store.adoption('COMPONENT:default/orders')).toMatchObject({
        entityRef: 'component:default/orders',
        version: '1.1.0',
        values: { name: 'orders', environments: [] },
        method: 'stated',
        linesDiffering: undefined,
        adoptedBy: 'user:default/ada',
      });
      expect(await knex('golden_path_adoptions').count({ n: '*' })).toEqual([
        { n: '1' },
      ]);
    });

    it('lists the adopted services with the newest version an upgrade of each was merged to', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseUpgradeStore.create({
        database: databaseService(knex),
      });
      const adopt = (name: string) =>
        store.saveAdoption({
          entityRef: `component:default/${name}`,
          template: 'typescript-service',
          version: '1.0.0',
          values: { name },
          method: 'stated',
          adoptedBy: 'user:default/ada',
        });
      await adopt('orders');
      await adopt('payments');
      // orders: 1.1.0 merged, then 1.10.0 merged (newer than 1.9.0 by version, not by
      // text), then 2.0.0 open. payments: nothing merged. refunds: merged, not adopted.
      for (const toVersion of ['1.1.0', '1.10.0', '1.9.0']) {
        await store.saveOpen({
          ...upgrade,
          entityRef: 'component:default/orders',
          toVersion,
        });
        await store.close('component:default/orders', toVersion, 'merged');
      }
      await store.saveOpen({
        ...upgrade,
        entityRef: 'component:default/orders',
        toVersion: '2.0.0',
      });
      await store.saveOpen({
        ...upgrade,
        entityRef: 'component:default/refunds',
      });
      await store.close('component:default/refunds', '1.1.0', 'merged');

      const adopted = await store.adoptions();
      expect(
        adopted.map(a => [a.entityRef, a.version, a.mergedVersion]),
      ).toEqual([
        ['component:default/orders', '1.0.0', '1.10.0'],
        ['component:default/payments', '1.0.0', undefined],
      ]);
    });
  },
);
