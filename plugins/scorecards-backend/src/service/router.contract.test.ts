import { mockServices } from '@backstage/backend-test-utils';
import { spec } from '../schema/openapi/generated/router';
import { InitiativeService } from '../services/Initiatives/types';
import { ScorecardService } from '../services/Scorecards/types';
import { createRouter } from './router';

/** `METHOD /path/:param` of every route the router serves, but the spec route it adds. */
function routerRoutes(router: { stack: any[] }): string[] {
  return router.stack
    .filter(layer => layer.route && layer.route.path !== '/openapi.json')
    .flatMap(layer =>
      Object.keys(layer.route.methods).map(
        method => `${method.toUpperCase()} ${layer.route.path}`,
      ),
    )
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

describe('the scorecards contract', () => {
  it('has every route of the router, and the router every operation of it', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      service: {} as ScorecardService,
      initiatives: {} as InitiativeService,
      triggerRefresh: async () => {},
    });
    const routes = routerRoutes(router as unknown as { stack: any[] });
    expect(routes.length).toBeGreaterThan(0);
    expect(routes).toEqual(specRoutes());
  });
});
