import { mockServices } from '@backstage/backend-test-utils';
import { routesOfRouter, routesOfSpec } from '@internal/portal-openapi';
import { spec } from '../schema/openapi/generated/router';
import { CostService } from '../services/Costs/types';
import { createRouter } from './router';

describe('the costs contract', () => {
  it('has every route of the router, and the router every operation of it', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      costs: {} as CostService,
    });
    const routes = routesOfRouter(router);
    expect(routes).toEqual([
      'GET /entity',
      'GET /overview',
      'GET /period',
      'GET /team',
      'POST /collect',
    ]);
    expect(routes).toEqual(routesOfSpec(spec));
  });
});
