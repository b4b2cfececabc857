import { DatabaseService } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import fs from 'node:fs';
import { DatabaseInsightsStore } from './DatabaseInsightsStore';
import { insightsMigrations } from './migrations';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const patterns = { productionPattern: '^production$', incidentPattern: 'x' };

function databaseService(knex: Knex, skip = false): DatabaseService {
  return { getClient: async () => knex, migrations: { skip } };
}

describe.each(databases.eachSupportedId())(
  'DatabaseInsightsStore on %p',
  databaseId => {
    it('runs every migration once, under the table insights has always used, and hands every store the client', async () => {
      const knex = await databases.init(databaseId);
      const migrations: string[] = [];
      knex.on('query', (q: { sql: string }) => {
        if (/insert into "insights_knex_migrations"/i.test(q.sql)) {
          migrations.push(q.sql);
        }
      });
      const stores = await DatabaseInsightsStore.create({
        database: databaseService(knex),
        patterns,
      });
      const files = fs
        .readdirSync(insightsMigrations.directory)
        .filter(f => f.endsWith('.js'));
      const applied = await knex('insights_knex_migrations').select(
        'name',
        'batch',
      );
      // Every migration once, all in one batch.
      expect(applied.map(m => m.name).sort()).toEqual(files.sort());
      expect(new Set(applied.map(m => m.batch))).toEqual(new Set([1]));
      expect(migrations).toHaveLength(files.length);

      expect(await stores.survey.answerCount('2025-Q1')).toBe(0);
      expect(await stores.backfill.latestRun()).toBeUndefined();
      expect(
        await stores.dora.otherRepositoriesWithDeployments(['acme/a']),
      ).toBe(0);
      expect(
        await stores.adoption.repositoriesWithWorkflowRuns(['acme/a']),
      ).toEqual(new Set());
      await stores.github.reclassify();
      await knex.destroy();
    });

    it('leaves the schema alone when migrations are skipped', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseInsightsStore.create({
        database: databaseService(knex, true),
        patterns,
      });
      await DatabaseInsightsStore.create({
        database: databaseService(knex),
        patterns,
        skipMigrations: true,
      });
      expect(await knex.schema.hasTable('insights_deployments')).toBe(false);
      await knex.destroy();
    });
  },
);
