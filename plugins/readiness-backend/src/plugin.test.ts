import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { questionIds } from '@internal/plugin-readiness-common';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import request from 'supertest';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { DatabaseAssessmentStore } from './database/DatabaseAssessmentStore';
import { readinessPlugin } from './plugin';

jest.setTimeout(60_000);

const group = (
  name: string,
  type: string,
  parent?: string,
  children: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: `${name} title` },
  spec: { type, children, ...(parent ? { parent } : {}) },
  relations: [
    ...children.map(c => ({
      type: 'parentOf',
      targetRef: `group:default/${c}`,
    })),
    ...(parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : []),
  ],
});
const user = (name: string, groups: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: groups },
  relations: groups.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});
const owned = (
  kind: string,
  name: string,
  owner: string,
  type?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { owner, ...(type ? { type } : {}) },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

const entities: Entity[] = [
  group('acme', 'organization', undefined, ['payments-team', 'platform-team']),
  group('payments-team', 'team', 'acme'),
  group('platform-team', 'team', 'acme'),
  user('elena', ['payments-team']),
  user('tomasz', ['payments-team']),
  user('ines', ['payments-team', 'platform-team']), // counted once for acme
  user('jonas', ['platform-team']),
  owned('Component', 'payment-gateway', 'payments-team', 'service'),
  owned('Component', 'fraud-detection', 'payments-team', 'service'),
  owned('Component', 'ui-kit', 'payments-team', 'library'), // not a service
  owned('Component', 'portal', 'platform-team', 'service'),
  owned('System', 'payments', 'payments-team'),
  owned('Resource', 'prod-cluster', 'platform-team', 'kubernetes-cluster'),
  owned('Resource', 'orders-db', 'payments-team', 'database'),
];

/** What the fake insights plugin answers, and the requests it received. */
type InsightsAnswer = { status: number; body: unknown };
const insights: {
  dora: InsightsAnswer;
  adoption: InsightsAnswer;
  calls: Array<{
    path: string;
    query: Record<string, unknown>;
    subject: string;
  }>;
} = {
  dora: { status: 200, body: {} },
  adoption: { status: 200, body: {} },
  calls: [],
};

/** An answer of `GET /api/insights/dora`, in full. */
const doraBody = (o: {
  deployments: number;
  medianDeployDaysPerWeek: number;
  frequency: string;
  leadTimeHours: number | null;
  leadTime: string | null;
}) => ({
  scope: { group: 'group:default/payments-team', repositories: 2 },
  window: { from: '', to: '', days: 90, weeks: 12, months: 2 },
  deploymentFrequency: {
    deployments: o.deployments,
    deploymentsPerWeek: (o.deployments / 90) * 7,
    medianDeployDaysPerWeek: o.medianDeployDaysPerWeek,
    medianDeployDaysPerMonth: o.medianDeployDaysPerWeek * 4,
    category: o.frequency,
  },
  leadTimeForChanges: {
    changes: o.leadTimeHours === null ? 0 : 30,
    medianHours: o.leadTimeHours,
    p90Hours: o.leadTimeHours,
    category: o.leadTime,
  },
  changeFailureRate: {
    deployments: o.deployments,
    failedDeployments: 0,
    rate: null,
    category: null,
  },
  timeToRestore: { incidents: 0, medianHours: null, category: null },
  weekly: [],
});

/** An answer of `GET /api/insights/adoption`, with the time to first deployment given. */
const adoptionBody = (ttfd: {
  value: number | null;
  numerator: number;
  denominator: number;
}) => ({
  window: { from: '', to: '' },
  kpis: [
    {
      id: 'teamAdoption',
      label: 'Teams on the platform',
      value: 1,
      unit: 'fraction',
      target: '80%+ of teams',
      met: true,
      definition: '',
    },
    {
      id: 'timeToFirstDeployment',
      label: 'Time to first deployment',
      unit: 'hours',
      target: 'within one day',
      met: null,
      definition: '',
      ...ttfd,
    },
  ],
  goldenPathUsage: [],
  components: [],
});

/** Stands in for the insights plugin: same plugin id, same routes, answers set by the test. */
const fakeInsightsPlugin = createBackendPlugin({
  pluginId: 'insights',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        const router = Router();
        for (const path of ['dora', 'adoption'] as const) {
          router.get(`/${path}`, async (req, res) => {
            const credentials = await httpAuth.credentials(req, {
              allow: ['service'],
            });
            insights.calls.push({
              path,
              query: { ...req.query },
              subject: credentials.principal.subject,
            });
            res.status(insights[path].status).json(insights[path].body);
          });
        }
        httpRouter.use(router);
      },
    });
  },
});

/** What the fake scorecards plugin answers, and who asked for which owner. */
const scorecards: {
  summary: { status: number; body: unknown };
  calls: Array<{ owner: unknown; user: string }>;
} = { summary: { status: 200, body: {} }, calls: [] };

/** An answer of `GET /api/scorecards/summary`, with its golden path counts given. */
const summaryBody = (
  services: number,
  fromGoldenPath: number,
  onLatestVersion: number,
  days: string[],
) => ({
  ownerRef: null,
  levels: ['bronze', 'silver', 'gold'],
  entities: services,
  byTeam: [],
  checks: [],
  trend: days.map(day => ({ day, counts: { bronze: services } })),
  goldenPaths: {
    services,
    fromGoldenPath,
    onLatestVersion,
    adoptedShare: services > 0 ? fromGoldenPath / services : null,
    currentShare: fromGoldenPath > 0 ? onLatestVersion / fromGoldenPath : null,
    aim: 0.8,
    meetsAim: services > 0 && fromGoldenPath / services >= 0.8,
  },
});

/** Stands in for the scorecards plugin: same plugin id, its summary route, users only. */
const fakeScorecardsPlugin = createBackendPlugin({
  pluginId: 'scorecards',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        const router = Router();
        router.get('/summary', async (req, res) => {
          const credentials = await httpAuth.credentials(req, {
            allow: ['user'],
          });
          scorecards.calls.push({
            owner: req.query.owner,
            user: credentials.principal.userEntityRef,
          });
          res.status(scorecards.summary.status).json(scorecards.summary.body);
        });
        httpRouter.use(router);
      },
    });
  },
});

/** The journey: mostly yellow → "Start planning". */
const planAnswers = {
  teamSize: { value: 72 }, // 50–99 → yellow
  deploymentFriction: 'yellow',
  infrastructureComplexity: 'yellow',
  developerComplaints: 'yellow',
  shadowIt: 'red',
  onboardingTime: { value: 2 }, // ≤ 2 → red
  contextSwitching: { value: 30 }, // ≥ 30 → green
};

/** investment.people 1, the other investment questions 2, everything else 3. */
function levelFor(questionId: string): number {
  if (questionId === 'investment.people') return 1;
  return questionId.startsWith('investment') ? 2 : 3;
}
const maturity = Object.fromEntries(questionIds.map(q => [q, levelFor(q)]));

describe('readiness backend', () => {
  const databases = createPostgresTestDatabases();

  async function start(
    knex: Knex,
    permission:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
    extra: Array<ReturnType<typeof createBackendPlugin>> = [],
  ) {
    const { server } = await startTestBackend({
      features: [
        readinessPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: permission }),
        ...extra,
      ],
    });
    return server;
  }

  async function countRows(knex: Knex) {
    const [a] = await knex('readiness_assessments').count({ n: '*' });
    const [b] = await knex('readiness_answers').count({ n: '*' });
    const [c] = await knex('readiness_maturity_answers').count({ n: '*' });
    return [Number(a.n), Number(b.n), Number(c.n)];
  }

  it.each(databases.eachSupportedId())(
    'evaluates, saves, lists, compares and exports, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);

      // Stateless evaluation
      const evaluated = await request(server)
        .post('/api/readiness/evaluate')
        .send({ answers: planAnswers });
      expect(evaluated.status).toBe(200);
      expect(evaluated.body.verdict.verdict).toBe('plan');
      expect(evaluated.body.verdict.headline).toBe('Start planning');
      // yellow: teamSize, friction, complexity, complaints = 4; red: shadowIt, onboarding = 2; green: 1
      expect(evaluated.body.verdict.counts).toEqual({
        green: 1,
        yellow: 4,
        red: 2,
      });
      expect(evaluated.body.recommendations.map((r: any) => r.kind)).toContain(
        'phase',
      );
      expect(await countRows(knex)).toEqual([0, 0, 0]);

      // Evidence: acme and its two teams; ines belongs to both and counts once
      const evidence = await request(server)
        .get('/api/readiness/evidence')
        .query({ group: 'group:default/acme' });
      expect(evidence.status).toBe(200);
      expect(evidence.body.counts).toEqual({
        engineers: 4,
        services: 3,
        systems: 1,
        environments: 1,
      });
      const teamSize = evidence.body.proposals.find(
        (p: any) => p.factor === 'teamSize',
      );
      expect(teamSize).toMatchObject({
        available: true,
        value: 4,
        colour: 'red',
      });
      expect(teamSize.source).toMatch(
        /4 users who are members of group:default\/acme and 2 sub-group/,
      );
      // 3 services > 3? no: 3 ≤ 3 → "a few services" → red
      expect(
        evidence.body.proposals.find(
          (p: any) => p.factor === 'infrastructureComplexity',
        ).colour,
      ).toBe('red');
      const payments = await request(server)
        .get('/api/readiness/evidence')
        .query({ group: 'payments-team' });
      expect(payments.body.counts).toEqual({
        engineers: 3,
        services: 2,
        systems: 1,
        environments: 0,
      });

      // Save with a measured team size that matches the catalog (3 users in payments-team)
      const first = await request(server)
        .post('/api/readiness/assessments')
        .set('Authorization', mockCredentials.user.header('user:default/elena'))
        .send({
          groupRef: 'group:default/payments-team',
          answers: {
            ...planAnswers,
            teamSize: { value: 3, source: 'measured' },
          },
          maturity,
          note: 'Q1',
        });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        groupRef: 'group:default/payments-team',
        groupTitle: 'payments-team title',
        scope: 'team',
        author: 'user:default/elena',
        note: 'Q1',
      });
      // 3 engineers → red; now red: teamSize, shadowIt, onboarding = 3; yellow 3; green 1 → mixed
      expect(first.body.result.verdict.verdict).toBe('mixed');
      expect(first.body.result.answers[0]).toMatchObject({
        colour: 'red',
        value: 3,
        source: 'measured',
      });
      expect(first.body.result.answers[0].evidence).toMatch(
        /^Catalog: 3 users/,
      );
      // investment: (1 + 2 + 2) / 3 = 1.67; every other aspect 3
      expect(first.body.result.maturity.aspects[0].score).toBe(1.67);
      // overall: (167 + 300 × 4) / 5 = 1367 / 5 = 273.4 → 2.73
      expect(first.body.result.maturity.overall).toBe(2.73);

      const second = await request(server)
        .post('/api/readiness/assessments')
        .send({
          groupRef: 'payments-team',
          answers: planAnswers,
          trajectory: 'growing',
        });
      expect(second.status).toBe(201);
      expect(second.body.author).toBe('user:default/mock');
      expect(second.body.result.verdict.verdict).toBe('plan');

      const org = await request(server)
        .post('/api/readiness/assessments')
        .send({ groupRef: 'group:default/acme', answers: planAnswers });
      expect(org.body.scope).toBe('organisation');
      expect(await countRows(knex)).toEqual([3, 21, 15]);

      // List (newest first) with SQL aggregates
      const list = await request(server)
        .get('/api/readiness/assessments')
        .query({ group: 'group:default/payments-team' });
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: any) => i.id)).toEqual([
        second.body.id,
        first.body.id,
      ]);
      const older = list.body.items[1];
      expect(older.counts).toEqual({ green: 1, yellow: 3, red: 3 });
      expect(older.measured).toEqual(['teamSize']);
      expect(older.aspectScores).toEqual({
        investment: 1.67,
        adoption: 3,
        interfaces: 3,
        operations: 3,
        measurement: 3,
      });
      expect(older.maturityOverall).toBe(2.73);
      expect(list.body.items[0].aspectScores).toBeNull();

      // Read one
      const read = await request(server).get(
        `/api/readiness/assessments/${first.body.id}`,
      );
      expect(read.body.result).toEqual(first.body.result);

      // History, oldest first, not stale
      const history = await request(server)
        .get('/api/readiness/history')
        .query({ group: 'group:default/payments-team' });
      expect(history.body.assessments.map((i: any) => i.id)).toEqual([
        first.body.id,
        second.body.id,
      ]);
      expect(history.body.stale).toBe(false);
      expect(history.body.daysSinceLast).toBe(0);

      // Latest per group
      const latest = await request(server).get(
        '/api/readiness/assessments/latest',
      );
      expect(latest.body.items.map((i: any) => i.groupRef).sort()).toEqual([
        'group:default/acme',
        'group:default/payments-team',
      ]);

      // Compare
      const diff = await request(server)
        .get('/api/readiness/assessments/compare')
        .query({ a: second.body.id, b: first.body.id });
      expect(diff.status).toBe(200);
      expect(diff.body.before.id).toBe(first.body.id);
      expect(diff.body.verdictChanged).toBe(true);
      expect(
        diff.body.factors
          .filter((f: any) => f.changed)
          .map((f: any) => f.factor),
      ).toEqual(['teamSize']);

      // Exports
      const md = await request(server).get(
        `/api/readiness/assessments/${second.body.id}/export`,
      );
      expect(md.status).toBe(200);
      expect(md.headers['content-type']).toMatch(/text\/markdown/);
      expect(md.text).toContain('## Verdict: Start planning');
      const csv = await request(server)
        .get(`/api/readiness/assessments/${second.body.id}/export`)
        .query({ format: 'csv' });
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(
        /readiness-group-default-payments-team-.*\.csv/,
      );
      expect(csv.text.split('\r\n')[0]).toBe(
        'section,key,label,result,value,source,detail',
      );

      // Delete
      expect(
        (
          await request(server).delete(
            `/api/readiness/assessments/${org.body.id}`,
          )
        ).status,
      ).toBe(204);
      expect(
        (await request(server).get(`/api/readiness/assessments/${org.body.id}`))
          .status,
      ).toBe(404);
      expect(await countRows(knex)).toEqual([2, 14, 15]);
    },
  );

  it.each(databases.eachSupportedId())(
    'reminds when the last assessment is over 90 days old, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);
      const store = new DatabaseAssessmentStore(knex);
      const dayMs = 24 * 60 * 60 * 1000;
      await store.insert({
        id: '00000000-0000-4000-8000-000000000001',
        groupRef: 'group:default/platform-team',
        groupTitle: 'Platform',
        scope: 'team',
        assessedAt: new Date(Date.now() - 91 * dayMs - 60_000).toISOString(),
        author: 'user:default/jonas',
        verdict: 'wait',
        trajectory: null,
        platformTeamSize: null,
        note: null,
        answers: Object.keys(planAnswers).map(factor => ({
          factor: factor as any,
          colour: 'red',
          value: null,
          source: 'declared',
          evidence: null,
        })),
        maturityAnswers: [],
      });
      const stale = await request(server)
        .get('/api/readiness/history')
        .query({ group: 'platform-team' });
      // 91 days and a minute ago → 91 whole days > 90
      expect(stale.body).toMatchObject({ stale: true, daysSinceLast: 91 });
      expect(stale.body.assessments[0].counts).toEqual({
        green: 0,
        yellow: 0,
        red: 7,
      });
      const none = await request(server)
        .get('/api/readiness/history')
        .query({ group: 'acme' });
      expect(none.body).toMatchObject({
        stale: true,
        daysSinceLast: null,
        assessments: [],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'rejects bad input with a 400 naming the field and saves nothing, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);
      const save = (body: unknown) =>
        request(server)
          .post('/api/readiness/assessments')
          .send(body as object);
      const cases: Array<[unknown, RegExp]> = [
        [
          {
            groupRef: 'payments-team',
            answers: { ...planAnswers, velocity: 'green' },
          },
          /^answers\.velocity: unknown field/,
        ],
        [
          {
            groupRef: 'payments-team',
            answers: { ...planAnswers, shadowIt: 'blue' },
          },
          /^answers\.shadowIt: /,
        ],
        [
          {
            groupRef: 'payments-team',
            answers: { ...planAnswers, teamSize: { value: -5 } },
          },
          /^answers\.teamSize\.value: must be >= 0/,
        ],
        [
          {
            groupRef: 'payments-team',
            answers: { ...planAnswers, contextSwitching: { value: 120 } },
          },
          /^answers\.contextSwitching\.value: must be <= 100/,
        ],
        [
          {
            groupRef: 'payments-team',
            answers: { ...planAnswers, onboardingTime: undefined },
          },
          /^answers\.onboardingTime: /,
        ],
        [
          {
            groupRef: 'payments-team',
            answers: planAnswers,
            maturity: { ...maturity, 'adoption.usage': 'expert' },
          },
          /^maturity\.adoption\.usage: .*provisional, operational, scalable, optimizing/,
        ],
        [
          { groupRef: 'payments-team', answers: planAnswers, trajectory: 'up' },
          /^trajectory: /,
        ],
        [
          { groupRef: 'ghost-team', answers: planAnswers },
          /^groupRef: no catalog Group 'group:default\/ghost-team'/,
        ],
        [
          { groupRef: 'component:default/portal', answers: planAnswers },
          /^groupRef: .* is not a Group reference/,
        ],
        [{ answers: planAnswers }, /^groupRef: /],
        // measured, but the catalog counts 3 engineers in payments-team, not 72
        [
          {
            groupRef: 'payments-team',
            answers: {
              ...planAnswers,
              teamSize: { value: 72, source: 'measured' },
            },
          },
          /^answers\.teamSize\.source: measured, but the portal gives 3/,
        ],
        [
          {
            groupRef: 'payments-team',
            answers: {
              ...planAnswers,
              shadowIt: { colour: 'red', source: 'measured' },
            },
          },
          /^answers\.shadowIt\.source: the portal has no measurement/,
        ],
        [[planAnswers], /^body: must be object/],
      ];
      for (const [body, message] of cases) {
        const res = await save(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.error.message).toMatch(message);
      }
      const malformed = await request(server)
        .post('/api/readiness/evaluate')
        .set('Content-Type', 'application/json')
        .send('{"answers": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/^body: is not valid JSON/);
      const huge = await request(server)
        .post('/api/readiness/evaluate')
        .send({ answers: planAnswers, note: 'x'.repeat(70_000) });
      expect(huge.status).toBe(400);
      expect(huge.body.error.message).toMatch(
        /^body: must be at most 65536 bytes/,
      );
      const badId = await request(server).get(
        '/api/readiness/assessments/not-a-uuid',
      );
      expect(badId.status).toBe(400);
      expect(badId.body.error.message).toMatch(/^id: must match pattern/);
      const badFormat = await request(server)
        .get(
          '/api/readiness/assessments/00000000-0000-4000-8000-000000000009/export',
        )
        .query({ format: 'pdf' });
      expect(badFormat.body.error.message).toMatch(
        /^format: must be equal to one of the allowed values: markdown, csv/,
      );
      const noGroup = await request(server).get('/api/readiness/evidence');
      expect(noGroup.body.error.message).toMatch(/^group: is required/);
      const unknownEvidence = await request(server)
        .get('/api/readiness/evidence')
        .query({ group: 'ghost' });
      expect(unknownEvidence.status).toBe(400);
      expect(unknownEvidence.body.error.message).toMatch(
        /^group: no catalog Group/,
      );
      expect(await countRows(knex)).toEqual([0, 0, 0]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses saving without the create permission, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const server = await start(knex, AuthorizeResult.DENY);
      const res = await request(server)
        .post('/api/readiness/assessments')
        .send({ groupRef: 'payments-team', answers: planAnswers });
      expect(res.status).toBe(403);
      expect(
        (await request(server).get('/api/readiness/assessments')).status,
      ).toBe(403);
      // Evaluation needs no permission: it stores nothing
      expect(
        (
          await request(server)
            .post('/api/readiness/evaluate')
            .send({ answers: planAnswers })
        ).status,
      ).toBe(200);
      expect(await countRows(knex)).toEqual([0, 0, 0]);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes an assessment and its answers in one transaction, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await start(knex); // runs the migrations
      const store = new DatabaseAssessmentStore(knex);
      await expect(
        store.insert({
          id: '00000000-0000-4000-8000-000000000002',
          groupRef: 'group:default/payments-team',
          groupTitle: 'Payments',
          scope: 'team',
          author: 'user:default/elena',
          verdict: 'plan',
          trajectory: null,
          platformTeamSize: null,
          note: null,
          answers: [
            {
              factor: 'teamSize',
              colour: 'yellow',
              value: null,
              source: 'declared',
              evidence: null,
            },
          ],
          // level 5 violates the check constraint after the assessment row was written
          maturityAnswers: [
            {
              questionId: 'adoption.usage',
              aspect: 'adoption',
              level: 5 as any,
            },
          ],
        }),
      ).rejects.toThrow(/readiness_maturity_answers_level_check/);
      expect(await countRows(knex)).toEqual([0, 0, 0]);
    },
  );
  it.each(databases.eachSupportedId())(
    'proposes onboarding time and deployment friction from the delivery metrics, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const server = await start(knex, AuthorizeResult.ALLOW, [
        fakeInsightsPlugin,
      ]);
      insights.calls = [];
      // Lead time 30 hours: DORA high → yellow; 2 deploy days a week: DORA high → red;
      // the one with more friction → yellow.
      insights.dora = {
        status: 200,
        body: doraBody({
          deployments: 24,
          medianDeployDaysPerWeek: 2,
          frequency: 'high',
          leadTimeHours: 30,
          leadTime: 'high',
        }),
      };
      // 120 hours from a golden path to production, 3 of 4 new services: 1200 ÷ 24 = 50 → 5.0 days,
      // over 2 and under 7 → yellow.
      insights.adoption = {
        status: 200,
        body: adoptionBody({ value: 120, numerator: 3, denominator: 4 }),
      };

      const evidence = await request(server)
        .get('/api/readiness/evidence')
        .query({ group: 'payments-team' });
      expect(evidence.status).toBe(200);
      const proposal = (factor: string) =>
        evidence.body.proposals.find((p: any) => p.factor === factor);
      expect(proposal('onboardingTime')).toMatchObject({
        available: true,
        value: 5,
        colour: 'yellow',
      });
      expect(proposal('onboardingTime').source).toMatch(
        /^Insights, the 90 days before \d{4}-\d{2}-\d{2}, group:default\/payments-team \(proxy\): median 120\.0 hours, 5\.0 days, .* over 3 of 4 new services\. It times a new service, not a new developer\.$/,
      );
      expect(proposal('deploymentFriction')).toMatchObject({
        available: true,
        value: null,
        colour: 'yellow',
      });
      // 30 hours ≥ 24 → shown in days: 30 ÷ 24 = 1.25 → 1.3
      expect(proposal('deploymentFriction').source).toMatch(
        /24 production deployments; median lead time for changes 1\.3 days \(DORA high → yellow\); a median of 2\.0 deploy days a week \(DORA high → red\); the one with more friction\.$/,
      );
      // The catalog's proposals are still there.
      expect(proposal('teamSize')).toMatchObject({ available: true, value: 3 });

      // Asked with the plugin's own service credentials, for the group, over 90 whole days to midnight UTC.
      expect(insights.calls.map(c => c.path).sort()).toEqual([
        'adoption',
        'dora',
      ]);
      for (const call of insights.calls) {
        expect(call.subject).toBe('plugin:readiness');
        expect(call.query.group).toBe('group:default/payments-team');
        const [from, to] = [
          Date.parse(String(call.query.from)),
          Date.parse(String(call.query.to)),
        ];
        expect(to - from).toBe(90 * 86_400_000);
        expect(String(call.query.to)).toMatch(/T00:00:00\.000Z$/);
      }

      // The organisation (spec.type organization): every service, no group parameter.
      insights.calls = [];
      const org = await request(server)
        .get('/api/readiness/evidence')
        .query({ group: 'acme' });
      expect(org.status).toBe(200);
      expect(insights.calls).toHaveLength(2);
      expect(insights.calls.every(c => c.query.group === undefined)).toBe(true);
      expect(
        org.body.proposals.find((p: any) => p.factor === 'onboardingTime')
          .source,
      ).toMatch(/, the whole organisation \(proxy\): /);
      // Two teams: insights measures one group or the whole organisation, so it is not asked.
      insights.calls = [];
      const two = await request(server)
        .get('/api/readiness/evidence')
        .query('group=payments-team&group=platform-team');
      expect(two.status).toBe(200);
      expect(insights.calls).toEqual([]);
      expect(
        two.body.proposals.find((p: any) => p.factor === 'deploymentFriction'),
      ).toMatchObject({
        available: false,
        source: expect.stringMatching(
          /^Insights measures one group or the whole organisation at a time/,
        ),
      });

      // Accepted unchanged, both are saved as measured with the insights source as evidence.
      const saved = await request(server)
        .post('/api/readiness/assessments')
        .send({
          groupRef: 'payments-team',
          answers: {
            ...planAnswers,
            onboardingTime: { value: 5, source: 'measured' },
            deploymentFriction: { colour: 'yellow', source: 'measured' },
          },
        });
      expect(saved.status).toBe(201);
      const answer = (factor: string) =>
        saved.body.result.answers.find((a: any) => a.factor === factor);
      expect(answer('onboardingTime')).toMatchObject({
        colour: 'yellow',
        value: 5,
        source: 'measured',
      });
      expect(answer('onboardingTime').evidence).toBe(
        proposal('onboardingTime').source,
      );
      expect(answer('deploymentFriction')).toMatchObject({
        colour: 'yellow',
        source: 'measured',
      });
      expect(answer('deploymentFriction').evidence).toBe(
        proposal('deploymentFriction').source,
      );
      const list = await request(server)
        .get('/api/readiness/assessments')
        .query({ group: 'payments-team' });
      expect([...list.body.items[0].measured].sort()).toEqual([
        'deploymentFriction',
        'onboardingTime',
      ]);

      // Claimed as measured but different from the metrics: refused, nothing more saved.
      const changed = await request(server)
        .post('/api/readiness/assessments')
        .send({
          groupRef: 'payments-team',
          answers: {
            ...planAnswers,
            onboardingTime: { value: 4, source: 'measured' },
          },
        });
      expect(changed.status).toBe(400);
      expect(changed.body.error.message).toMatch(
        /^answers\.onboardingTime\.source: measured, but the portal gives 5 \(Insights, /,
      );
      expect(await countRows(knex)).toEqual([1, 7, 0]);
    },
  );

  it.each(databases.eachSupportedId())(
    'proposes neither, and says why, without delivery data or when insights fails, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const server = await start(knex, AuthorizeResult.ALLOW, [
        fakeInsightsPlugin,
      ]);
      const delivery = async (backend = server) => {
        const res = await request(backend)
          .get('/api/readiness/evidence')
          .query({ group: 'payments-team' });
        expect(res.status).toBe(200);
        const found = (factor: string) =>
          res.body.proposals.find((p: any) => p.factor === factor);
        expect(found('teamSize').available).toBe(true);
        for (const factor of ['onboardingTime', 'deploymentFriction']) {
          expect(found(factor)).toMatchObject({
            available: false,
            value: null,
            colour: null,
          });
        }
        return {
          onboarding: found('onboardingTime').source,
          friction: found('deploymentFriction').source,
        };
      };

      // No deployments, and no service created from a golden path.
      insights.dora = {
        status: 200,
        body: doraBody({
          deployments: 0,
          medianDeployDaysPerWeek: 0,
          frequency: 'low',
          leadTimeHours: null,
          leadTime: null,
        }),
      };
      insights.adoption = {
        status: 200,
        body: adoptionBody({ value: null, numerator: 0, denominator: 0 }),
      };
      const empty = await delivery();
      expect(empty.friction).toMatch(
        /group:default\/payments-team: no production deployments recorded\.$/,
      );
      expect(empty.onboarding).toMatch(
        /no service was created from a golden path/,
      );
      // Nothing measured, so an answer claimed as measured is refused.
      const claimed = await request(server)
        .post('/api/readiness/assessments')
        .send({
          groupRef: 'payments-team',
          answers: {
            ...planAnswers,
            deploymentFriction: { colour: 'red', source: 'measured' },
          },
        });
      expect(claimed.status).toBe(400);
      expect(claimed.body.error.message).toMatch(
        /^answers\.deploymentFriction\.source: the portal has no measurement/,
      );

      // Fewer than half of the new services reached production: 1 × 2 = 2 < 3.
      insights.adoption = {
        status: 200,
        body: adoptionBody({ value: 2, numerator: 1, denominator: 3 }),
      };
      expect((await delivery()).onboarding).toMatch(
        /only 1 of the 3 services .* would understate the wait\.$/,
      );

      // Insights fails, or answers in a form it never had.
      insights.dora = {
        status: 500,
        body: {
          error: { name: 'Error', message: 'database is down' },
          response: { statusCode: 500 },
        },
      };
      insights.adoption = { status: 200, body: { kpis: 'none' } };
      const failing = await delivery();
      expect(failing.friction).toBe(
        'Insights answered 500: database is down; answer from your own knowledge.',
      );
      expect(failing.onboarding).toMatch(
        /^Insights answered in an unexpected form \(kpis: /,
      );

      // Insights not installed: its routes are not found.
      const missing = await delivery(await start(knex));
      expect(missing.friction).toBe(
        'No delivery metrics: the insights plugin is not installed (/dora not found); answer from your own knowledge.',
      );
      expect(missing.onboarding).toBe(
        'No delivery metrics: the insights plugin is not installed (/adoption not found); answer from your own knowledge.',
      );
      expect(await countRows(knex)).toEqual([0, 0, 0]);
    },
  );

  it.each(databases.eachSupportedId())(
    'proposes maturity answers from the scorecards, read as the caller, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const server = await start(knex, AuthorizeResult.ALLOW, [
        fakeScorecardsPlugin,
      ]);
      scorecards.calls = [];
      // 12 of 15 made from a golden path: 24 > 15 → adoption.newServices 3;
      // 9 of those 12 on the latest version: 18 > 12 → operations.upgrades 3.
      scorecards.summary = {
        status: 200,
        body: summaryBody(15, 12, 9, ['2026-12-01', '2026-12-02']),
      };
      const before = Date.now();
      const evidence = await request(server)
        .get('/api/readiness/evidence')
        .set('Authorization', mockCredentials.user.header('user:default/elena'))
        .query({ group: 'payments-team' });
      expect(evidence.status).toBe(200);
      expect(scorecards.calls).toEqual([
        { owner: 'group:default/payments-team', user: 'user:default/elena' },
      ]);
      const [newServices, upgrades] = evidence.body.maturityProposals;
      expect(newServices).toMatchObject({
        question: 'adoption.newServices',
        available: true,
        level: 3,
        share: 0.8,
        figure: 'Golden path adoption: services made from a golden path',
      });
      expect(Date.parse(newServices.measuredAt)).toBeGreaterThanOrEqual(
        before - 1000,
      );
      expect(newServices.source).toMatch(
        /^Scorecards, group:default\/payments-team, read \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC from the latest collected golden path facts \(services last evaluated 2026-12-02\): 12 of 15 services \(80\.0%\) were made from a golden path/,
      );
      expect(upgrades).toMatchObject({
        question: 'operations.upgrades',
        available: true,
        level: 3,
        share: 0.75,
      });
      // The factors' proposals are still there, and nothing is saved.
      expect(
        evidence.body.proposals.find((p: any) => p.factor === 'teamSize'),
      ).toMatchObject({ available: true, value: 3 });

      // The organisation: every service, no owner.
      scorecards.calls = [];
      scorecards.summary = { status: 200, body: summaryBody(0, 0, 0, []) };
      const org = await request(server)
        .get('/api/readiness/evidence')
        .query({ group: 'acme' });
      expect(scorecards.calls).toEqual([
        { owner: undefined, user: 'user:default/mock' },
      ]);
      // No golden path facts collected yet: nothing proposed, and it says so.
      expect(
        org.body.maturityProposals.map((p: any) => [p.available, p.level]),
      ).toEqual([
        [false, null],
        [false, null],
      ]);
      expect(org.body.maturityProposals[0].source).toMatch(
        /^Scorecards, the whole organisation, .*: no service has a collected golden path fact yet, so there is no share to read; answer from your own knowledge\.$/,
      );

      // The scorecards refuse the caller.
      scorecards.summary = {
        status: 403,
        body: {
          error: {
            name: 'NotAllowedError',
            message: 'Not allowed: scorecards.read',
          },
          response: { statusCode: 403 },
        },
      };
      const refused = await request(server)
        .get('/api/readiness/evidence')
        .query({ group: 'payments-team' });
      expect(refused.status).toBe(200);
      expect(refused.body.maturityProposals[1]).toMatchObject({
        available: false,
        source:
          'You may not read the scorecards (Not allowed: scorecards.read); answer from your own knowledge.',
      });

      // The scorecards not installed.
      const missing = await request(await start(knex))
        .get('/api/readiness/evidence')
        .query({ group: 'payments-team' });
      expect(missing.status).toBe(200);
      expect(missing.body.maturityProposals[0].source).toBe(
        'No scorecard figures: the scorecards plugin is not installed (/summary not found); answer from your own knowledge.',
      );
      expect(await countRows(knex)).toEqual([0, 0, 0]);
    },
  );
});
