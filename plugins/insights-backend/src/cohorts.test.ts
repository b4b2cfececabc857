import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
} from '@backstage/plugin-permission-common';
import { CohortComparison } from '@internal/plugin-insights-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseGithubStore } from './database/DatabaseGithubStore';
import { GithubRecord } from './database/GithubStore';
import { insightsMigrations } from './database/migrations';
import { insightsPlugin } from './plugin';
import { component, group } from './__testUtils__/github';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();
const H = 3_600_000;
const TEAM = 'group:default/payments-team';
const WINDOW = 'from=2025-01-01&to=2025-02-01';

/** A successful production deployment at `at` with changes authored `leads` hours before. */
function deployment(
  id: number,
  repository: string,
  at: string,
  leads: number[],
): GithubRecord[] {
  const time = Date.parse(at);
  return [
    {
      kind: 'deployment',
      deploymentId: id,
      repository,
      environment: 'production',
      sha: `${id}-head`,
      createdAt: at,
    },
    { kind: 'deploymentStatus', deploymentId: id, state: 'success', at },
    {
      kind: 'deploymentChanges',
      deploymentId: id,
      repository,
      commits: leads.map((lead, i) => ({
        sha: `${id}-${i}`,
        authoredAt: new Date(time - lead * H).toISOString(),
      })),
    },
  ];
}

describe.each(databases.eachSupportedId())(
  'golden path against off-road on %p',
  databaseId => {
    async function start(denied: string[] = []) {
      const knex: Knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      await new DatabaseGithubStore(knex, {
        productionPattern: '^production$',
        incidentPattern: 'incident',
      }).apply([
        ...deployment(1, 'acme/payments', '2025-01-10T10:00:00Z', [2, 4]),
        ...deployment(2, 'acme/payments', '2025-01-20T10:00:00Z', [6]),
        ...deployment(3, 'acme/legacy', '2025-01-05T10:00:00Z', [10]),
      ]);
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
      const { server } = await startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { insights: { backfill: { enabled: false } } },
          }),
          permissions.factory,
          catalogServiceMock.factory({
            entities: [
              group('payments-team'),
              component('payments', 'payments-team', 'acme/payments', {
                'acme.example/template': 'node-service',
                'acme.example/template-version': '1.2.0',
              }),
              component('legacy', 'payments-team', 'acme/legacy'),
            ],
          }),
        ],
      });
      const user = mockCredentials.user.header();
      return { knex, server, user };
    }

    it('compares the golden-path services with the others, with what stands behind each figure', async () => {
      const { knex, server, user } = await start();
      const res = await request(server)
        .get(`/api/insights/cohorts?${WINDOW}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const body = res.body as CohortComparison;
      // Window: 31 days; whole weeks from Monday 6 January: 6, 13, 20 (27 + 7 > 1 February).
      // Golden path (payments): 2 deployments ÷ 1 service ÷ (31 ÷ 7) weeks = 14 ÷ 31; lead
      // times 2, 4, 6 → median 4.
      expect(body.goldenPath).toMatchObject({
        services: 1,
        servicesWithDeployments: 1,
        days: 31,
        weeks: 3,
        deployments: 2,
        changes: 3,
        medianLeadTimeHours: 4,
        failedDeployments: 0,
        changeFailureRate: 0,
        incidentsRestored: 0,
        medianTimeToRestoreHours: null,
      });
      expect(body.goldenPath.deploymentsPerServicePerWeek).toBeCloseTo(
        14 / 31,
        10,
      );
      // Off-road (legacy): 1 deployment, lead 10.
      expect(body.offRoad).toMatchObject({
        services: 1,
        deployments: 1,
        medianLeadTimeHours: 10,
      });
      // One service on each side: no verdict, and the reason says so.
      const lead = body.goldenPathAgainstOffRoad.find(
        c => c.metric === 'leadTime',
      )!;
      expect(lead).toMatchObject({
        baseline: 10,
        candidate: 4,
        difference: -0.6, // (4 − 10) ÷ 10
        verdict: null,
      });
      expect(lead.reason).toContain(
        'baseline: 1 services with deployments (needs 5)',
      );

      // The team adopted with its first golden-path service: the first commit of
      // acme/payments, authored 4 h before its first deployment (10 January 06:00).
      expect(body.teams).toHaveLength(1);
      const team = body.teams[0];
      expect(team).toMatchObject({
        team: TEAM,
        services: 2,
        goldenPathServices: 1,
        adoptedAt: '2025-01-10T06:00:00.000Z',
        adoptionSource: 'first-golden-path-service',
      });
      // Before: 1–10 January 06:00, legacy's deployment; after: both payments deployments.
      expect(team.before).toMatchObject({
        from: '2025-01-01T00:00:00.000Z',
        to: '2025-01-10T06:00:00.000Z',
        deployments: 1,
        weeks: 0,
      });
      expect(team.after).toMatchObject({ deployments: 2, weeks: 2 });
      expect(team.comparison?.every(c => c.verdict === null)).toBe(true);
      expect(body.adoption.teams).toBe(1);
      expect(body.adoption.after.deployments).toBe(2);
      await knex.destroy();
    });

    it('lets a platform admin set and clear a team adoption date', async () => {
      const { knex, server, user } = await start();
      const set = await request(server)
        .put('/api/insights/cohorts/adoption-date')
        .set('Authorization', user)
        .send({ team: 'payments-team', adoptedAt: '2025-01-15' });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({
        team: TEAM,
        adoptedAt: '2025-01-15T00:00:00.000Z',
        setBy: 'user:default/mock',
      });
      const after = await request(server)
        .get(`/api/insights/cohorts?group=${TEAM}&${WINDOW}`)
        .set('Authorization', user);
      expect(after.body.teams[0]).toMatchObject({
        adoptedAt: '2025-01-15T00:00:00.000Z',
        adoptionSource: 'set',
      });
      // Before 15 January: legacy's deployment and payments' first.
      expect(after.body.teams[0].before.deployments).toBe(2);

      const cleared = await request(server)
        .delete('/api/insights/cohorts/adoption-date')
        .query({ team: TEAM })
        .set('Authorization', user);
      expect(cleared.status).toBe(200);
      expect(cleared.body).toEqual({ team: TEAM, adoptedAt: null });
      expect(await knex('insights_team_adoption_dates')).toEqual([]);
      await knex.destroy();
    });

    it.each([
      [{ team: TEAM, adoptedAt: '2025-02-30' }, 'adoptedAt'],
      [{ team: TEAM, adoptedAt: 'soon' }, 'adoptedAt'],
      [
        { team: 'component:default/payments', adoptedAt: '2025-01-15' },
        'team: ',
      ],
      [{ team: TEAM }, 'adoptedAt'],
      [{ team: TEAM, adoptedAt: null }, 'adoptedAt'],
    ])('refuses %p naming %s, storing nothing', async (body, field) => {
      const { knex, server, user } = await start();
      const res = await request(server)
        .put('/api/insights/cohorts/adoption-date')
        .set('Authorization', user)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
      expect(await knex('insights_team_adoption_dates')).toEqual([]);
      await knex.destroy();
    });

    it('refuses a date from anyone the policy denies insights.adoption.set', async () => {
      const { knex, server, user } = await start(['insights.adoption.set']);
      const res = await request(server)
        .put('/api/insights/cohorts/adoption-date')
        .set('Authorization', user)
        .send({ team: TEAM, adoptedAt: '2025-01-15' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('insights.adoption.set');
      expect(await knex('insights_team_adoption_dates')).toEqual([]);
      await knex.destroy();
    });

    it('refuses the comparison to anyone the policy denies insights.read', async () => {
      const { knex, server, user } = await start(['insights.read']);
      const res = await request(server)
        .get(`/api/insights/cohorts?${WINDOW}`)
        .set('Authorization', user);
      expect(res.status).toBe(403);
      await knex.destroy();
    });
  },
);
