import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { hygieneChecks } from '@internal/plugin-service-overview-common';
import request from 'supertest';
import { routesOfRouter, routesOfSpec } from '@internal/portal-openapi';
import { spec } from '../schema/openapi/generated/router';
import { CoverageService } from '../services/Coverage/types';
import { ServiceCatalog } from '../services/ServiceCatalog/types';
import { createRouter } from './router';

/** Services that record what reaches them: the values the contract let through. */
function recordingServices() {
  const services = {
    overview: jest.fn(async (entityRef: string) => ({
      entityRef,
      name: entityRef.split('/')[1],
      dashboards: [],
      runtime: { clusters: [] },
    })),
    hygiene: jest.fn(async (check: string, _page: unknown) => ({
      check,
      items: [],
      totalItems: 0,
    })),
    hygieneSummary: jest.fn(async () => ({
      ownerMissing: 0,
      noDocs: 0,
      noSystem: 0,
      orphaned: 0,
    })),
  };
  const coverage = {
    summary: jest.fn(),
    uncatalogued: jest.fn(async () => ({ items: [], totalItems: 0 })),
    scan: jest.fn(async () => ({ started: true })),
  };
  return { services, coverage };
}

describe('the service-overview contract', () => {
  it('has every route of the router, and the router every operation of it', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      services: {} as ServiceCatalog,
      coverage: {} as CoverageService,
    });
    const routes = routesOfRouter(router);
    expect(routes.length).toBeGreaterThan(0);
    expect(routes).toEqual(routesOfSpec(spec));
  });

  it('admits the hygiene checks the services know, no more', () => {
    const check = spec.components.schemas.HygieneCheck;
    expect([...check.enum]).toEqual([...hygieneChecks]);
  });

  describe('through the backend', () => {
    const { services, coverage } = recordingServices();
    let api: ReturnType<typeof request>;
    const auth = {
      Authorization: mockCredentials.user.header('user:default/ada'),
    };

    beforeAll(async () => {
      const { server } = await startTestBackend({
        features: [
          createBackendPlugin({
            pluginId: 'service-overview',
            register(env) {
              env.registerInit({
                deps: {
                  httpRouter: coreServices.httpRouter,
                  httpAuth: coreServices.httpAuth,
                  permissions: coreServices.permissions,
                },
                async init(deps) {
                  deps.httpRouter.use(
                    await createRouter({
                      httpAuth: deps.httpAuth,
                      permissions: deps.permissions,
                      services: services as unknown as ServiceCatalog,
                      coverage: coverage as unknown as CoverageService,
                    }),
                  );
                },
              });
            },
          }),
        ],
      });
      api = request(server);
    });
    beforeEach(() => jest.clearAllMocks());

    const get = (path: string) =>
      api.get(`/api/service-overview${path}`).set(auth);

    it('answers 400 naming the field for each class of bad input, and calls no service', async () => {
      const cases: Array<[string, string, string]> = [
        ['unknown query parameter', '/hygiene/summary?colour=red', 'colour'],
        [
          'unknown query parameter beside known ones',
          '/hygiene/noDocs?limit=5&colour=red',
          'colour',
        ],
        ['missing entity ref', '/overview', 'entityRef: is required'],
        [
          'entity ref with an empty name',
          '/overview?entityRef=component:default/',
          'entityRef: must match pattern',
        ],
        [
          'entity ref with two namespaces',
          '/overview?entityRef=component:a/b/c',
          'entityRef: must match pattern',
        ],
        [
          'entity ref with a NUL',
          '/overview?entityRef=cart%00',
          'entityRef: must match pattern',
        ],
        [
          'entity ref given twice',
          '/overview?entityRef=a&entityRef=b',
          'entityRef: must be string',
        ],
        [
          'entity ref name over 63 characters',
          `/overview?entityRef=${'x'.repeat(64)}`,
          'entityRef: must match pattern',
        ],
        [
          'entity ref over 400 characters',
          `/overview?entityRef=${'x'.repeat(401)}`,
          'entityRef: must NOT have more than 400 characters',
        ],
        [
          'unknown hygiene check',
          '/hygiene/everything',
          'check: must be equal to one of the allowed values',
        ],
        ['page size 0', '/hygiene/noDocs?limit=0', 'limit: must be >= 1'],
        ['page size 101', '/hygiene/noDocs?limit=101', 'limit: must be <= 100'],
        [
          'page size that is not whole',
          '/hygiene/noDocs?limit=2.5',
          'limit: must be integer',
        ],
        ...['1e999', 'Infinity', '0x10', '%205', 'abc'].map(
          (limit): [string, string, string] => [
            `page size written ${limit}`,
            `/hygiene/noDocs?limit=${limit}`,
            'limit: must be',
          ],
        ),
        [
          'page size left empty',
          '/hygiene/noDocs?limit=',
          "Empty value found for query parameter 'limit'",
        ],
        [
          'cursor with a character base64 has not',
          '/hygiene/noDocs?cursor=abc%20def',
          'cursor: must match pattern',
        ],
        [
          'negative offset',
          '/coverage/repositories?offset=-1',
          'offset: must be >= 0',
        ],
        [
          'offset written -0',
          '/coverage/repositories?offset=-0',
          'offset: must be a whole number from 0, without a sign',
        ],
        [
          'offset past a million',
          '/coverage/repositories?offset=1000001',
          'offset: must be <= 1000000',
        ],
        [
          'organisation that is not a GitHub login',
          '/coverage/repositories?organization=-acme',
          'organization: must match pattern',
        ],
      ];
      const answers = [];
      for (const [label, path] of cases) {
        const res = await get(path);
        answers.push({
          label,
          status: res.status,
          message: res.body?.error?.message,
        });
      }
      expect(answers).toEqual(
        cases.map(([label, , message]) => ({
          label,
          status: 400,
          message: expect.stringContaining(message),
        })),
      );
      const scan = await api
        .post('/api/service-overview/coverage/scan?organization=acme')
        .set(auth);
      expect(scan.status).toBe(400);
      expect(scan.body.error.message).toContain('organization');
      expect(services.overview).not.toHaveBeenCalled();
      expect(services.hygiene).not.toHaveBeenCalled();
      expect(services.hygieneSummary).not.toHaveBeenCalled();
      expect(coverage.uncatalogued).not.toHaveBeenCalled();
      expect(coverage.scan).not.toHaveBeenCalled();
    });

    it('hands the services what the contract admitted, as numbers and with the defaults', async () => {
      await get('/overview?entityRef=component:default/Cart-Service').expect(
        200,
      );
      await get('/overview?entityRef=cart').expect(200);
      expect(services.overview.mock.calls.map(c => c[0])).toEqual([
        'component:default/cart-service',
        'component:default/cart',
      ]);

      await get('/hygiene/noDocs').expect(200);
      await get('/hygiene/orphaned?limit=5&cursor=eyJhIjoxfQ==').expect(200);
      expect(services.hygiene.mock.calls.map(c => [c[0], c[1]])).toEqual([
        ['noDocs', { limit: 25 }],
        ['orphaned', { limit: 5, cursor: 'eyJhIjoxfQ==' }],
      ]);

      await get('/coverage/repositories').expect(200);
      await get(
        '/coverage/repositories?offset=50&limit=10&organization=acme-retail',
      ).expect(200);
      expect(coverage.uncatalogued.mock.calls).toEqual([
        [{ offset: 0, limit: 25 }],
        [{ offset: 50, limit: 10, organization: 'acme-retail' }],
      ]);

      const scan = await api
        .post('/api/service-overview/coverage/scan')
        .set(auth);
      expect(scan.status).toBe(202);
      expect(scan.body).toEqual({ started: true });
    });
  });
});
