import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  DOCUMENTED_SEED,
  formatFuzzReport,
  fuzzRoutes,
  FuzzField,
  FuzzRoute,
  idField,
  unchangedWhenRefused,
} from '@internal/route-fuzz';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import { roadmapPlugin } from '../plugin';

jest.setTimeout(240_000);

const text = (name: string): FuzzField => ({
  in: 'body',
  name,
  type: 'text',
  refuse: ['nul', 'control', 'wrongType', 'long'],
  tolerate: ['unicode'],
});

describe('roadmap routes under hostile input', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'answer 4xx naming the field, never 5xx, and write nothing when they refuse, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          roadmapPlugin,
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      });
      const item = {
        title: 'Preview environments',
        description: 'One per pull request',
        phase: 2,
        status: 'planned',
        targetQuarter: '2099-Q1',
        recommendations: ['phase:phase2'],
        initiatives: [],
      };
      const created = await request(server)
        .post('/api/roadmap/items')
        .send(item)
        .expect(201);
      const proposal = await request(server)
        .post('/api/roadmap/proposals')
        .send({ title: 'Faster CI', description: '' })
        .expect(201);

      const itemFields: FuzzField[] = [
        text('title'),
        text('description'),
        {
          in: 'body',
          name: 'phase',
          type: 'integer',
          refuse: [
            'nul',
            'nonFinite',
            'numberString',
            'wrongType',
            'huge',
            'int4Overflow',
            'int8Overflow',
          ],
          tolerate: ['negativeZero'],
        },
        {
          in: 'body',
          name: 'status',
          type: 'enum',
          refuse: ['nul', 'control', 'wrongType', 'unicode', 'long'],
        },
        {
          in: 'body',
          name: 'targetQuarter',
          type: 'text',
          refuse: ['nul', 'control', 'wrongType', 'unicode', 'long'],
        },
        { in: 'body', name: 'recommendations', type: 'array' },
        { in: 'body', name: 'initiatives', type: 'array' },
      ];
      const routes: FuzzRoute[] = [
        {
          method: 'post',
          path: '/api/roadmap/items',
          body: item,
          fields: itemFields,
        },
        {
          method: 'put',
          path: '/api/roadmap/items/:id',
          params: { id: created.body.id },
          body: item,
          fields: [idField('id'), ...itemFields],
        },
        {
          method: 'get',
          path: '/api/roadmap/proposals',
          query: { status: 'open' },
          fields: [
            {
              in: 'query',
              name: 'status',
              type: 'enum',
              refuse: ['nul', 'control', 'wrongType', 'unicode'],
              tolerate: ['long'],
            },
          ],
        },
        {
          method: 'post',
          path: '/api/roadmap/proposals',
          body: { title: 'Faster CI', description: 'Builds under 5 minutes' },
          fields: [text('title'), text('description')],
        },
        {
          method: 'put',
          path: '/api/roadmap/proposals/:id/vote',
          params: { id: proposal.body.id },
          fields: [idField('id')],
        },
        {
          method: 'delete',
          path: '/api/roadmap/proposals/:id/vote',
          params: { id: proposal.body.id },
          fields: [idField('id')],
        },
        {
          // a done answer closes the proposal: every valid request after the first is a 409
          method: 'post',
          path: '/api/roadmap/proposals/:id/answer',
          params: { id: proposal.body.id },
          body: { decision: 'done', reason: 'The deployments tab does it.' },
          fields: [
            idField('id'),
            {
              in: 'body',
              name: 'decision',
              type: 'enum',
              refuse: ['nul', 'control', 'wrongType', 'unicode', 'long'],
            },
            text('reason'),
          ],
        },
      ];
      const counts = async () =>
        Promise.all(
          ['roadmap_items', 'roadmap_proposals', 'roadmap_votes'].map(
            async table => (await knex(table).count('* as n'))[0].n,
          ),
        );
      const report = await fuzzRoutes({
        server,
        routes,
        runsPerClass: 2,
        seed: DOCUMENTED_SEED,
        check: await unchangedWhenRefused(counts),
      });
      // eslint-disable-next-line no-console
      console.log(formatFuzzReport('roadmap', report));
      expect(report.refused).toBe(report.mustRefuse);
      expect(report.routes).toHaveLength(7);
    },
  );
});
