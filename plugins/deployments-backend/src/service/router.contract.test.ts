import { mockServices } from '@backstage/backend-test-utils';
import { spec } from '../schema/openapi/generated/router';
import { DeploymentService } from '../services/Deployments/types';
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

describe('the deployments contract', () => {
  it('has every route of the router, and the router every operation of it', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      deployments: {} as DeploymentService,
    });
    const routes = routerRoutes(router as unknown as { stack: any[] });
    expect(routes).toEqual([
      'GET /actions',
      'GET /actions/:id',
      'GET /environments',
      'GET /runs',
      'POST /actions',
    ]);
    expect(routes).toEqual(specRoutes());
  });

  it.each([
    ['v1.2.0', true],
    ['release/2026-12', true],
    ['a'.repeat(40), true],
    ['main', true],
    // what git refuses, or a workflow's shell could misread
    ['../main', false],
    ['feature//x', false],
    ['main/', false],
    ['x.lock', false],
    ['-rf', false],
    ['$(id)', false],
    ['v1 2', false],
    ['a'.repeat(201), false],
  ])('takes %p as a git ref: %p', (ref, accepted) => {
    const pattern = new RegExp(spec.components.schemas.GitRef.pattern);
    expect(pattern.test(ref)).toBe(accepted);
  });
});
