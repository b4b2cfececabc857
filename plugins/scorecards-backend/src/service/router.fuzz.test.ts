import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  InsightsService,
  insightsServiceRef,
} from '@internal/plugin-insights-node';
import {
  DOCUMENTED_SEED,
  entityRefField,
  formatFuzzReport,
  fuzzRoutes,
  FuzzRoute,
  idField,
  limitField,
} from '@internal/route-fuzz';
import { createPostgresTestDatabases } from '@internal/test-databases';
import path from 'path';
import request from 'supertest';
import { scorecardsPlugin } from '../plugin';

jest.setTimeout(180_000);

const ENTITY_REF = 'component:default/checkout-service';

describe('scorecards routes under hostile input', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'answer 4xx naming the field, never 5xx, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          scorecardsPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              scorecards: {
                checksDirectory: path.resolve(
                  __dirname,
                  '../../../../scorecards/checks',
                ),
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 5 },
                  initialDelay: { hours: 24 },
                },
              },
            },
          }),
          catalogServiceMock.factory({
            entities: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Component',
                metadata: { name: 'checkout-service', namespace: 'default' },
                spec: {
                  type: 'service',
                  lifecycle: 'production',
                  owner: 'payments-team',
                },
              },
            ],
          }),
          createServiceFactory({
            service: insightsServiceRef,
            deps: {},
            // only what the scorecards call; the service has more
            factory: () =>
              ({
                getDora: async () => Promise.reject(new Error('not measured')),
                getAdoption: async () => Promise.reject(new Error('not used')),
              } as Pick<
                InsightsService,
                'getDora' | 'getAdoption'
              > as InsightsService),
          }),
        ],
      });
      // the mock user may do everything: collect, so the component has a scorecard
      await request(server).post('/api/scorecards/refresh').expect(202);
      for (let i = 0; i < 100; i++) {
        const res = await request(server)
          .get('/api/scorecards/entity')
          .query({ entityRef: ENTITY_REF });
        if (res.status === 200) break;
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      const requested = await request(server)
        .post('/api/scorecards/waivers')
        .send({
          entityRef: ENTITY_REF,
          checkId: 'has-on-call-link',
          reason: 'rota next month',
          expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
        })
        .expect(201);

      const initiative = {
        title: 'Every production service at silver by the end of Q2',
        description: 'Silver: CODEOWNERS, CI and dependency updates.',
        ownerRef: 'group:default/platform-team',
        appliesTo: { kind: ['Component'], lifecycle: ['production'] },
        targetLevel: 'silver',
        targetShare: 0.8,
        startsAt: '2026-04-01T00:00:00Z',
        deadline: '2026-06-30T00:00:00Z',
      };
      const created = await request(server)
        .post('/api/scorecards/initiatives')
        .send(initiative)
        .expect(201);

      const text = (name: string, where: 'body' | 'query' = 'body') => ({
        in: where,
        name,
        type: 'text' as const,
        refuse: ['nul' as const, 'control' as const, 'wrongType' as const],
        tolerate: ['unicode' as const, 'long' as const],
      });
      const routes: FuzzRoute[] = [
        {
          method: 'get',
          path: '/api/scorecards/entity',
          query: { entityRef: ENTITY_REF },
          fields: [entityRefField('entityRef', 'query')],
        },
        {
          method: 'get',
          path: '/api/scorecards/summary',
          query: { owner: 'group:default/payments-team' },
          fields: [entityRefField('owner', 'query')],
        },
        {
          method: 'get',
          path: '/api/scorecards/github/requests',
          query: { days: '7' },
          fields: [limitField('days')],
        },
        {
          method: 'get',
          path: '/api/scorecards/team',
          query: { owner: 'group:default/payments-team' },
          fields: [entityRefField('owner', 'query')],
        },
        {
          method: 'get',
          path: '/api/scorecards/waivers',
          query: { entityRef: ENTITY_REF, status: 'requested', limit: '10' },
          fields: [
            entityRefField('entityRef', 'query'),
            {
              in: 'query',
              name: 'status',
              type: 'enum',
              refuse: ['nul', 'control', 'wrongType', 'unicode'],
              tolerate: ['long'],
            },
            limitField(),
          ],
        },
        {
          method: 'post',
          path: '/api/scorecards/waivers',
          body: {
            entityRef: ENTITY_REF,
            checkId: 'has-on-call-link',
            reason: 'rota next month',
            expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
          },
          fields: [
            entityRefField('entityRef', 'body'),
            {
              ...idField('checkId'),
              in: 'body',
              refuse: [
                'nul',
                'control',
                'wrongType',
                'badEntityRef',
                'unicode',
              ],
              tolerate: ['long'],
            },
            {
              ...text('reason'),
              refuse: ['nul', 'control', 'wrongType', 'long'],
              tolerate: ['unicode'],
            },
            { in: 'body', name: 'expiresAt', type: 'date' },
          ],
        },
        {
          method: 'post',
          path: '/api/scorecards/waivers/:id/decision',
          params: { id: requested.body.id },
          body: { decision: 'reject', comment: 'no' },
          fields: [
            idField('id'),
            {
              in: 'body',
              name: 'decision',
              type: 'enum',
              refuse: ['nul', 'control', 'wrongType', 'unicode', 'long'],
            },
            {
              ...text('comment'),
              refuse: ['nul', 'control', 'wrongType', 'long'],
              tolerate: ['unicode'],
            },
          ],
        },
        ...(['post', 'put'] as const).map(
          (method): FuzzRoute => ({
            method,
            path:
              method === 'post'
                ? '/api/scorecards/initiatives'
                : '/api/scorecards/initiatives/:id',
            ...(method === 'put' ? { params: { id: created.body.id } } : {}),
            body: initiative,
            fields: [
              ...(method === 'put' ? [idField('id')] : []),
              {
                ...text('title'),
                refuse: ['nul', 'control', 'wrongType', 'long'],
                tolerate: ['unicode'],
              },
              {
                ...text('description'),
                refuse: ['nul', 'control', 'wrongType', 'long'],
                tolerate: ['unicode'],
              },
              entityRefField('ownerRef', 'body'),
              { in: 'body', name: 'appliesTo', type: 'object' },
              {
                ...text('targetLevel'),
                refuse: ['nul', 'control', 'wrongType', 'long', 'unicode'],
                tolerate: [],
              },
              { in: 'body', name: 'targetShare', type: 'number' },
              { in: 'body', name: 'startsAt', type: 'date' },
              { in: 'body', name: 'deadline', type: 'date' },
            ],
          }),
        ),
        {
          method: 'get',
          path: '/api/scorecards/initiatives/:id',
          params: { id: created.body.id },
          fields: [idField('id')],
        },
      ];
      const report = await fuzzRoutes({
        server,
        routes,
        runsPerClass: 2,
        seed: DOCUMENTED_SEED,
      });
      // eslint-disable-next-line no-console
      console.log(formatFuzzReport('scorecards', report));
      expect(report.refused).toBe(report.mustRefuse);
      expect(report.routes).toHaveLength(10);
    },
  );
});
