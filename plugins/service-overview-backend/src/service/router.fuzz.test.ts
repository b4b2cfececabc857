import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  DOCUMENTED_SEED,
  entityRefField,
  formatFuzzReport,
  fuzzRoutes,
  FuzzRoute,
  limitField,
} from '@internal/route-fuzz';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import { serviceOverviewPlugin } from '../plugin';

jest.setTimeout(120_000);

describe('service overview routes under hostile input', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'answer 4xx naming the field, never pass a bad ref on to the catalog, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // the real catalog on PostgreSQL: what it does with a hostile ref is what counts
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          serviceOverviewPlugin,
          mockServices.database.factory({ knex }),
        ],
      });
      const routes: FuzzRoute[] = [
        {
          method: 'get',
          path: '/api/service-overview/overview',
          query: { entityRef: 'component:default/cart-service' },
          fields: [entityRefField('entityRef', 'query')],
        },
        {
          method: 'get',
          path: '/api/service-overview/hygiene/summary',
          fields: [
            {
              in: 'query',
              name: 'colour',
              type: 'text',
              refuse: ['nul', 'control', 'unicode', 'wrongType'],
              tolerate: ['long'],
            },
          ],
        },
        {
          method: 'get',
          path: '/api/service-overview/hygiene/:check',
          params: { check: 'noDocs' },
          query: { limit: '10' },
          fields: [
            {
              in: 'path',
              name: 'check',
              type: 'enum',
              refuse: ['nul', 'control', 'wrongType', 'badEntityRef'],
              tolerate: ['long', 'unicode'],
            },
            limitField(),
            {
              in: 'query',
              name: 'cursor',
              type: 'text',
              refuse: [
                'nul',
                'control',
                'unicode',
                'wrongType',
                'badEntityRef',
              ],
              tolerate: ['long'],
            },
          ],
        },
        {
          method: 'get',
          path: '/api/service-overview/coverage',
          fields: [
            {
              in: 'query',
              name: 'organization',
              type: 'text',
              refuse: ['nul', 'control', 'unicode', 'wrongType'],
              tolerate: ['long'],
            },
          ],
        },
        {
          method: 'get',
          path: '/api/service-overview/coverage/repositories',
          query: { offset: '0', limit: '10', organization: 'acme-retail' },
          fields: [
            limitField(),
            limitField('offset'),
            {
              in: 'query',
              name: 'organization',
              type: 'text',
              refuse: [
                'nul',
                'control',
                'unicode',
                'wrongType',
                'badEntityRef',
              ],
              tolerate: ['long'],
            },
          ],
        },
        {
          method: 'post',
          path: '/api/service-overview/coverage/scan',
          fields: [
            {
              in: 'query',
              name: 'organization',
              type: 'text',
              refuse: ['nul', 'control', 'unicode', 'wrongType'],
              tolerate: ['long'],
            },
          ],
        },
      ];
      const report = await fuzzRoutes({
        server,
        routes,
        runsPerClass: 2,
        seed: DOCUMENTED_SEED,
      });
      // eslint-disable-next-line no-console
      console.log(formatFuzzReport('service-overview', report));
      expect(report.refused).toBe(report.mustRefuse);
      expect(report.routes).toHaveLength(6);

      // a cursor of the right alphabet whose content is hostile: the catalog refuses it
      for (const content of [
        { query: { 'metadata.name': 'a\u0000' } },
        { totalItems: 1e308, firstSortFieldValues: [new Array(50).join('x')] },
        'not an object',
      ]) {
        const cursor = Buffer.from(JSON.stringify(content)).toString('base64');
        const res = await request(server)
          .get('/api/service-overview/hygiene/noDocs')
          .query({ cursor });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(
          'cursor: not a cursor this list gave',
        );
      }
    },
  );
});
