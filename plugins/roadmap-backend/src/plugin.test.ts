import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createPostgresTestDatabases } from '@internal/test-databases';
import express from 'express';
import request from 'supertest';
import { roadmapPlugin } from './plugin';

jest.setTimeout(120_000);

const INITIATIVE = '7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e';

/** The scorecards backend, as far as the roadmap reads it: its initiatives. */
const scorecardsStandIn = createBackendPlugin({
  pluginId: 'scorecards',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = express.Router();
        router.get('/initiatives', (_req, res) => {
          res.json({
            items: [
              { id: INITIATIVE, title: 'Every production service at silver' },
            ],
          });
        });
        httpRouter.use(router);
      },
    });
  },
});

const ALICE = mockCredentials.user.header('user:default/alice');
const BOB = mockCredentials.user.header('user:default/bob');
const ADMIN = mockCredentials.user.header('user:default/admin');

describe('the roadmap backend', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'takes a proposal from a developer to the roadmap and tells the proposer, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const send = jest.fn(async () => {});
      const { server } = await startTestBackend({
        features: [
          roadmapPlugin,
          scorecardsStandIn,
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send }),
          }),
        ],
      });

      const proposed = await request(server)
        .post('/api/roadmap/proposals')
        .set('Authorization', ALICE)
        .send({
          title: ' Preview environments ',
          description: 'One per pull request',
        })
        .expect(201);
      expect(proposed.body).toMatchObject({
        title: 'Preview environments',
        proposerRef: 'user:default/alice',
        status: 'open',
        votes: 0,
      });
      const id = proposed.body.id;
      await request(server)
        .put(`/api/roadmap/proposals/${id}/vote`)
        .set('Authorization', BOB)
        .expect(200);
      const voted = await request(server)
        .put(`/api/roadmap/proposals/${id}/vote`)
        .set('Authorization', BOB)
        .expect(200);
      expect(voted.body).toMatchObject({ votes: 1, voted: true });

      const answered = await request(server)
        .post(`/api/roadmap/proposals/${id}/answer`)
        .set('Authorization', ADMIN)
        .send({
          decision: 'planned',
          phase: 2,
          targetQuarter: '2099-Q1',
          reason: 'After the catalog.',
        })
        .expect(200);
      expect(answered.body).toMatchObject({ status: 'planned', votes: 1 });
      expect(send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: 'user:default/alice' },
        payload: {
          title: 'Roadmap: "Preview environments" is planned',
          description:
            'Planned for Phase 2: Expansion, 2099-Q1. After the catalog.',
          link: '/roadmap',
          severity: 'normal',
          topic: 'roadmap-proposal',
          scope: `roadmap-proposal:${id}:planned`,
        },
      });

      // the admin links the item to a scorecard initiative, read from the scorecards backend
      const item = answered.body.itemId;
      const linked = await request(server)
        .put(`/api/roadmap/items/${item}`)
        .set('Authorization', ADMIN)
        .send({
          title: 'Preview environments',
          description: 'One per pull request',
          phase: 2,
          status: 'in-progress',
          targetQuarter: '2099-Q1',
          recommendations: ['phase:phase2'],
          initiatives: [INITIATIVE.toUpperCase()],
        })
        .expect(200);
      expect(linked.body.initiatives).toEqual([
        { id: INITIATIVE, title: 'Every production service at silver' },
      ]);
      const unknown = await request(server)
        .post('/api/roadmap/items')
        .set('Authorization', ADMIN)
        .send({
          ...linked.body,
          id: undefined,
          proposalId: undefined,
          createdAt: undefined,
          updatedAt: undefined,
          recommendations: [],
          initiatives: ['00000000-0000-4000-8000-000000000000'],
        });
      expect(unknown.status).toBe(400);

      const roadmap = await request(server)
        .get('/api/roadmap/items')
        .set('Authorization', BOB)
        .expect(200);
      expect(roadmap.body.items).toHaveLength(1);
      expect(roadmap.body.items[0]).toMatchObject({
        phase: 2,
        targetQuarter: '2099-Q1',
        status: 'in-progress',
        proposalId: id,
      });
      expect(roadmap.body.progress.phases[2]).toEqual({
        phase: 2,
        name: 'Phase 2: Expansion',
        total: 1,
        planned: 0,
        inProgress: 1,
        done: 0,
        doneShare: 0,
      });

      // a past quarter is refused, naming the field
      const second = await request(server)
        .post('/api/roadmap/proposals')
        .set('Authorization', ALICE)
        .send({ title: 'Faster CI', description: '' })
        .expect(201);
      const past = await request(server)
        .post(`/api/roadmap/proposals/${second.body.id}/answer`)
        .set('Authorization', ADMIN)
        .send({ decision: 'planned', phase: 1, targetQuarter: '2000-Q1' });
      expect(past.status).toBe(400);
      expect(past.body.error.message).toMatch(
        /^targetQuarter: must be 20\d\d-Q[1-4] or later/,
      );
      const declined = await request(server)
        .post(`/api/roadmap/proposals/${second.body.id}/answer`)
        .set('Authorization', ADMIN)
        .send({ decision: 'declined' });
      expect(declined.status).toBe(400);
      expect(declined.body.error.message).toBe('reason: is required');
      expect(send).toHaveBeenCalledTimes(1);
      await request(server)
        .post(`/api/roadmap/proposals/${second.body.id}/answer`)
        .set('Authorization', ADMIN)
        .send({ decision: 'declined', reason: 'CI is fast enough.' })
        .expect(200);
      const conflict = await request(server)
        .put(`/api/roadmap/proposals/${second.body.id}/vote`)
        .set('Authorization', BOB);
      expect(conflict.status).toBe(409);
      expect(send).toHaveBeenLastCalledWith(
        expect.objectContaining({
          payload: expect.objectContaining({
            description: 'Declined: CI is fast enough.',
          }),
        }),
      );
    },
  );
});
