import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { insightsPlugin } from './plugin';
import { component, group } from './__testUtils__/github';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

/** Every route that reads insights, with a query it would otherwise answer 200. */
const READ_ROUTES = [
  '/api/insights/dora?from=2025-01-01&to=2025-02-01',
  '/api/insights/dora?group=group:default/payments-team&from=2025-01-01&to=2025-02-01',
  '/api/insights/dora/windows?window=2025-01-01/2025-02-01&incidentWindow=2025-01-01/2025-02-01',
  '/api/insights/adoption?from=2025-01-01&to=2025-02-01',
  '/api/insights/definitions',
  '/api/insights/survey/results?quarter=2025-Q1',
  '/api/insights/backfill/status',
];

describe.each(databases.eachSupportedId())(
  'insights authorisation on %p',
  databaseId => {
    async function start(denied: string[]) {
      const knex = await databases.init(databaseId);
      const permissions = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(
            (r): DefinitivePolicyDecision => ({
              result: denied.includes(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            }),
          ),
      });
      const triggerTask = jest.fn(async (_id: string) => {});
      const scheduler = mockServices.scheduler.mock({ triggerTask });
      const catalog = catalogServiceMock.mock({
        getEntityByRef: async () => group('payments-team'),
        getEntities: async () => ({
          items: [component('payments', 'payments-team', 'acme/payments')],
        }),
      });
      const { server } = await startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              insights: {
                backfill: { enabled: true },
                github: { token: 't', organizations: ['acme'] },
              },
            },
          }),
          permissions.factory,
          scheduler.factory,
          catalog.factory,
        ],
      });
      return { knex, server, permissions, triggerTask, catalog, scheduler };
    }

    it.each(READ_ROUTES)(
      'GET %s answers 403 when the policy denies insights.read, reading nothing',
      async path => {
        const { knex, server, permissions, catalog } = await start([
          'insights.read',
        ]);
        const res = await request(server)
          .get(path)
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain('insights.read');
        // Asked with the caller's own credentials.
        expect(permissions.authorize).toHaveBeenCalledWith(
          [{ permission: expect.objectContaining({ name: 'insights.read' }) }],
          {
            credentials: expect.objectContaining({
              principal: expect.objectContaining({
                userEntityRef: 'user:default/mock',
              }),
            }),
          },
        );
        expect(catalog.getEntities).not.toHaveBeenCalled();
        await knex.destroy();
      },
    );

    // Adoption also reads the scaffolder's tasks, which this backend does not have.
    it.each(READ_ROUTES.filter(path => !path.includes('/adoption')))(
      'GET %s answers 200 when the policy allows insights.read',
      async path => {
        const { knex, server } = await start([]);
        const res = await request(server)
          .get(path)
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        await knex.destroy();
      },
    );

    it('starts a backfill run through the scheduler, one at a time', async () => {
      const { knex, server, triggerTask, scheduler } = await start([]);
      // The backfill, the payload retention cleanup and the comment shuffle run on one replica at a time.
      for (const id of [
        'insights-github-backfill',
        'insights-github-events-retention',
        'insights-survey-comments-shuffle',
      ]) {
        expect(scheduler.scheduleTask).toHaveBeenCalledWith(
          expect.objectContaining({ id, scope: 'global' }),
        );
      }
      const first = await request(server)
        .post('/api/insights/backfill/run')
        .set('Authorization', mockCredentials.user.header());
      expect(first.status).toBe(202);
      expect(triggerTask).toHaveBeenCalledWith('insights-github-backfill');

      // The scheduler refuses while a run holds the task (on this replica or another).
      triggerTask.mockRejectedValueOnce(
        new ConflictError('Task insights-github-backfill is currently running'),
      );
      const second = await request(server)
        .post('/api/insights/backfill/run')
        .set('Authorization', mockCredentials.user.header());
      expect(second.status).toBe(409);
      expect(second.body.error.message).toContain('a run is in progress');
      await knex.destroy();
    });

    it('refuses to start a backfill run when the policy denies insights.backfill.run', async () => {
      const { knex, server, triggerTask } = await start([
        'insights.backfill.run',
      ]);
      const res = await request(server)
        .post('/api/insights/backfill/run')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(403);
      expect(triggerTask).not.toHaveBeenCalled();
      await knex.destroy();
    });
  },
);
