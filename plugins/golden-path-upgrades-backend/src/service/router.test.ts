import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { routesOfRouter, routesOfSpec } from '@internal/portal-openapi';
import { spec } from '../schema/openapi/generated/router';
import { GoldenPathsService } from '../services/GoldenPathsService';
import { createRouter } from './router';

describe('the golden-path-upgrades contract', () => {
  it('has every route of the router, and the router every operation of it', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      goldenPaths: {} as GoldenPathsService,
    });
    expect(routesOfRouter(router)).toEqual(routesOfSpec(spec));
  });

  describe('through the backend', () => {
    const goldenPaths = {
      templates: jest.fn(async () => []),
      status: jest.fn(async (entityRef: string) => ({ entityRef, behind: 0 })),
      prepare: jest.fn(async () => ({ state: 'up-to-date' as const })),
      adopt: jest.fn(async () => ({
        adoption: {
          entityRef: 'component:default/orders',
          template: 'typescript-service',
          version: '1.0.0',
          values: {},
          method: 'stated' as const,
          adoptedBy: 'user:default/ada',
        },
        result: { state: 'nothing-to-change' as const, to: '1.2.0' },
      })),
    };
    let api: ReturnType<typeof request>;
    const auth = {
      Authorization: mockCredentials.user.header('user:default/ada'),
    };

    beforeAll(async () => {
      const { server } = await startTestBackend({
        features: [
          createBackendPlugin({
            pluginId: 'golden-path-upgrades',
            register(env) {
              env.registerInit({
                deps: {
                  httpRouter: coreServices.httpRouter,
                  httpAuth: coreServices.httpAuth,
                },
                async init(deps) {
                  deps.httpRouter.use(
                    await createRouter({
                      httpAuth: deps.httpAuth,
                      goldenPaths,
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

    it('refuses a caller without credentials', async () => {
      const res = await api
        .get('/api/golden-path-upgrades/templates')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
      const prepare = await api
        .post('/api/golden-path-upgrades/upgrades')
        .set('Authorization', mockCredentials.none.header())
        .send({ entityRef: 'orders' });
      expect(prepare.status).toBe(401);
      expect(goldenPaths.prepare).not.toHaveBeenCalled();
      expect(goldenPaths.templates).not.toHaveBeenCalled();
    });

    it('answers the page and the entity status', async () => {
      const templates = await api
        .get('/api/golden-path-upgrades/templates')
        .set(auth);
      expect(templates.status).toBe(200);
      expect(templates.body).toEqual({ templates: [] });
      const status = await api
        .get(
          `/api/golden-path-upgrades/status?entityRef=${encodeURIComponent(
            'component:default/orders',
          )}`,
        )
        .set(auth);
      expect(status.body).toEqual({
        entityRef: 'component:default/orders',
        behind: 0,
      });
    });

    it.each([
      ['GET', '/status', undefined, 'entityRef: is required'],
      [
        'GET',
        '/status?entityRef=component:default/a%00b',
        undefined,
        'entityRef',
      ],
      ['GET', '/status?entityRef=x&colour=red', undefined, 'colour'],
      ['POST', '/upgrades', { entityRef: 'orders', force: true }, 'force'],
      ['POST', '/upgrades', {}, 'entityRef'],
      ['POST', '/upgrades', { entityRef: '../../etc' }, 'entityRef'],
      [
        'POST',
        '/adoptions',
        { entityRef: 'orders', version: '1.0' },
        'version',
      ],
      [
        'POST',
        '/adoptions',
        { entityRef: 'orders', template: '../x', version: '1.0.0' },
        'template',
      ],
      ['POST', '/adoptions', { entityRef: 'orders', why: 'x' }, 'why'],
    ])('%s %s → 400 naming the field', async (method, path, body, field) => {
      const url = `/api/golden-path-upgrades${path}`;
      const res =
        method === 'GET'
          ? await api.get(url).set(auth)
          : await api.post(url).set(auth).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
      expect(goldenPaths.status).not.toHaveBeenCalled();
      expect(goldenPaths.prepare).not.toHaveBeenCalled();
      expect(goldenPaths.adopt).not.toHaveBeenCalled();
    });

    it('adopts a repository as its team states', async () => {
      const res = await api
        .post('/api/golden-path-upgrades/adoptions')
        .set(auth)
        .send({ entityRef: 'orders', version: '1.0.0' });
      expect(res.status).toBe(200);
      expect(res.body.result).toEqual({
        state: 'nothing-to-change',
        to: '1.2.0',
      });
      expect(goldenPaths.adopt).toHaveBeenCalledWith(
        'orders',
        { template: undefined, version: '1.0.0' },
        expect.anything(),
      );
    });

    it('prepares an upgrade on request', async () => {
      const res = await api
        .post('/api/golden-path-upgrades/upgrades')
        .set(auth)
        .send({ entityRef: 'component:default/orders' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ state: 'up-to-date' });
      expect(goldenPaths.prepare).toHaveBeenCalledWith(
        'component:default/orders',
        expect.anything(),
      );
    });
  });
});
