import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { scorecardsInitiativeManagePermission } from '@internal/plugin-scorecards-common';
import express from 'express';
import request from 'supertest';
import { InitiativeService } from '../services/Initiatives/types';
import { ScorecardService } from '../services/Scorecards/types';
import { createRouter } from './router';

const ID = '7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e';
const INPUT = {
  title: 'Every production service at silver by the end of Q2',
  description: '',
  ownerRef: 'group:default/platform-team',
  appliesTo: { lifecycle: ['production'] },
  targetLevel: 'silver',
  targetShare: 1,
  startsAt: '2026-04-01T00:00:00Z',
  deadline: '2026-06-30T00:00:00Z',
};

/** The router with a policy that allows everything but managing initiatives for members. */
async function app(isAdmin: boolean) {
  const initiatives = {
    list: jest.fn(async () => []),
    get: jest.fn(),
    create: jest.fn(async input => ({ id: ID, ...input })),
    update: jest.fn(async (id, input) => ({ id, ...input })),
  };
  const permissions = {
    authorize: async (requests: { permission: { name: string } }[]) =>
      requests.map(({ permission }) => ({
        result:
          isAdmin ||
          permission.name !== scorecardsInitiativeManagePermission.name
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  } as unknown as PermissionsService;
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions,
    service: {} as ScorecardService,
    initiatives: initiatives as unknown as InitiativeService,
    triggerRefresh: async () => {},
  });
  const server = express();
  server.use(router);
  // the status the default Backstage error handler gives these errors
  server.use(
    (
      error: Error,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      const status: Record<string, number> = {
        AuthenticationError: 401,
        NotAllowedError: 403,
        InputError: 400,
      };
      res
        .status(status[error.name] ?? 500)
        .json({ error: { message: error.message } });
    },
  );
  return { server, initiatives };
}

const USER = mockCredentials.user.header('user:default/jane');

// anonymous callers: every route answers 401 in router.fuzz.test.ts, on the real backend
describe('initiative routes', () => {
  it('let a member list but not create or change initiatives', async () => {
    const { server, initiatives } = await app(false);
    await request(server)
      .get('/initiatives')
      .set('Authorization', USER)
      .expect(200, { items: [] });
    const created = await request(server)
      .post('/initiatives')
      .set('Authorization', USER)
      .send(INPUT);
    expect(created.status).toBe(403);
    expect(created.body.error.message).toContain(
      'scorecards.initiative.manage',
    );
    await request(server)
      .put(`/initiatives/${ID}`)
      .set('Authorization', USER)
      .send(INPUT)
      .expect(403);
    expect(initiatives.create).not.toHaveBeenCalled();
    expect(initiatives.update).not.toHaveBeenCalled();
  });

  it('let a platform admin create and change them, as themselves', async () => {
    const { server, initiatives } = await app(true);
    await request(server)
      .post('/initiatives')
      .set('Authorization', USER)
      .send(INPUT)
      .expect(201);
    expect(initiatives.create).toHaveBeenCalledWith(INPUT, 'user:default/jane');
    await request(server)
      .put(`/initiatives/${ID}`)
      .set('Authorization', USER)
      .send(INPUT)
      .expect(200);
    expect(initiatives.update).toHaveBeenCalledWith(
      ID,
      INPUT,
      'user:default/jane',
    );
  });
});
