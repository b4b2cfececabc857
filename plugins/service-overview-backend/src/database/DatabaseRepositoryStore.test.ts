import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseRepositoryStore } from './DatabaseRepositoryStore';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex, skip = false): DatabaseService {
  return { getClient: async () => knex, migrations: { skip } };
}

const repository = {
  organization: 'acme-retail',
  name: 'checkout',
  url: 'https://github.com/acme-retail/checkout',
  pushedAt: '2026-11-20T10:00:00.000Z',
  archived: false,
  inCatalog: false,
  likelyOwner: 'group:default/payments',
  likelyOwnerSource: 'codeowners' as const,
};

describe.each(databases.eachSupportedId())(
  'DatabaseRepositoryStore on %p',
  databaseId => {
    it('creates its tables at start, and answers from them', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRepositoryStore.create({
        database: databaseService(knex),
      });
      await store.replaceOrganization('acme-retail', [
        repository,
        { ...repository, name: 'catalog-info', inCatalog: true },
      ]);

      expect(await store.counts(['acme-retail'])).toMatchObject({
        repositories: 2,
        covered: 1,
      });
      expect(
        await store.uncatalogued({
          organizations: ['acme-retail'],
          offset: 0,
          limit: 10,
        }),
      ).toMatchObject({
        totalItems: 1,
        items: [{ name: 'checkout', likelyOwner: 'group:default/payments' }],
      });
      expect((await store.knownOwners('acme-retail')).get('checkout')).toEqual({
        pushedAt: '2026-11-20T10:00:00.000Z',
        owner: { entityRef: 'group:default/payments', source: 'codeowners' },
      });
    });

    it('keeps the migration table of databases the plugin migrated before', async () => {
      const knex = await databases.init(databaseId);
      // as plugin.ts migrated before the store ran the migrations itself
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@internal/plugin-service-overview-backend',
          'migrations',
        ),
        tableName: 'service_overview_knex_migrations',
      });
      await knex('service_overview_repositories').insert({
        organization: 'acme-retail',
        name: 'checkout',
        url: repository.url,
        in_catalog: false,
      });

      const store = await DatabaseRepositoryStore.create({
        database: databaseService(knex),
      });

      expect(await store.counts(['acme-retail'])).toMatchObject({
        repositories: 1,
      });
    });

    it('leaves the schema alone when migrations are skipped', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseRepositoryStore.create({
        database: databaseService(knex, true),
      });
      expect(await knex.schema.hasTable('service_overview_repositories')).toBe(
        false,
      );
      await DatabaseRepositoryStore.create({
        database: databaseService(knex),
        skipMigrations: true,
      });
      expect(await knex.schema.hasTable('service_overview_repositories')).toBe(
        false,
      );
    });
  },
);
