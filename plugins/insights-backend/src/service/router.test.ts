import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { readInsightsConfig } from '../config';
import { createRouter, RouterOptions } from './router';

/** A router whose DORA summary fails the way knex does when PostgreSQL is away. */
async function appWithDatabaseError(error: object) {
  const router = await createRouter({
    logger: mockServices.logger.mock(),
    discovery: mockServices.discovery(),
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    userInfo: mockServices.userInfo(),
    config: readInsightsConfig(mockServices.rootConfig()),
    scopes: {
      resolve: async () => ({ components: [], repositories: [] }),
    } as unknown as RouterOptions['scopes'],
    dora: {
      summary: async () => {
        throw Object.assign(new Error('database went away'), error);
      },
    } as unknown as RouterOptions['dora'],
    github: {} as RouterOptions['github'],
    survey: {} as RouterOptions['survey'],
    adoption: {} as RouterOptions['adoption'],
    backfill: {} as RouterOptions['backfill'],
    scheduler: { triggerTask: async () => {} },
  });
  const app = express();
  app.use(router);
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return app;
}

describe('insights router when the database is away', () => {
  it.each([
    { code: 'ECONNREFUSED' },
    { code: '57P01' }, // admin shutdown
    { code: '08006' }, // connection failure
    { name: 'KnexTimeoutError' },
  ])('answers 503, not 500, for %j', async error => {
    const app = await appWithDatabaseError(error);
    const res = await request(app)
      .get('/dora?from=2025-01-01&to=2025-02-01')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain('database unavailable');
  });

  it('keeps other failures a 500', async () => {
    const app = await appWithDatabaseError({ code: '42P01' });
    const res = await request(app)
      .get('/dora?from=2025-01-01&to=2025-02-01')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(500);
  });
});
