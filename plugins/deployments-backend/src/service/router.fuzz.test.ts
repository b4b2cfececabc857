import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DOCUMENTED_SEED,
  entityRefField,
  formatFuzzReport,
  fuzzRoutes,
  FuzzRoute,
  idField,
  limitField,
  unchangedWhenRefused,
} from '@internal/route-fuzz';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { component } from '../__testUtils__/fixtures';
import { deploymentsPlugin } from '../plugin';

jest.setTimeout(120_000);

describe('deployments routes under hostile input', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'answer 4xx naming the field and audit nothing the contract refuses, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          deploymentsPlugin,
          mockServices.database.factory({ knex }),
          mockServices.events.factory(),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          // no repository: a valid request is refused (409) before GitHub is asked
          catalogServiceMock.factory({
            entities: [component('checkout', 'group:default/payments-team')],
          }),
        ],
      });
      const text = {
        type: 'text' as const,
        refuse: [
          'nul' as const,
          'control' as const,
          'unicode' as const,
          'long' as const,
          'wrongType' as const,
          'badEntityRef' as const,
        ],
      };
      const routes: FuzzRoute[] = [
        {
          method: 'get',
          path: '/api/deployments/environments',
          query: { entityRef: 'component:default/checkout' },
          fields: [entityRefField('entityRef', 'query')],
        },
        {
          method: 'get',
          path: '/api/deployments/actions',
          query: { entityRef: 'checkout', limit: '5' },
          fields: [entityRefField('entityRef', 'query'), limitField()],
        },
        {
          method: 'get',
          path: '/api/deployments/actions/:id',
          params: { id: '00000000-0000-4000-8000-000000000000' },
          fields: [idField('id')],
        },
        {
          method: 'get',
          path: '/api/deployments/runs',
          query: { entityRef: 'checkout', limit: '5' },
          fields: [entityRefField('entityRef', 'query'), limitField()],
        },
        {
          method: 'post',
          path: '/api/deployments/actions',
          body: {
            entityRef: 'checkout',
            action: 'deploy',
            environment: 'staging',
            ref: 'v1.2.0',
          },
          fields: [
            entityRefField('entityRef', 'body'),
            {
              in: 'body',
              name: 'action',
              type: 'enum',
              refuse: ['nul', 'control', 'unicode', 'long', 'wrongType'],
            },
            { in: 'body', name: 'environment', ...text },
            {
              in: 'body',
              name: 'ref',
              ...text,
              // a ref may hold `/` (release/1.0): only the ill-formed refs are refused
              refuse: text.refuse.filter(c => c !== 'badEntityRef'),
              tolerate: ['badEntityRef'],
            },
          ],
        },
      ];
      const report = await fuzzRoutes({
        server,
        routes,
        runsPerClass: 2,
        seed: DOCUMENTED_SEED,
        check: await unchangedWhenRefused(async () =>
          knex('deployments_actions').count({ n: '*' }).first(),
        ),
      });
      // eslint-disable-next-line no-console
      console.log(formatFuzzReport('deployments', report));
      expect(report.refused).toBe(report.mustRefuse);
      expect(report.routes).toHaveLength(5);
    },
  );
});
