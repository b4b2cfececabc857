import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { CheckDefinition } from '@internal/plugin-scorecards-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseScorecardStore } from '../../database/DatabaseScorecardStore';
import { EntityRecord } from '../../database/ScorecardStore';
import { GithubFactRetriever } from '../Facts/createGithubRetriever';
import { createScorecardService } from './createScorecardService';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

const PAY = 'group:default/payments-team';

function entity(name: string, repository: string | null): EntityRecord {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    kind: 'Component',
    type: 'service',
    lifecycle: 'production',
    tags: [],
    ownerRef: PAY,
    repository,
  };
}

const checks: CheckDefinition[] = [
  {
    id: 'has-codeowners',
    title: 'CODEOWNERS',
    why: 'Reviews reach the owners.',
    docs: '/docs/scorecards',
    appliesTo: {},
    level: 'bronze',
    rule: { fact: 'github.hasCodeowners', equals: true },
  },
];

describe.each(databases.eachSupportedId())(
  'webhook-driven GitHub collection on %p',
  databaseId => {
    it('re-collects the changed repository, evaluates its components only, and leaves the rest', async () => {
      const store = await DatabaseScorecardStore.create({
        database: databaseService(await databases.init(databaseId)),
      });
      const entities = [
        entity('checkout', 'acme-retail/checkout'),
        entity('checkout-worker', 'Acme-Retail/Checkout'),
        entity('web', 'acme-retail/web'),
      ];
      // what GitHub says now: CODEOWNERS was added to checkout, web still has none
      let codeowners = false;
      const asked: string[] = [];
      const github: GithubFactRetriever = {
        source: 'github',
        facts: ['github.hasCodeowners'],
        collect: async es =>
          es.map(e => ({
            entityRef: e.entityRef,
            factId: 'github.hasCodeowners',
            value: false,
            collectedAt: '2026-06-01T10:00:00.000Z',
          })),
        collectRepository: async (repository, es) => {
          asked.push(
            `${repository.fullName}@${repository.defaultBranch}: ${es
              .map(e => e.entityRef)
              .join(' ')}`,
          );
          return es.map(e => ({
            entityRef: e.entityRef,
            factId: 'github.hasCodeowners',
            value: codeowners,
            collectedAt: '2026-06-01T11:00:00.000Z',
          }));
        },
      };
      let now = new Date('2026-06-01T10:00:00Z');
      const service = createScorecardService({
        store,
        checks,
        levels: ['bronze', 'silver'],
        catalogRetriever: {
          source: 'catalog',
          facts: [],
          collect: async () => ({ entities, facts: [] }),
        },
        retrievers: [github],
        githubRetriever: github,
        userInfo: mockServices.userInfo(),
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      await service.refresh();
      const level = async (name: string) =>
        (await store.getEntity(`component:default/${name}`))?.level;
      expect(await level('checkout')).toBeNull();

      // the push webhook: checkout's two components re-read and re-evaluated, web untouched
      codeowners = true;
      now = new Date('2026-06-01T11:00:00Z');
      expect(
        await service.collectRepository({
          fullName: 'acme-retail/checkout',
          defaultBranch: 'main',
        }),
      ).toBe(2);
      expect(asked).toEqual([
        'acme-retail/checkout@main: component:default/checkout component:default/checkout-worker',
      ]);
      // bronze's one check passes, silver has none to fail (docs/decisions/scorecard-levels.md)
      expect(await level('checkout')).toBe('silver');
      expect(await level('checkout-worker')).toBe('silver');
      expect(await level('web')).toBeNull();
      expect(
        (await store.getEntity('component:default/web'))?.evaluatedAt,
      ).toBe('2026-06-01T10:00:00.000Z');
      // the team's counts follow: 2 of 3 pass CODEOWNERS
      expect(await store.checkPassRates(PAY)).toEqual([
        { checkId: 'has-codeowners', applicable: 3, passing: 2 },
      ]);

      // a repository no component names: nothing read
      expect(
        await service.collectRepository({
          fullName: 'acme-retail/unrelated',
          defaultBranch: 'main',
        }),
      ).toBe(0);
      expect(asked).toHaveLength(1);
    });
  },
);
