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

    it('fill the kept counts from the history, results and facts already stored', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      // back to before the kept counts, with two services of payments-team scored
      await knex.migrate.down({ directory });
      await knex.migrate.down({ directory });
      const PAY = 'group:default/payments-team';
      await knex('scorecard_entities').insert(
        ['a', 'b'].map(name => ({
          entity_ref: `component:default/${name}`,
          title: name,
          kind: 'Component',
          type: 'service',
          tags: '[]',
          owner_ref: PAY,
          seen_at: new Date('2026-06-01T00:00:00Z'),
        })),
      );
      await knex('scorecard_level_history').insert([
        {
          day: '2026-06-01',
          entity_ref: 'component:default/a',
          owner_ref: PAY,
          level: null,
        },
        {
          day: '2026-06-01',
          entity_ref: 'component:default/b',
          owner_ref: PAY,
          level: null,
        },
        {
          day: '2026-06-02',
          entity_ref: 'component:default/a',
          owner_ref: PAY,
          level: 'bronze',
        },
        {
          day: '2026-06-02',
          entity_ref: 'component:default/b',
          owner_ref: PAY,
          level: null,
        },
      ]);
      await knex('scorecard_results').insert(
        [
          ['a', 'pass'],
          ['b', 'fail'],
        ].map(([name, status]) => ({
          entity_ref: `component:default/${name}`,
          check_id: 'owned-by-a-team',
          level: 'bronze',
          status,
          message: 'm',
          evaluated_at: new Date('2026-06-02T00:00:00Z'),
        })),
      );
      await knex('scorecard_facts').insert(
        [
          ['a', 'goldenPath.createdFromTemplate', 'true'],
          ['a', 'goldenPath.versionsBehind', '0'],
          ['b', 'goldenPath.createdFromTemplate', 'false'],
        ].map(([name, factId, value]) => ({
          entity_ref: `component:default/${name}`,
          fact_id: factId,
          value,
          collected_at: new Date('2026-06-02T00:00:00Z'),
        })),
      );
      await knex.migrate.latest({ directory });
      const days = await knex('scorecard_level_daily_totals')
        .orderBy(['day', 'level'])
        .select('level', 'entities');
      // 1 June: 2 below bronze; 2 June: a bronze, b below
      expect(days).toEqual([
        { level: null, entities: 2 },
        { level: 'bronze', entities: 1 },
        { level: null, entities: 1 },
      ]);
      expect(
        await knex('scorecard_level_daily')
          .where({ owner_ref: PAY })
          .count('* as n'),
      ).toEqual([{ n: '3' }]);
      // a passes, b fails: 2 applicable, 1 passing
      expect(
        await knex('scorecard_check_counts').select(
          'owner_ref',
          'check_id',
          'applicable',
          'passing',
        ),
      ).toEqual([
        {
          owner_ref: PAY,
          check_id: 'owned-by-a-team',
          applicable: 2,
          passing: 1,
        },
      ]);
      // a and b have the fact; a made from a golden path, on its latest version
      expect(
        await knex('scorecard_golden_path_counts').select(
          'services',
          'from_golden_path',
          'on_latest_version',
        ),
      ).toEqual([{ services: 2, from_golden_path: 1, on_latest_version: 1 }]);
    });
  },
);
