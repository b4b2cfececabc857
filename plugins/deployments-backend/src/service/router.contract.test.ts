import { mockServices } from '@backstage/backend-test-utils';
import { routesOfRouter, routesOfSpec } from '@internal/portal-openapi';
import { spec } from '../schema/openapi/generated/router';
import { DeploymentService } from '../services/Deployments/types';
import { createRouter } from './router';

describe('the deployments contract', () => {
  it('has every route of the router, and the router every operation of it', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      deployments: {} as DeploymentService,
    });
    const routes = routesOfRouter(router);
    expect(routes).toEqual([
      'GET /actions',
      'GET /actions/:id',
      'GET /environments',
      'GET /runs',
      'POST /actions',
    ]);
    expect(routes).toEqual(routesOfSpec(spec));
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
