import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DOCUMENTED_SEED,
  entityRefField,
  formatFuzzReport,
  FuzzField,
  fuzzRoutes,
  FuzzRoute,
  unchangedWhenRefused,
} from '@internal/route-fuzz';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { costsPlugin } from '../plugin';
import { component } from '../__testUtils__/fixtures';

jest.setTimeout(300_000);

const dates: FuzzField[] = [
  { in: 'query', name: 'from', type: 'date' },
  { in: 'query', name: 'to', type: 'date' },
];
const window = { from: '2026-03-01', to: '2026-04-01' };

describe('costs routes under hostile input', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'answer 4xx naming the field, never 5xx, and write nothing they refuse, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          costsPlugin,
          mockServices.database.factory({ knex }),
          // refused: the one write must stay unwritten
          mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
          catalogServiceMock.factory({
            entities: [component('checkout', 'payments-team')],
          }),
        ],
      });
      const routes: FuzzRoute[] = [
        {
          method: 'get',
          path: '/api/costs/overview',
          query: window,
          fields: dates,
        },
        {
          method: 'get',
          path: '/api/costs/team',
          query: { teamRef: 'payments-team', ...window },
          fields: [entityRefField('teamRef', 'query'), ...dates],
        },
        {
          method: 'get',
          path: '/api/costs/entity',
          query: { entityRef: 'component:default/checkout', ...window },
          fields: [entityRefField('entityRef', 'query'), ...dates],
        },
        {
          method: 'get',
          path: '/api/costs/period',
          query: { quarter: '2026-Q1', teamRef: 'payments-team' },
          fields: [
            {
              in: 'query',
              name: 'quarter',
              type: 'text',
              refuse: ['nul', 'control', 'unicode', 'wrongType'],
              // Node refuses a URL this long (431) before the route
              tolerate: ['long'],
            },
            entityRefField('teamRef', 'query'),
          ],
        },
        {
          method: 'get',
          path: '/api/costs/period',
          query: window,
          fields: dates,
        },
      ];
      const report = await fuzzRoutes({
        server,
        routes,
        runsPerClass: 2,
        seed: DOCUMENTED_SEED,
        check: await unchangedWhenRefused(async () =>
          knex('costs_cluster_days').count({ n: '*' }).first(),
        ),
      });
      // eslint-disable-next-line no-console
      console.log(formatFuzzReport('costs', report));
      expect(report.refused).toBe(report.mustRefuse);
      expect(report.routes).toHaveLength(5);
    },
  );
});
