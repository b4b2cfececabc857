import { mockServices } from '@backstage/backend-test-utils';
import { readInsightsConfig } from '../config';
import { routesOfRouter, routesOfSpec } from '@internal/portal-openapi';
import { spec } from '../schema/openapi/generated/router';
import { createRouter, RouterOptions } from './router';

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
    const routes = routesOfRouter(router);
    expect(routes).toContain('GET /dora');
    expect(routes).toContain('GET /dora/windows');
    expect(routes).toContain('POST /github/deliveries');
    expect(routes).toEqual(routesOfSpec(spec));
  });
});
