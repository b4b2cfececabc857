import { mockServices } from '@backstage/backend-test-utils';
import { routesOfRouter, routesOfSpec } from '@internal/portal-openapi';
import { spec } from '../schema/openapi/generated/router';
import { ValueService } from '../services/Value/types';
import { createRouter } from './router';

describe('the value contract', () => {
  it('has every route of the router, and the router every operation of it', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      permissionsRegistry: mockServices.permissionsRegistry.mock({
        getPermissionRuleset: () => ({ getRuleByName: jest.fn() } as any),
      }),
      auditor: mockServices.auditor.mock(),
      service: {} as ValueService,
    });
    const routes = routesOfRouter(router);
    expect(routes.length).toBeGreaterThan(0);
    expect(routes).toEqual(routesOfSpec(spec));
  });
});
