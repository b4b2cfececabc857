import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import { DatabaseCostStore } from './database/DatabaseCostStore';
import { costsPlugin } from './plugin';
import { NO_CLUSTER_MESSAGE } from './services/Costs/createCostService';
import { component, PRICES } from './__testUtils__/fixtures';

jest.setTimeout(120_000);

const clusterConfig = {
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'eu-1',
            url: 'http://127.0.0.1:1',
            authProvider: 'serviceAccount',
            serviceAccountToken: 'token',
          },
        ],
      },
    ],
  },
  costs: { prices: PRICES },
};

describe.each(createPostgresTestDatabases().eachSupportedId())(
  'the costs plugin on %p',
  databaseId => {
    const databases = createPostgresTestDatabases();

    async function start(options: {
      config?: object;
      permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    }) {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          costsPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: options.config ?? {} }),
          mockServices.permissions.factory({
            result: options.permission ?? AuthorizeResult.DENY,
          }),
          catalogServiceMock.factory({
            entities: [component('checkout', 'payments-team')],
          }),
        ],
      });
      return { server, knex };
    }

    it('says in words that no cluster is connected, and shows no figure', async () => {
      const { server } = await start({});
      const overview = await request(server)
        .get('/api/costs/overview?from=2026-03-01&to=2026-04-01')
        .set('authorization', mockCredentials.user.header());
      expect(overview.status).toBe(200);
      expect(overview.body).toMatchObject({
        connection: {
          connected: false,
          clusters: [],
          message: NO_CLUSTER_MESSAGE,
        },
        total: null,
        teams: [],
        coverage: { daysWithData: 0, daysInWindow: 31 },
      });
      const period = await request(server)
        .get('/api/costs/period?quarter=2026-Q1')
        .set('authorization', mockCredentials.service.header());
      expect(period.status).toBe(200);
      expect(period.body).toMatchObject({
        scope: 'organisation',
        quarter: '2026-Q1',
        from: '2026-01-01',
        to: '2026-04-01',
        total: null,
        coverage: { daysWithData: 0, daysInWindow: 90 },
        connection: { connected: false, message: NO_CLUSTER_MESSAGE },
      });
    });

    it('answers every route only with credentials', async () => {
      const { server } = await start({});
      for (const path of [
        '/api/costs/overview?from=2026-03-01&to=2026-04-01',
        '/api/costs/team?teamRef=payments-team&from=2026-03-01&to=2026-04-01',
        '/api/costs/entity?entityRef=checkout&from=2026-03-01&to=2026-04-01',
        '/api/costs/period?quarter=2026-Q1',
      ]) {
        const response = await request(server)
          .get(path)
          .set('authorization', mockCredentials.none.header());
        expect(response.status).toBe(401);
      }
      const collect = await request(server)
        .post('/api/costs/collect')
        .set('authorization', mockCredentials.none.header());
      expect(collect.status).toBe(401);
    });

    it('serves what was collected per service, per team and per quarter, with its coverage', async () => {
      const { server, knex } = await start({ config: clusterConfig });
      const store = new DatabaseCostStore(knex);
      const workload = {
        namespace: 'payments',
        kind: 'Deployment',
        name: 'checkout',
        entityRef: 'component:default/checkout',
        ownerRef: 'group:default/payments-team',
        cpuCores: 0.75,
        memoryBytes: 1.5 * 1024 ** 3,
        storageBytes: 0,
        cost: { cpu: 0.72, memory: 0.18, storage: 0, total: 0.9 },
      };
      for (const day of ['2026-03-30', '2026-03-31', '2026-04-01']) {
        await store.replaceClusterDay({
          day,
          cluster: 'eu-1',
          source: 'requests',
          currency: 'EUR',
          workloads: [workload],
          quotas: [],
        });
      }
      const user = mockCredentials.user.header();

      const entity = await request(server)
        .get(
          '/api/costs/entity?entityRef=component:default/checkout&from=2026-03-01&to=2026-04-01',
        )
        .set('authorization', user);
      expect(entity.status).toBe(200);
      expect(entity.body).toMatchObject({
        connection: { connected: true, clusters: ['eu-1'] },
        currency: 'EUR',
        entityRef: 'component:default/checkout',
        coverage: { daysWithData: 2, daysInWindow: 31 },
        daily: [
          { day: '2026-03-30', total: 0.9 },
          { day: '2026-03-31', total: 0.9 },
        ],
      });
      expect(entity.body.total.total).toBeCloseTo(1.8, 10);

      const team = await request(server)
        .get(
          '/api/costs/team?teamRef=payments-team&from=2026-03-01&to=2026-04-01',
        )
        .set('authorization', user);
      expect(team.body.teamRef).toBe('group:default/payments-team');
      expect(team.body.services).toEqual([
        {
          entityRef: 'component:default/checkout',
          cost: expect.objectContaining({ total: expect.closeTo(1.8, 10) }),
        },
      ]);

      // Q1 2026 has 90 days, of which 2 were collected: 2 × 0.90
      const q1 = await request(server)
        .get(
          '/api/costs/period?quarter=2026-Q1&teamRef=group:default/payments-team',
        )
        .set('authorization', user);
      expect(q1.body).toMatchObject({
        scope: 'team',
        teamRef: 'group:default/payments-team',
        coverage: { daysWithData: 2, daysInWindow: 90 },
        sources: ['requests'],
      });
      expect(q1.body.total).toBeCloseTo(1.8, 10);
      const window = await request(server)
        .get('/api/costs/period?from=2026-03-31&to=2026-04-02')
        .set('authorization', user);
      expect(window.body.total).toBeCloseTo(1.8, 10);
      expect(window.body.coverage).toEqual({
        daysWithData: 2,
        daysInWindow: 2,
      });
    });

    it('refuses to collect now for anyone the policy does not allow', async () => {
      const { server, knex } = await start({ config: clusterConfig });
      const response = await request(server)
        .post('/api/costs/collect')
        .set('authorization', mockCredentials.user.header());
      expect(response.status).toBe(403);
      expect(await knex('costs_cluster_days').count({ n: '*' })).toEqual([
        { n: '0' },
      ]);
    });

    it('refuses a period given both as a quarter and as days, and a window that ends before it starts', async () => {
      const { server } = await start({});
      const user = mockCredentials.user.header();
      const both = await request(server)
        .get('/api/costs/period?quarter=2026-Q1&from=2026-01-01&to=2026-02-01')
        .set('authorization', user);
      expect(both.status).toBe(400);
      expect(both.body.error.message).toContain('quarter');
      const backwards = await request(server)
        .get('/api/costs/overview?from=2026-04-01&to=2026-03-01')
        .set('authorization', user);
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.message).toBe('to: must be after from');
    });
  },
);
