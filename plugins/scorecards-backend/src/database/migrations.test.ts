import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();
const directory = resolvePackagePath(
  '@internal/plugin-scorecards-backend',
  'migrations',
);

describe.each(databases.eachSupportedId())(
  'scorecards migrations on %p',
  databaseId => {
    it('step down and up again, keeping the scored entities', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      await knex('scorecard_entities').insert({
        entity_ref: 'component:default/checkout-service',
        title: 'Checkout',
        kind: 'Component',
        tags: '[]',
        owner_ref: 'group:default/payments-team',
        repository: 'acme-retail/checkout-service',
        seen_at: new Date('2026-06-01T00:00:00Z'),
      });
      // down one: the GitHub request totals and the organisation's daily totals go
      await knex.migrate.down({ directory });
      expect(await knex.schema.hasTable('scorecard_github_requests')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('scorecard_level_daily_totals')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('scorecard_golden_path_counts')).toBe(
        false,
      );
      // down another: the kept counts go
      await knex.migrate.down({ directory });
      expect(await knex.schema.hasTable('scorecard_level_daily')).toBe(false);
      expect(await knex.schema.hasTable('scorecard_check_counts')).toBe(false);
      // and another: the initiatives' tables go
      await knex.migrate.down({ directory });
      expect(await knex.schema.hasTable('scorecard_initiatives')).toBe(false);
      expect(await knex.schema.hasTable('scorecard_initiative_notices')).toBe(
        false,
      );
      // and another: the repository column goes, the entity stays
      await knex.migrate.down({ directory });
      expect(
        await knex.schema.hasColumn('scorecard_entities', 'repository'),
      ).toBe(false);
      expect(await knex('scorecard_entities').pluck('entity_ref')).toEqual([
        'component:default/checkout-service',
      ]);
      await knex.migrate.latest({ directory });
      expect(
        await knex('scorecard_entities').select('entity_ref', 'repository'),
      ).toEqual([
        { entity_ref: 'component:default/checkout-service', repository: null },
      ]);
      // all the way down leaves no table behind
      await knex.migrate.rollback({ directory }, true);
      for (const table of [
        'scorecard_entities',
        'scorecard_facts',
        'scorecard_waivers',
        'scorecard_waiver_audit',
        'scorecard_initiatives',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    });
  },
);
