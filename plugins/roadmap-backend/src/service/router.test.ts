import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { roadmapManagePermission } from '@internal/plugin-roadmap-common';
import express from 'express';
import request from 'supertest';
import { RoadmapService } from '../services/Roadmap/types';
import { createRouter } from './router';

const ID = '7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e';
const ITEM = {
  title: 'Preview environments',
  description: '',
  phase: 2,
  status: 'planned',
  targetQuarter: '2027-Q2',
  recommendations: [],
  initiatives: [],
};
const ANSWER = { decision: 'planned', phase: 2, targetQuarter: '2027-Q2' };

/** The router with the portal policy's roadmap rows: members all but roadmap.manage. */
async function app(isAdmin: boolean) {
  const service = {
    getRoadmap: jest.fn(async () => ({ items: [], progress: {} })),
    createItem: jest.fn(async () => ({ id: ID })),
    updateItem: jest.fn(async () => ({ id: ID })),
    listProposals: jest.fn(async () => []),
    propose: jest.fn(async () => ({ id: ID })),
    vote: jest.fn(async () => ({ id: ID })),
    withdrawVote: jest.fn(async () => ({ id: ID })),
    answer: jest.fn(async () => ({ id: ID })),
  };
  const permissions = {
    authorize: async (requests: { permission: { name: string } }[]) =>
      requests.map(({ permission }) => ({
        result:
          isAdmin || permission.name !== roadmapManagePermission.name
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  } as unknown as PermissionsService;
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions,
    service: service as unknown as RoadmapService,
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
  return { server, service };
}

const JANE = mockCredentials.user.header('user:default/jane');

// anonymous callers: every route answers 401 in router.fuzz.test.ts, on the real backend
describe('roadmap routes', () => {
  it('let a member read, propose and vote, as themselves', async () => {
    const { server, service } = await app(false);
    await request(server).get('/items').set('Authorization', JANE).expect(200);
    await request(server)
      .get('/proposals')
      .query({ status: 'open' })
      .set('Authorization', JANE)
      .expect(200, { items: [] });
    await request(server)
      .post('/proposals')
      .set('Authorization', JANE)
      .send({ title: 'Faster CI', description: '' })
      .expect(201);
    await request(server)
      .put(`/proposals/${ID}/vote`)
      .set('Authorization', JANE)
      .expect(200);
    await request(server)
      .delete(`/proposals/${ID}/vote`)
      .set('Authorization', JANE)
      .expect(200);
    const caller = expect.objectContaining({ userRef: 'user:default/jane' });
    expect(service.listProposals).toHaveBeenCalledWith('open', caller);
    expect(service.propose).toHaveBeenCalledWith(
      { title: 'Faster CI', description: '' },
      caller,
    );
    expect(service.vote).toHaveBeenCalledWith(ID, caller);
    expect(service.withdrawVote).toHaveBeenCalledWith(ID, caller);
  });

  it('refuse a member editing items or answering proposals, naming the permission', async () => {
    const { server, service } = await app(false);
    for (const call of [
      request(server).post('/items').send(ITEM),
      request(server).put(`/items/${ID}`).send(ITEM),
      request(server).post(`/proposals/${ID}/answer`).send(ANSWER),
    ]) {
      const res = await call.set('Authorization', JANE);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Not allowed: roadmap.manage');
    }
    expect(service.createItem).not.toHaveBeenCalled();
    expect(service.updateItem).not.toHaveBeenCalled();
    expect(service.answer).not.toHaveBeenCalled();
  });

  it('let a platform admin edit items and answer proposals', async () => {
    const { server, service } = await app(true);
    await request(server)
      .post('/items')
      .set('Authorization', JANE)
      .send(ITEM)
      .expect(201);
    await request(server)
      .put(`/items/${ID}`)
      .set('Authorization', JANE)
      .send(ITEM)
      .expect(200);
    await request(server)
      .post(`/proposals/${ID}/answer`)
      .set('Authorization', JANE)
      .send(ANSWER)
      .expect(200);
    expect(service.answer).toHaveBeenCalledWith(
      ID,
      ANSWER,
      expect.objectContaining({ userRef: 'user:default/jane' }),
    );
  });

  it('refuse what the contract does not allow before any service call, naming the field', async () => {
    const { server, service } = await app(true);
    const res = await request(server)
      .post('/items')
      .set('Authorization', JANE)
      .send({ ...ITEM, phase: 4 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('phase');
    expect(service.createItem).not.toHaveBeenCalled();
  });
});
