import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DOCUMENTED_SEED,
  entityRefField,
  formatFuzzReport,
  fuzzRoutes,
  FuzzRoute,
  unchangedWhenRefused,
} from '@internal/route-fuzz';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { portalWithTemplate } from '../__testUtils__/scenario';
import { goldenPathUpgradesPlugin } from '../plugin';

jest.setTimeout(120_000);

describe('golden-path-upgrades routes under hostile input', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'answer 4xx naming the field and prepare nothing the contract refuses, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const portal = await portalWithTemplate('typescript-service');
      const { server } = await startTestBackend({
        features: [
          goldenPathUpgradesPlugin,
          mockServices.database.factory({ knex }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          // made from a golden path, but on no repository the portal reaches: a valid
          // request is answered without git work
          catalogServiceMock.factory({
            entities: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Component',
                metadata: {
                  name: 'orders',
                  namespace: 'default',
                  annotations: {
                    'acme.example/template': 'typescript-service',
                    'acme.example/template-version': '1.0.0',
                  },
                },
                spec: { owner: 'group:default/payments-team' },
              },
            ],
          }),
          mockServices.rootConfig.factory({
            data: { goldenPathUpgrades: { templatesRepository: portal.dir } },
          }),
        ],
      });
      const routes: FuzzRoute[] = [
        {
          method: 'get',
          path: '/api/golden-path-upgrades/status',
          query: { entityRef: 'component:default/orders' },
          fields: [entityRefField('entityRef', 'query')],
        },
        {
          method: 'post',
          path: '/api/golden-path-upgrades/upgrades',
          body: { entityRef: 'orders' },
          fields: [entityRefField('entityRef', 'body')],
        },
        {
          method: 'post',
          path: '/api/golden-path-upgrades/adoptions',
          body: { entityRef: 'orders', version: '1.0.0' },
          fields: [entityRefField('entityRef', 'body')],
        },
      ];
      const report = await fuzzRoutes({
        server,
        routes,
        runsPerClass: 2,
        seed: DOCUMENTED_SEED,
        check: await unchangedWhenRefused(async () =>
          Promise.all([
            knex('golden_path_upgrades').count({ n: '*' }).first(),
            knex('golden_path_adoptions').count({ n: '*' }).first(),
          ]),
        ),
      });
      // eslint-disable-next-line no-console
      console.log(formatFuzzReport('golden-path-upgrades', report));
      expect(report.refused).toBe(report.mustRefuse);
      expect(report.routes).toHaveLength(3);
    },
  );
});
