import { mockServices } from '@backstage/backend-test-utils';
import { readInsightsConfig } from '../config';
import { spec } from '../schema/openapi/generated/router';
import { createRouter, RouterOptions } from './router';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/**
 * `METHOD /path/:param` of every route the router serves, those of the contract's router
 * mounted inside it included, but the spec route that router adds.
 */
function routerRoutes(stack: Layer[]): string[] {
  return stack
    .flatMap(layer => {
      if (layer.route) {
        return Object.keys(layer.route.methods).map(
          method => `${method.toUpperCase()} ${layer.route!.path}`,
        );
      }
      return layer.handle?.stack ? routerRoutes(layer.handle.stack) : [];
    })
    .filter(route => route !== 'GET /openapi.json')
    .sort();
}

/** The same of every operation of the contract. */
function specRoutes(): string[] {
  return Object.entries(spec.paths)
    .flatMap(([path, item]) =>
      Object.keys(item).map(
        method =>
          `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
      ),
    )
    .sort();
}

describe('the insights contract', () => {
  it('has every route of the router, and the router every operation of it', async () => {
    const router = await createRouter({
      logger: mockServices.logger.mock(),
      discovery: mockServices.discovery(),
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      userInfo: mockServices.userInfo(),
      config: readInsightsConfig(mockServices.rootConfig()),
      scopes: {} as RouterOptions['scopes'],
      dora: {} as RouterOptions['dora'],
      github: {} as RouterOptions['github'],
      survey: {} as RouterOptions['survey'],
      adoption: {} as RouterOptions['adoption'],
      backfill: {} as RouterOptions['backfill'],
      scheduler: { triggerTask: async () => {} },
    });
    const routes = routerRoutes(
      (router as unknown as { stack: Layer[] }).stack,
    );
    expect(routes).toContain('GET /dora');
    expect(routes).toContain('POST /github/deliveries');
    expect(routes).toEqual(specRoutes());
  });
});
