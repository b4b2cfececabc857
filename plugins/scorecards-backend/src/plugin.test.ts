import {
  BackstageCredentials,
  BackstageUserPrincipal,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DoraSummary } from '@internal/plugin-insights-common';
import {
  InsightsService,
  insightsServiceRef,
} from '@internal/plugin-insights-node';
import {
  latestVersion,
  parseVersionsFile,
} from '@internal/plugin-golden-path-upgrades-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { scorecardsPlugin } from './plugin';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const ELENA = 'user:default/elena'; // payments-team
const BOB = 'user:default/bob'; // web-team
const ADMIN = 'user:default/root';
const TEAMS: Record<string, string> = {
  [ELENA]: 'group:default/payments-team',
  [BOB]: 'group:default/web-team',
  [ADMIN]: 'group:default/platform-team',
};

/** Checkout was made from the latest version of the repository's service golden path. */
const TYPESCRIPT_SERVICE_LATEST = latestVersion(
  parseVersionsFile(
    fs.readFileSync(
      path.resolve(
        __dirname,
        '../../../templates/typescript-service/versions.yaml',
      ),
      'utf8',
    ),
  ),
).version;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'checkout-api', namespace: 'default' },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'payments-team',
      definition: 'openapi: 3.0.3',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-service',
      namespace: 'default',
      description: 'Turns a cart into an order.',
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'acme.example/template': 'typescript-service',
        'acme.example/template-version': TYPESCRIPT_SERVICE_LATEST,
      },
      links: [
        {
          url: 'https://grafana.example/d/checkout',
          title: 'Grafana dashboard',
          icon: 'dashboard',
        },
      ],
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'payments-team',
      system: 'checkout',
    },
    relations: [{ type: 'providesApi', targetRef: 'api:default/checkout-api' }],
  },
];

/** Checkout's last 90 days: median lead time 31 h, 10 % failed, 2 deploys a week, restored in 5 h. */
const dora = {
  scope: { entityRef: 'component:default/checkout-service', repositories: 1 },
  window: { from: '', to: '', days: 90, weeks: 12, months: 3 },
  deploymentFrequency: {
    deployments: 24,
    deploymentsPerWeek: 2,
    medianDeployDaysPerWeek: 2,
    medianDeployDaysPerMonth: 8,
    category: 'high',
  },
  leadTimeForChanges: {
    changes: 30,
    medianHours: 31,
    p90Hours: 80,
    category: 'high',
  },
  changeFailureRate: {
    deployments: 24,
    failedDeployments: 2.4,
    rate: 0.1,
    category: 'elite',
  },
  timeToRestore: { incidents: 2, medianHours: 5, category: 'high' },
  weekly: [],
} as unknown as DoraSummary;

function userOf(credentials: BackstageCredentials): string {
  return (credentials as BackstageCredentials<BackstageUserPrincipal>).principal
    .userEntityRef;
}

describe.each(databases.eachSupportedId())(
  'scorecards plugin on %p',
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          scorecardsPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              scorecards: {
                checksDirectory: path.resolve(
                  __dirname,
                  '../../../scorecards/checks',
                ),
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 5 },
                  initialDelay: { hours: 24 },
                },
              },
            },
          }),
          catalogServiceMock.factory({ entities }),
          createServiceFactory({
            service: insightsServiceRef,
            deps: {},
            // only what the scorecards call; the service has more
            factory: () =>
              ({
                getDora: async query =>
                  query.entityRef === 'component:default/checkout-service'
                    ? dora
                    : Promise.reject(new Error('no such')),
                getAdoption: async () => {
                  throw new Error('not used');
                },
              } as Pick<
                InsightsService,
                'getDora' | 'getAdoption'
              > as InsightsService),
          }),
          mockServices.userInfo.mock({
            getUserInfo: async credentials => ({
              userEntityRef: userOf(credentials),
              ownershipEntityRefs: [
                userOf(credentials),
                TEAMS[userOf(credentials)],
              ],
            }),
          }).factory,
          mockServices.permissions.mock({
            authorize: async (requests, { credentials }) =>
              requests.map(r => ({
                result:
                  userOf(credentials) === ADMIN ||
                  !['scorecards.waiver.decide', 'scorecards.refresh'].includes(
                    r.permission.name,
                  )
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
              })),
          }).factory,
        ],
      });
      return server;
    }

    const as = (user: string) => mockCredentials.user.header(user);

    it('collects, evaluates and explains a scorecard; a granted waiver lifts the level', async () => {
      const server = await start();
      const entityRef = 'component:default/checkout-service';

      await request(server)
        .get('/api/scorecards/checks')
        .set('Authorization', mockCredentials.none.header())
        .expect(401);
      await request(server)
        .post('/api/scorecards/refresh')
        .set('Authorization', as(ELENA))
        .expect(403);
      await request(server)
        .post('/api/scorecards/refresh')
        .set('Authorization', as(ADMIN))
        .expect(202);

      let scorecard: any;
      for (let i = 0; i < 100; i++) {
        const res = await request(server)
          .get('/api/scorecards/entity')
          .query({ entityRef })
          .set('Authorization', as(ELENA));
        if (res.status === 200) {
          scorecard = res.body;
          break;
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      // bronze: owner, description, lifecycle pass (the GitHub and Kubernetes checks are left out:
      // no retriever collects their facts here); silver fails only on the on-call link
      expect(scorecard.level).toBe('bronze');
      expect(scorecard.nextLevel).toBe('silver');
      expect(scorecard.blocking).toEqual(['has-on-call-link']);
      const leadTime = scorecard.results.find(
        (r: any) => r.check.id === 'lead-time-under-a-day',
      );
      expect(leadTime).toMatchObject({
        status: 'fail',
        value: 31,
        message: 'lead time 31 h, needs ≤ 24 h',
        check: { level: 'gold', requirement: 'needs ≤ 24 h' },
      });
      expect(scorecard.results.map((r: any) => r.check.id)).not.toContain(
        'has-codeowners',
      );
      expect(
        scorecard.results.find(
          (r: any) => r.check.id === 'golden-path-current',
        ),
      ).toMatchObject({ status: 'pass', value: 0 });

      // a waiver: not by another team, yes by the owning team; granted by an admin only
      const body = {
        entityRef,
        checkId: 'has-on-call-link',
        reason: 'Rota starts next month',
        expiresAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
      };
      await request(server)
        .post('/api/scorecards/waivers')
        .set('Authorization', as(BOB))
        .send(body)
        .expect(403);
      await request(server)
        .post('/api/scorecards/waivers')
        .set('Authorization', as(ELENA))
        .send({ ...body, expiresAt: '2020-01-01T00:00:00Z' })
        .expect(400, /expiresAt: must be in the future/);
      await request(server)
        .post('/api/scorecards/waivers')
        .set('Authorization', as(ELENA))
        .send({ ...body, reason: 'a\u0000b' })
        .expect(400, /reason/);
      const requested = await request(server)
        .post('/api/scorecards/waivers')
        .set('Authorization', as(ELENA))
        .send(body)
        .expect(201);
      expect(requested.body).toMatchObject({
        status: 'requested',
        requestedBy: ELENA,
      });
      const id = requested.body.id;
      await request(server)
        .post(`/api/scorecards/waivers/${id}/decision`)
        .set('Authorization', as(ELENA))
        .send({ decision: 'grant' })
        .expect(403);
      await request(server)
        .post(`/api/scorecards/waivers/${id}/decision`)
        .set('Authorization', as(ADMIN))
        .send({ decision: 'grant' })
        .expect(200);
      await request(server)
        .post(`/api/scorecards/waivers/${id}/decision`)
        .set('Authorization', as(ADMIN))
        .send({ decision: 'reject' })
        .expect(409);

      const after = await request(server)
        .get('/api/scorecards/entity')
        .query({ entityRef })
        .set('Authorization', as(ELENA))
        .expect(200);
      expect(after.body.level).toBe('silver');
      expect(after.body.blocking).toEqual(['lead-time-under-a-day']);

      // the summary follows at once: one service, now at silver, in payments-team
      const summary = await request(server)
        .get('/api/scorecards/summary')
        .set('Authorization', as(BOB))
        .expect(200);
      expect(summary.body.byTeam).toEqual([
        { ownerRef: 'group:default/payments-team', counts: { silver: 1 } },
      ]);
      expect(summary.body.checks[0]).toMatchObject({
        checkId: 'lead-time-under-a-day',
        applicable: 1,
        passing: 0,
      });
      expect(summary.body.trend).toEqual([
        { day: new Date().toISOString().slice(0, 10), counts: { silver: 1 } },
      ]);
      // the team page: checkout at silver, held back at gold by the lead time alone
      const team = await request(server)
        .get('/api/scorecards/team')
        .query({ owner: 'Group:payments-team' })
        .set('Authorization', as(BOB))
        .expect(200);
      const today = new Date().toISOString().slice(0, 10);
      expect(team.body).toMatchObject({
        ownerRef: 'group:default/payments-team',
        counts: { silver: 1 },
        services: [{ entityRef, level: 'silver' }],
        holdingBack: [
          {
            checkId: 'lead-time-under-a-day',
            level: 'gold',
            services: 1,
          },
        ],
        quarters: [{ day: today, counts: { silver: 1 } }],
      });
      await request(server)
        .get('/api/scorecards/team')
        .set('Authorization', as(BOB))
        .expect(400, /owner/);
      await request(server)
        .get('/api/scorecards/team')
        .query({ owner: 'group:default/payments-team' })
        .set('Authorization', mockCredentials.none.header())
        .expect(401);
      // no GitHub integration here: no request made, none counted
      const requests = await request(server)
        .get('/api/scorecards/github/requests')
        .query({ days: 30 })
        .set('Authorization', as(BOB))
        .expect(200);
      expect(requests.body).toEqual({ items: [] });
      await request(server)
        .get('/api/scorecards/github/requests')
        .query({ days: 91 })
        .set('Authorization', as(BOB))
        .expect(400, /days/);
      // checkout, the one service, was made from the latest golden path version: 1 / 1
      expect(summary.body.goldenPaths).toEqual({
        services: 1,
        fromGoldenPath: 1,
        onLatestVersion: 1,
        adoptedShare: 1,
        currentShare: 1,
        aim: 0.8,
        meetsAim: true,
      });
      expect(summary.body.goldenPathsByTeam).toEqual([
        {
          ownerRef: 'group:default/payments-team',
          ...summary.body.goldenPaths,
        },
      ]);
    });
  },
);
